import { describe, it } from 'node:test';
import { assertFixRoundTrip, expectFindings } from '../../helpers';

const ID = 'kubernetes/capabilities-not-dropped';

describe(ID, () => {
  it('reports missing drop ALL at the name, an incomplete drop at its key, and added capabilities', () => {
    expectFindings(ID, 'p.yaml', `apiVersion: v1
kind: Pod
metadata:
  name: x
spec:
  containers:
  - ⟦name⟧: a
    image: x
  - name: b
    image: x
    securityContext:
      capabilities:
        ⟦drop⟧: [NET_RAW, all]
  - name: c
    image: x
    securityContext:
      capabilities:
        drop: ["ALL"]
        add: [NET_BIND_SERVICE, ⟦CHOWN⟧]
`);
  });
  it('is silent before 1.22, at baseline, and for Windows pods', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n    image: x\n';
    expectFindings(ID, 'p.yaml', text, { config: { kubernetes: { version: 21 } } });
    expectFindings(ID, 'p.yaml', text, { config: { kubernetes: { profile: 'baseline' } } });
    expectFindings(ID, 'p.yaml', text.replace('spec:\n', 'spec:\n  os: {name: windows}\n'));
  });
  it('fix creates capabilities.drop: [ALL] in a new securityContext', () => {
    assertFixRoundTrip(ID, 'p.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n    - name: a\n      image: x\n', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n    - name: a\n      image: x\n      securityContext:\n        capabilities:\n          drop:\n            - ALL\n');
  });
  it('fix merges ALL into an existing drop list', () => {
    assertFixRoundTrip(ID, 'p.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n    image: x\n    securityContext:\n      capabilities:\n        drop:\n        - NET_RAW # old advice\n', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n    image: x\n    securityContext:\n      capabilities:\n        drop:\n        - NET_RAW # old advice\n        - ALL\n');
    assertFixRoundTrip(ID, 'p.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n    image: x\n    securityContext:\n      capabilities: {add: [NET_BIND_SERVICE]}\n', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n    image: x\n    securityContext:\n      capabilities: {add: [NET_BIND_SERVICE], drop: [ALL]}\n');
  });
});
