import { describe, it } from 'node:test';
import { applyFix, assert, expectFindings } from '../../helpers';

const ID = 'kubernetes/run-as-root-user';
const TEXT = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  securityContext:\n    runAsUser: ⟦0⟧\n  containers:\n  - name: a\n    image: x\n    securityContext: {runAsUser: ⟦0⟧}\n  - name: b\n    image: x\n    securityContext: {runAsUser: 1000, runAsGroup: 0}\n';

describe(ID, () => {
  it('reports runAsUser: 0 at pod and container level from 1.23 (restricted)', () => {
    expectFindings(ID, 'p.yaml', TEXT);
    expectFindings(ID, 'p.yaml', TEXT.replace(/[⟦⟧]/g, ''), { config: { kubernetes: { version: 22 } } });
    expectFindings(ID, 'p.yaml', TEXT.replace(/[⟦⟧]/g, ''), { config: { kubernetes: { profile: 'baseline' } } });
  });
  it('offers non-zero UIDs as choices (no mechanical fix)', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n    image: x\n    securityContext:\n      runAsUser: 0\n';
    assert.equal(applyFix(ID, 'p.yaml', text, { title: 'Run as UID 10001' }), text.replace('runAsUser: 0', 'runAsUser: 10001'));
    assert.equal(applyFix(ID, 'p.yaml', text, { title: /^Remove/ }), text.replace('    securityContext:\n      runAsUser: 0\n', '    securityContext: {}\n'));
  });
});
