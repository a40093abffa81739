import { describe, it } from 'node:test';
import { assertFixRoundTrip, expectFindings } from '../../helpers';

const ID = 'kubernetes/allow-privilege-escalation';

describe(ID, () => {
  it('reports true at the key and missing settings at the container name', () => {
    expectFindings(ID, 'd.yaml', `apiVersion: apps/v1
kind: Deployment
metadata:
  name: x
spec:
  template:
    spec:
      initContainers:
      - ⟦name⟧: init
        image: x
      containers:
      - ⟦name⟧: app
        image: x
        securityContext:
          runAsUser: 1000
      - name: side
        image: x
        securityContext:
          ⟦allowPrivilegeEscalation⟧: true
      - name: ok
        image: x
        securityContext: {allowPrivilegeEscalation: false}
`);
  });
  it('is silent at baseline, before 1.8, for Windows pods from 1.25, and for patches', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: app\n    image: x\n';
    expectFindings(ID, 'p.yaml', text, { config: { kubernetes: { profile: 'baseline' } } });
    expectFindings(ID, 'p.yaml', text, { config: { kubernetes: { version: 7 } } });
    expectFindings(ID, 'p.yaml', text.replace('spec:\n', 'spec:\n  os: {name: windows}\n'));
    expectFindings(ID, 'p.yaml', text.replace('spec:\n', 'spec:\n  os: {name: windows}\n').replace('- name', '- ⟦name⟧'), { config: { kubernetes: { version: 24 } } });
    // Strategic-merge patch (no image) in a kustomize overlay.
    expectFindings(ID, 'overlays/prod/patch-resources.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        resources: {limits: {memory: 512Mi}}\n');
    expectFindings(ID, 'overlays/prod/deployment.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        securityContext:\n          ⟦allowPrivilegeEscalation⟧: true\n');
  });
  it('fix creates the securityContext when missing (2 spaces, flush list)', () => {
    assertFixRoundTrip(ID, 'p.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: app\n    image: x # pinned\n', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: app\n    image: x # pinned\n    securityContext:\n      allowPrivilegeEscalation: false\n');
  });
  it('fix merges into an existing securityContext (4 spaces, indented list)', () => {
    assertFixRoundTrip(ID, 'p.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n    name: x\nspec:\n    containers:\n        -   name: app\n            image: x\n            securityContext:\n                runAsUser: 1000\n', 'apiVersion: v1\nkind: Pod\nmetadata:\n    name: x\nspec:\n    containers:\n        -   name: app\n            image: x\n            securityContext:\n                runAsUser: 1000\n                allowPrivilegeEscalation: false\n');
  });
  it('fix sets false in flow style and flips true', () => {
    assertFixRoundTrip(ID, 'p.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec:\n  containers:\n  - {name: app, image: x, securityContext: {runAsUser: 1000}}\n', 'apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec:\n  containers:\n  - {name: app, image: x, securityContext: {runAsUser: 1000, allowPrivilegeEscalation: false}}\n');
    assertFixRoundTrip(ID, 'p.yaml', 'apiVersion: v1\r\nkind: Pod\r\nmetadata: {name: x}\r\nspec:\r\n  containers:\r\n  - name: app\r\n    image: x\r\n    securityContext:\r\n      allowPrivilegeEscalation: true\r\n', 'apiVersion: v1\r\nkind: Pod\r\nmetadata: {name: x}\r\nspec:\r\n  containers:\r\n  - name: app\r\n    image: x\r\n    securityContext:\r\n      allowPrivilegeEscalation: false\r\n');
  });
});
