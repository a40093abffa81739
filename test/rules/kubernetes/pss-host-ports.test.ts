import { describe, it } from 'node:test';
import { assertFixRoundTrip, expectFindings } from '../../helpers';

const ID = 'kubernetes/host-ports';

describe(ID, () => {
  it('reports non-zero hostPort in every container list', () => {
    expectFindings(ID, 'p.yaml', `apiVersion: v1
kind: Pod
metadata:
  name: x
spec:
  initContainers:
  - name: init
    image: x
    ports:
    - containerPort: 53
      ⟦hostPort⟧: 53
  containers:
  - name: app
    image: x
    ports:
    - {containerPort: 80, ⟦hostPort⟧: 8080}
    - containerPort: 81
      hostPort: 0
`);
  });
  it('stays silent for containerPort only', () => {
    expectFindings(ID, 'p.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: app\n    image: x\n    ports:\n    - containerPort: 8080\n      name: http\n');
  });
  it('fix removes hostPort (also as the first key of the item)', () => {
    assertFixRoundTrip(ID, 'p.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: app\n    image: x\n    ports:\n    - hostPort: 8080\n      containerPort: 8080\n', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: app\n    image: x\n    ports:\n    - containerPort: 8080\n');
  });
});
