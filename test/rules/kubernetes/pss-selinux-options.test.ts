import { describe, it } from 'node:test';
import { assertFixRoundTrip, expectFindings } from '../../helpers';

const ID = 'kubernetes/selinux-options';

describe(ID, () => {
  it('reports custom type, user and role at the value', () => {
    expectFindings(ID, 'p.yaml', `apiVersion: v1
kind: Pod
metadata:
  name: x
spec:
  securityContext:
    seLinuxOptions:
      type: ⟦spc_t⟧
      level: "s0:c1,c2"
  containers:
  - name: app
    image: x
    securityContext:
      seLinuxOptions:
        user: ⟦system_u⟧
        role: ⟦system_r⟧
        type: container_t
`);
  });
  it('allows the container types, container_engine_t from 1.31, and level', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  securityContext:\n    seLinuxOptions: {type: container_engine_t, level: "s0:c1"}\n  containers:\n  - name: a\n    image: x\n    securityContext:\n      seLinuxOptions: {type: container_kvm_t, user: ""}\n';
    expectFindings(ID, 'p.yaml', text);
    expectFindings(ID, 'p.yaml', text.replace('{type: container_engine_t', '{type: ⟦container_engine_t⟧'), { config: { kubernetes: { version: 30 } } });
  });
  it('fix removes the option', () => {
    assertFixRoundTrip(ID, 'p.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  securityContext:\n    seLinuxOptions:\n      type: spc_t\n      level: s0\n  containers: [{name: a, image: x}]\n', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  securityContext:\n    seLinuxOptions:\n      level: s0\n  containers: [{name: a, image: x}]\n');
  });
});
