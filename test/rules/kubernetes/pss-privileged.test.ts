import { describe, it } from 'node:test';
import { assertFixRoundTrip, expectFindings } from '../../helpers';

const ID = 'kubernetes/privileged';

describe(ID, () => {
  it('reports privileged: true on containers, init and ephemeral containers', () => {
    expectFindings(ID, 'p.yaml', `apiVersion: v1
kind: Pod
metadata:
  name: x
spec:
  initContainers:
  - name: init
    image: busybox:1.36
    securityContext: {⟦privileged⟧: true}
  containers:
  - name: app
    image: app:1
    securityContext:
      ⟦privileged⟧: true
  - name: ok
    image: app:1
    securityContext:
      privileged: false
  ephemeralContainers:
  - name: debug
    image: busybox:1.36
    securityContext:
      ⟦privileged⟧: true
`);
  });
  it('does not inherit privileged from the pod level (there is no such field)', () => {
    expectFindings(ID, 'p.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  securityContext:\n    privileged: true\n  containers:\n  - name: app\n    image: app:1\n');
  });
  it('reports a value merged from a YAML anchor once, at the anchor', () => {
    expectFindings(ID, 'p.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n    image: app:1\n    securityContext: &sc\n      ⟦privileged⟧: true\n  - name: b\n    image: app:1\n    securityContext:\n      <<: *sc\n');
  });
  it('stays silent for Helm-templated values', () => {
    expectFindings(ID, 'chart/templates/d.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: "{{ .Values.image }}"\n        securityContext:\n          privileged: {{ .Values.privileged }}\n');
  });
  it('fix sets false keeping the rest', () => {
    assertFixRoundTrip(ID, 'p.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: app\n    image: app:1\n    securityContext:\n      privileged: true  # for GPUs\n', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: app\n    image: app:1\n    securityContext:\n      privileged: false  # for GPUs\n');
    assertFixRoundTrip(ID, 'p.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: app\n    image: app:1\n    securityContext:\n      privileged: true\n      runAsUser: 1000\n', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: app\n    image: app:1\n    securityContext:\n      runAsUser: 1000\n', { title: 'Remove `privileged`' });
  });
});
