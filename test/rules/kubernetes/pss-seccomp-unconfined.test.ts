import { describe, it } from 'node:test';
import { assertFixRoundTrip, expectFindings } from '../../helpers';

const ID = 'kubernetes/seccomp-unconfined';

describe(ID, () => {
  it('reports Unconfined fields at pod and container level', () => {
    expectFindings(ID, 'p.yaml', `apiVersion: v1
kind: Pod
metadata:
  name: x
spec:
  securityContext:
    seccompProfile:
      type: ⟦Unconfined⟧
  containers:
  - name: app
    image: x
    securityContext:
      seccompProfile: {type: "⟦Unconfined⟧"}
  - name: ok
    image: x
    securityContext:
      seccompProfile: {type: RuntimeDefault}
`.replace('"⟦Unconfined⟧"', '⟦"Unconfined"⟧'));
  });
  it('reports the legacy annotations before 1.27 and not after', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  annotations:\n    seccomp.security.alpha.kubernetes.io/pod: ⟦unconfined⟧\n    container.seccomp.security.alpha.kubernetes.io/app: ⟦unconfined⟧\n    container.seccomp.security.alpha.kubernetes.io/side: runtime/default\nspec:\n  containers: [{name: app, image: x}, {name: side, image: x}]\n';
    expectFindings(ID, 'p.yaml', text, { config: { kubernetes: { version: 18 } } });
    expectFindings(ID, 'p.yaml', text, { config: { kubernetes: { version: 26 } } });
    expectFindings(ID, 'p.yaml', text.replace(/[⟦⟧]/g, ''), { config: { kubernetes: { version: 27 } } });
  });
  it('ignores the fields before 1.19', () => {
    expectFindings(ID, 'p.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  securityContext:\n    seccompProfile: {type: Unconfined}\n  containers: [{name: a, image: x}]\n', { config: { kubernetes: { version: 18 } } });
  });
  it('fix sets RuntimeDefault', () => {
    assertFixRoundTrip(ID, 'p.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  securityContext:\n    seccompProfile:\n      type: Unconfined\n  containers: [{name: a, image: x}]\n', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n  containers: [{name: a, image: x}]\n');
  });
});
