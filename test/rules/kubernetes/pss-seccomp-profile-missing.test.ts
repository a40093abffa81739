import { describe, it } from 'node:test';
import { assertFixRoundTrip, expectFindings } from '../../helpers';

const ID = 'kubernetes/seccomp-profile-missing';

describe(ID, () => {
  it('reports a pod without any profile once, at its spec key', () => {
    expectFindings(ID, 'p.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n⟦spec⟧:\n  containers:\n  - name: a\n    image: x\n');
  });
  it('reports containers without a profile when the pod has none, and invalid types', () => {
    expectFindings(ID, 'p.yaml', `apiVersion: v1
kind: Pod
metadata:
  name: x
spec:
  containers:
  - name: a
    image: x
    securityContext:
      seccompProfile: {type: RuntimeDefault}
  - ⟦name⟧: b
    image: x
  initContainers:
  - name: c
    image: x
    securityContext:
      seccompProfile:
        type: ⟦Unconfined⟧
`);
  });
  it('accepts RuntimeDefault or Localhost at pod level', () => {
    expectFindings(ID, 'p.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  securityContext:\n    seccompProfile:\n      type: Localhost\n      localhostProfile: profiles/app.json\n  containers:\n  - name: a\n    image: x\n');
  });
  it('is silent before 1.19, at baseline, and for Windows pods from 1.25', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n    image: x\n';
    expectFindings(ID, 'p.yaml', text, { config: { kubernetes: { version: 18 } } });
    expectFindings(ID, 'p.yaml', text, { config: { kubernetes: { profile: 'baseline' } } });
    expectFindings(ID, 'p.yaml', text.replace('spec:\n', 'spec:\n  os:\n    name: windows\n'));
  });
  it('fix adds RuntimeDefault at pod level', () => {
    assertFixRoundTrip(ID, 'p.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  securityContext:\n    runAsNonRoot: true\n  containers:\n  - name: a\n    image: x\n', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile:\n      type: RuntimeDefault\n  containers:\n  - name: a\n    image: x\n');
  });
});
