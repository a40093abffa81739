import { describe, it } from 'node:test';
import { assertFixRoundTrip, expectFindings } from '../../helpers';

const ID = 'kubernetes/run-as-non-root';

describe(ID, () => {
  it('reports a pod with no runAsNonRoot once, at its spec key', () => {
    expectFindings(ID, 'd.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  template:\n    ⟦spec⟧:\n      containers:\n      - name: a\n        image: x\n      - name: b\n        image: x\n');
  });
  it('reports containers that miss it when others set it, and explicit false', () => {
    expectFindings(ID, 'p.yaml', `apiVersion: v1
kind: Pod
metadata:
  name: x
spec:
  containers:
  - name: a
    image: x
    securityContext: {runAsNonRoot: true}
  - ⟦name⟧: b
    image: x
  initContainers:
  - name: c
    image: x
    securityContext:
      runAsNonRoot: ⟦false⟧
`);
  });
  it('accepts the pod level inherited by containers', () => {
    expectFindings(ID, 'p.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  securityContext:\n    runAsNonRoot: true\n  containers:\n  - name: a\n    image: x\n');
  });
  it('reports pod-level false even when containers set true', () => {
    expectFindings(ID, 'p.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  securityContext:\n    runAsNonRoot: ⟦false⟧\n  containers:\n  - name: a\n    image: x\n    securityContext: {runAsNonRoot: true}\n');
  });
  it('is silent at baseline', () => {
    expectFindings(ID, 'p.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n    image: x\n', { config: { kubernetes: { profile: 'baseline' } } });
  });
  it('fix sets runAsNonRoot at pod level', () => {
    assertFixRoundTrip(ID, 'd.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        image: x\n      volumes: []\n', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        image: x\n      volumes: []\n      securityContext:\n        runAsNonRoot: true\n');
    assertFixRoundTrip(ID, 'd.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  securityContext:\n    fsGroup: 2000\n  containers:\n  - name: a\n    image: x\n', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  securityContext:\n    fsGroup: 2000\n    runAsNonRoot: true\n  containers:\n  - name: a\n    image: x\n');
  });
});
