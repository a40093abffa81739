import { describe, it } from 'node:test';
import { assertFixRoundTrip, expectFindings } from '../../helpers';

const RULE = 'kubernetes/read-only-root-filesystem';

describe(RULE, () => {
  it('reports a missing setting at the container name key and an explicit false at its value', () => {
    expectFindings(
      RULE,
      'deploy.yaml',
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      initContainers:
        - ⟦name⟧: init
          image: busybox:1.36
      containers:
        - ⟦name⟧: app
          image: nginx:1.27
          securityContext:
            runAsNonRoot: true
        - name: sidecar
          image: envoyproxy/envoy:v1.31.0
          securityContext:
            readOnlyRootFilesystem: ⟦false⟧
`,
    );
  });

  it('checks every document of a file and CronJob job templates', () => {
    expectFindings(
      RULE,
      'jobs.yaml',
      `apiVersion: v1
kind: Pod
metadata:
  name: a
spec:
  containers:
    - name: ok
      image: busybox:1.36
      securityContext: {readOnlyRootFilesystem: true}
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - ⟦name⟧: backup
              image: registry.example.com/backup:2.0.1
`,
    );
  });

  it('stays silent for hardened containers, Windows pods, patches and templated contexts', () => {
    expectFindings(
      RULE,
      'deploy.yaml',
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            readOnlyRootFilesystem: true
            allowPrivilegeEscalation: false
`,
    );
    expectFindings(
      RULE,
      'win.yaml',
      `apiVersion: v1
kind: Pod
metadata:
  name: win
spec:
  os:
    name: windows
  containers:
    - name: iis
      image: mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022
`,
    );
    // kubernetes/website's Windows examples pick Windows nodes with a nodeSelector instead of spec.os
    expectFindings(
      RULE,
      'windows/run-as-username-pod.yaml',
      `{
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "run-as-username-pod-demo" },
  spec: {
    containers: [{ name: "demo", image: "mcr.microsoft.com/windows/servercore:ltsc2019" }],
    nodeSelector: { kubernetes.io/os: "windows" },
  },
}
`,
    );
    // A kustomize patch only changes some fields: the setting may be in the base.
    expectFindings(
      RULE,
      'overlays/prod/patch-replicas.yaml',
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.27
`,
    );
    expectFindings(
      RULE,
      'chart/templates/deployment.yaml',
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "app.fullname" . }}
spec:
  template:
    spec:
      containers:
        - name: app
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
          securityContext:
            {{- toYaml .Values.securityContext | nindent 12 }}
`,
    );
  });

  it('fix creates the securityContext when it is missing', () => {
    assertFixRoundTrip(
      RULE,
      'pod.yaml',
      `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: app
      image: nginx:1.27  # web server
`,
      `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: app
      image: nginx:1.27  # web server
      securityContext:
        readOnlyRootFilesystem: true
`,
    );
  });

  it('fix merges into an existing block or flow securityContext, and flips false', () => {
    const pod = (context: string): string => `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: app
      image: nginx:1.27
${context}`;
    assertFixRoundTrip(RULE, 'pod.yaml', pod('      securityContext:\n        runAsNonRoot: true\n'), pod('      securityContext:\n        runAsNonRoot: true\n        readOnlyRootFilesystem: true\n'));
    assertFixRoundTrip(RULE, 'pod.yaml', pod('      securityContext: {runAsNonRoot: true}\n'), pod('      securityContext: {runAsNonRoot: true, readOnlyRootFilesystem: true}\n'));
    assertFixRoundTrip(RULE, 'pod.yaml', pod('      securityContext:\n        readOnlyRootFilesystem: false\n'), pod('      securityContext:\n        readOnlyRootFilesystem: true\n'));
  });

  it('fix keeps 4-space indentation and CRLF line breaks', () => {
    const before = 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n    name: p\r\nspec:\r\n    containers:\r\n        -   name: app\r\n            image: nginx:1.27\r\n';
    const after = 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n    name: p\r\nspec:\r\n    containers:\r\n        -   name: app\r\n            image: nginx:1.27\r\n            securityContext:\r\n                readOnlyRootFilesystem: true\r\n';
    assertFixRoundTrip(RULE, 'pod.yaml', before, after);
  });
});
