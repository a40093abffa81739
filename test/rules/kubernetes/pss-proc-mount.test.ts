import { describe, it } from 'node:test';
import { assertFixRoundTrip, expectFindings } from '../../helpers';

const ID = 'kubernetes/proc-mount';
const pod = (hostUsers: string, value: string): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n${hostUsers}  containers:\n  - name: app\n    image: x\n    securityContext:\n      procMount: ${value}\n`;

describe(ID, () => {
  it('reports procMount other than Default at the value', () => {
    expectFindings(ID, 'p.yaml', pod('', '⟦Unmasked⟧'));
    expectFindings(ID, 'p.yaml', pod('', 'Default'));
  });
  it('baseline since 1.35 allows Unmasked with hostUsers: false; restricted never does', () => {
    expectFindings(ID, 'p.yaml', pod('  hostUsers: false\n', 'Unmasked'), { config: { kubernetes: { profile: 'baseline', version: 35 } } });
    expectFindings(ID, 'p.yaml', pod('  hostUsers: false\n', '⟦Unmasked⟧'), { config: { kubernetes: { profile: 'baseline', version: 34 } } });
    expectFindings(ID, 'p.yaml', pod('  hostUsers: true\n', '⟦Unmasked⟧'), { config: { kubernetes: { profile: 'baseline', version: 35 } } });
    expectFindings(ID, 'p.yaml', pod('  hostUsers: false\n', '⟦Unmasked⟧'), { config: { kubernetes: { profile: 'restricted', version: 35 } } });
  });
  it('fix removes procMount', () => {
    assertFixRoundTrip(ID, 'p.yaml', pod('', 'Unmasked').replace('\n      procMount', '\n      readOnlyRootFilesystem: true\n      procMount'), pod('', 'X').replace('\n      procMount: X', '\n      readOnlyRootFilesystem: true'));
  });
});
