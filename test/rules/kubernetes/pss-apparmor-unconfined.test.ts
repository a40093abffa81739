import { describe, it } from 'node:test';
import { assertFixRoundTrip, expectFindings } from '../../helpers';

const ID = 'kubernetes/apparmor-unconfined';

describe(ID, () => {
  it('reports Unconfined fields (1.30+) at pod and container level', () => {
    expectFindings(ID, 'p.yaml', `apiVersion: v1
kind: Pod
metadata:
  name: x
spec:
  securityContext:
    appArmorProfile:
      type: ⟦Unconfined⟧
  containers:
  - name: app
    image: x
    securityContext:
      appArmorProfile: {type: ⟦Unconfined⟧}
  - name: ok
    image: x
    securityContext:
      appArmorProfile: {type: Localhost, localhostProfile: k8s-nginx}
`);
  });
  it('ignores the fields before 1.30 (they did not exist)', () => {
    expectFindings(ID, 'p.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  securityContext:\n    appArmorProfile:\n      type: Unconfined\n  containers: [{name: a, image: x}]\n', { config: { kubernetes: { version: 29 } } });
  });
  it('reports annotations other than runtime/default and localhost/* on the pod template', () => {
    expectFindings(ID, 'd.yaml', `apiVersion: apps/v1
kind: Deployment
metadata:
  name: x
  annotations:
    container.apparmor.security.beta.kubernetes.io/app: unconfined
spec:
  template:
    metadata:
      annotations:
        container.apparmor.security.beta.kubernetes.io/app: ⟦unconfined⟧
        container.apparmor.security.beta.kubernetes.io/side: localhost/custom
        container.apparmor.security.beta.kubernetes.io/init: runtime/default
    spec:
      containers: [{name: app, image: x}, {name: side, image: x}]
`, { config: { kubernetes: { profile: 'baseline', version: 20 } } });
  });
  it('fix sets RuntimeDefault / runtime/default keeping the quoting', () => {
    assertFixRoundTrip(ID, 'p.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  annotations:\n    container.apparmor.security.beta.kubernetes.io/a: "unconfined"\nspec:\n  containers: [{name: a, image: x}]\n', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  annotations:\n    container.apparmor.security.beta.kubernetes.io/a: "runtime/default"\nspec:\n  containers: [{name: a, image: x}]\n');
    assertFixRoundTrip(ID, 'p.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  securityContext:\n    appArmorProfile:\n      type: Unconfined\n  containers: [{name: a, image: x}]\n', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  securityContext:\n    appArmorProfile:\n      type: RuntimeDefault\n  containers: [{name: a, image: x}]\n');
  });
});
