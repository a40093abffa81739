import { describe, it } from 'node:test';
import { assertFixRoundTrip, expectFindings } from '../../helpers';

const ID = 'kubernetes/windows-host-process';

describe(ID, () => {
  it('reports hostProcess: true at pod and container level', () => {
    expectFindings(ID, 'p.yaml', `apiVersion: v1
kind: Pod
metadata:
  name: x
spec:
  os: {name: windows}
  hostNetwork: true
  securityContext:
    windowsOptions:
      ⟦hostProcess⟧: true
      runAsUserName: "NT AUTHORITY\\\\SYSTEM"
  containers:
  - name: a
    image: x
    securityContext:
      windowsOptions: {⟦hostProcess⟧: true}
  - name: b
    image: x
    securityContext:
      windowsOptions: {hostProcess: false}
`);
  });
  it('fix removes hostProcess', () => {
    assertFixRoundTrip(ID, 'p.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n    image: x\n    securityContext:\n      windowsOptions:\n        hostProcess: true\n        runAsUserName: ContainerUser\n', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n    image: x\n    securityContext:\n      windowsOptions:\n        runAsUserName: ContainerUser\n');
  });
});
