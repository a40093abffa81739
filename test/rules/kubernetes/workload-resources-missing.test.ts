import { describe, it } from 'node:test';
import { assertFixRoundTrip, expectFindings } from '../../helpers';

const RULE = 'kubernetes/resources-missing';
const TITLE = /^Add resource requests and a memory limit/;

const deployment = (containers: string): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
${containers}`;

describe(RULE, () => {
  it('reports containers without a memory limit or requests, at their name key', () => {
    expectFindings(
      RULE,
      'deploy.yaml',
      deployment(`        - ⟦name⟧: none
          image: nginx:1.27
        - ⟦name⟧: requests-only
          image: nginx:1.27
          resources:
            requests: {cpu: 100m, memory: 128Mi}
        - ⟦name⟧: no-cpu
          image: nginx:1.27
          resources:
            limits:
              memory: 256Mi
        - ⟦name⟧: empty
          image: nginx:1.27
          resources: {}
`),
    );
  });

  it('accepts limits that imply requests, and skips ephemeral containers and patches', () => {
    expectFindings(
      RULE,
      'deploy.yaml',
      deployment(`        - name: guaranteed
          image: nginx:1.27
          resources:
            limits: {cpu: "1", memory: 512Mi}
        - name: burstable
          image: nginx:1.27
          resources:
            requests:
              cpu: 250m
              memory: 256Mi
            limits:
              memory: 256Mi
`),
    );
    expectFindings(
      RULE,
      'pod.yaml',
      `apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  containers:
    - name: app
      image: nginx:1.27
      resources:
        requests: {cpu: 100m, memory: 64Mi}
        limits: {memory: 64Mi}
  ephemeralContainers:
    - name: debugger
      image: busybox:1.36
`,
    );
    expectFindings(RULE, 'kustomize/patch-image.yaml', deployment(`        - name: app\n          image: nginx:1.27\n`));
  });

  it('stays silent when a Helm template fills resources', () => {
    expectFindings(
      RULE,
      'chart/templates/deployment.yaml',
      deployment(`        - name: app
          image: "{{ .Values.image }}"
          resources: {{- toYaml .Values.resources | nindent 12 }}
`),
    );
  });

  it('fix inserts requests and a memory limit', () => {
    assertFixRoundTrip(
      RULE,
      'deploy.yaml',
      deployment(`        - name: app
          image: nginx:1.27
`),
      deployment(`        - name: app
          image: nginx:1.27
          resources:
            requests:
              cpu: "100m"
              memory: "256Mi"
            limits:
              memory: "256Mi"
`),
      { title: TITLE },
    );
  });

  it('fix only adds what is missing and matches the memory limit to the request', () => {
    assertFixRoundTrip(
      RULE,
      'deploy.yaml',
      deployment(`        - name: app
          image: nginx:1.27
          resources:
            requests:
              memory: 512Mi
`),
      deployment(`        - name: app
          image: nginx:1.27
          resources:
            requests:
              memory: 512Mi
              cpu: "100m"
            limits:
              memory: "512Mi"
`),
      { title: TITLE },
    );
  });
});
