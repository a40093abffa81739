import { describe, it } from 'node:test';
import { assert, assertFixRoundTrip, expectFindings, findingsOf } from '../../helpers';

const ID = 'kubernetes/host-namespaces';

describe(ID, () => {
  it('reports hostNetwork, hostPID and hostIPC set to true, at the key, in every workload kind (a quoted string is not a boolean)', () => {
    expectFindings(ID, 'ds.yaml', `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  template:
    spec:
      ⟦hostNetwork⟧: true
      ⟦hostPID⟧: true
      hostIPC: false
      containers:
      - name: agent
        image: agent:1.0
---
apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  ⟦hostIPC⟧: true
  containers:
  - name: sh
    image: busybox:1.36
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: c
spec:
  jobTemplate:
    spec:
      template:
        spec:
          hostNetwork: "true"
          containers: [{name: a, image: x}]
`);
  });
  it('applies at the baseline profile too, and in CRDs embedding a pod template', () => {
    expectFindings(ID, 'rollout.yaml', 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata:\n  name: r\nspec:\n  template:\n    spec:\n      ⟦hostPID⟧: true\n      containers:\n      - name: app\n        image: app:1\n', { config: { kubernetes: { profile: 'baseline' } } });
  });
  it('stays silent outside pod specs and in files that are not Kubernetes', () => {
    // Helm values file and a ConfigMap holding a manifest as text.
    expectFindings(ID, 'values.yaml', 'hostNetwork: true\nimage:\n  repository: nginx\n');
    expectFindings(ID, 'cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  pod.yaml: |\n    spec:\n      hostNetwork: true\n');
    // A CRD configuring an operator's own (non-pod) settings.
    expectFindings(ID, 'cilium.yaml', 'apiVersion: example.io/v1\nkind: AgentConfig\nmetadata:\n  name: x\nspec:\n  hostNetwork: true\n');
  });
  it('honours lashing-ignore comments and kube-linter / Polaris annotations', () => {
    expectFindings(ID, 'p.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  # lashing-ignore kubernetes/host-namespaces -- node exporter needs host metrics\n  hostNetwork: true\n  hostPID: true # lashing-ignore kubernetes/host-namespaces -- same\n  containers: [{name: a, image: x}]\n');
    expectFindings(ID, 'p.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  annotations:\n    ignore-check.kube-linter.io/host-network: "node agent"\nspec:\n  hostNetwork: true\n  containers: [{name: a, image: x}]\n');
    expectFindings(ID, 'd.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  template:\n    metadata:\n      annotations:\n        polaris.fairwinds.com/hostPIDSet-exempt: "true"\n    spec:\n      hostPID: true\n      containers: [{name: a, image: x}]\n');
    assert.equal(findingsOf(ID, 'd.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  template:\n    metadata:\n      annotations:\n        polaris.fairwinds.com/hostPIDSet-exempt: "false"\n    spec:\n      hostPID: true\n      containers: [{name: a, image: x}]\n').length, 1);
  });
  it('fix removes the key and keeps comments', () => {
    assertFixRoundTrip(ID, 'p.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  # networking\n  hostNetwork: true # needed?\n  containers:\n  - name: a\n    image: x\n', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  # networking\n  containers:\n  - name: a\n    image: x\n');
  });
});
