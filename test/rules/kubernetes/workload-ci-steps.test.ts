// Containers of CI step objects (Tekton, Argo Workflows): explicit dangerous settings are reported
// where they are written; missing settings are not, since the pod-level configuration lives in
// TaskRun pod templates, the workflow spec or controller defaults.
import { describe, it } from 'node:test';
import { analyze, assert, expectFindings, findingsOf } from '../../helpers';

const TASK = `apiVersion: tekton.dev/v1
kind: Task
metadata:
  name: build
spec:
  params:
  - name: BUILDER_IMAGE
    default: quay.io/buildah/stable:v1
  steps:
  - name: build
    image: $(params.BUILDER_IMAGE)
    env:
    - name: REGISTRY_PASSWORD
      value: $(params.PASSWORD)
    securityContext:
      ⟦privileged⟧: true
  - name: push
    image: ⟦alpine⟧
  sidecars:
  - name: dind
    image: docker:27-dind
    securityContext:
      capabilities:
        add: [⟦SYS_ADMIN⟧]
  volumes:
  - name: sock
    ⟦hostPath⟧:
      path: /var/run/docker.sock
`;

const WORKFLOW = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: ci-
spec:
  entrypoint: main
  templates:
  - name: main
    securityContext:
      runAsUser: ⟦0⟧
    container:
      image: "{{inputs.parameters.image}}"
      securityContext:
        ⟦privileged⟧: true
  - name: dag
    dag:
      tasks:
      - name: inline-task
        inline:
          script:
            image: python:3.12
            source: print(1)
            securityContext:
              ⟦allowPrivilegeEscalation⟧: true
`;

// Pod-level fields that apply to every pod of the run: the Argo workflow spec, Tekton pod templates.
const WORKFLOW_SPEC = `apiVersion: argoproj.io/v1alpha1
kind: CronWorkflow
metadata:
  name: nightly
spec:
  schedule: "0 1 * * *"
  workflowSpec:
    entrypoint: main
    ⟦hostNetwork⟧: true
    volumes:
    - name: sock
      hostPath:
        path: /var/run/docker.sock
    templates:
    - name: main
      container: {image: "docker:27"}
`;

const PIPELINE_RUN = `apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  generateName: build-
spec:
  pipelineRef: {name: build}
  taskRunTemplate:
    podTemplate:
      ⟦hostNetwork⟧: true
      securityContext:
        runAsNonRoot: true
`;

// Tekton merges stepTemplate into every step; a step's own value wins, field by field.
const STEP_TEMPLATE = `apiVersion: tekton.dev/v1
kind: Task
metadata:
  name: build
spec:
  stepTemplate:
    image: ⟦alpine⟧
    securityContext:
      ⟦privileged⟧: true
      runAsUser: 0
      capabilities:
        add: [SYS_ADMIN]
  steps:
  - name: compile
    securityContext:
      runAsUser: 1000
      capabilities:
        add: [NET_BIND_SERVICE]
  - name: test
    image: golang:1.22
    securityContext:
      runAsUser: 1001
      ⟦allowPrivilegeEscalation⟧: true
      capabilities:
        drop: [ALL]
        add: []
`;

describe('containers of CI step objects (Tekton, Argo Workflows)', () => {
  it('reports a Tekton stepTemplate setting once at its token, unless every step overrides it', () => {
    const only = (text: string, keep: string): string => text.replace(/⟦([^⟧]*)⟧/g, (all, inner: string) => (inner === keep ? all : inner));
    expectFindings('kubernetes/privileged', 'task.yaml', only(STEP_TEMPLATE, 'privileged'));
    expectFindings('kubernetes/image-unpinned-tag', 'task.yaml', only(STEP_TEMPLATE, 'alpine'));
    expectFindings('kubernetes/allow-privilege-escalation', 'task.yaml', only(STEP_TEMPLATE, 'allowPrivilegeEscalation'));
    // runAsUser and capabilities.add are set by both steps: the template's values never apply.
    expectFindings('kubernetes/run-as-root-user', 'task.yaml', only(STEP_TEMPLATE, ''));
    expectFindings('kubernetes/capabilities-added', 'task.yaml', only(STEP_TEMPLATE, ''));
    const inherited = only(STEP_TEMPLATE, '').replace('      runAsUser: 1000\n', '').replace('        add: [NET_BIND_SERVICE]\n', '        drop: [ALL]\n');
    expectFindings('kubernetes/run-as-root-user', 'task.yaml', inherited.replace('runAsUser: 0', 'runAsUser: ⟦0⟧'));
    expectFindings('kubernetes/capabilities-added', 'task.yaml', inherited.replace('[SYS_ADMIN]', '[⟦SYS_ADMIN⟧]'));
    const overridden = only(STEP_TEMPLATE, '').replace(/runAsUser: 10+\d/g, 'privileged: false').replace('    image: golang:1.22\n', '');
    expectFindings('kubernetes/privileged', 'task.yaml', overridden);
    expectFindings('kubernetes/image-unpinned-tag', 'task.yaml', overridden.replace('image: alpine', 'image: ⟦alpine⟧'));
    const messages = findingsOf('kubernetes/privileged', 'task.yaml', only(STEP_TEMPLATE, '')).map((f) => f.message);
    assert.match(messages[0], /^Step template runs privileged/);
  });
  it('reports a stepTemplate env entry unless every step sets a variable of that name', () => {
    const env = (steps: string): string => `apiVersion: tekton.dev/v1beta1
kind: Task
metadata:
  name: deploy
spec:
  stepTemplate:
    env:
    - name: DEPLOY_PASSWORD
      value: ${'⟦'}correct-horse-battery⟧
  steps:
  - name: one
    image: alpine:3.20
${steps}`;
    expectFindings('kubernetes/secret-in-env', 'task.yaml', env('    env: [{name: OTHER, value: x}]\n'));
    const both = env('    env: [{name: DEPLOY_PASSWORD, valueFrom: {secretKeyRef: {name: s, key: k}}}]\n').replace(/[⟦⟧]/g, '');
    expectFindings('kubernetes/secret-in-env', 'task.yaml', both);
  });
  it('reports pod-level settings of the Argo workflow spec and of Tekton pod templates', () => {
    expectFindings('kubernetes/host-namespaces', 'cron.yaml', WORKFLOW_SPEC);
    expectFindings('kubernetes/docker-socket-mount', 'cron.yaml', WORKFLOW_SPEC.replace(/[⟦⟧]/g, '').replace('path: /var/run/docker.sock', 'path: ⟦/var/run/docker.sock⟧'));
    expectFindings('kubernetes/host-namespaces', 'run.yaml', PIPELINE_RUN);
    const plain = analyze('run.yaml', PIPELINE_RUN.replace(/[⟦⟧]/g, '')).map((f) => f.ruleId);
    assert.deepEqual(plain, ['kubernetes/host-namespaces']);
  });
  it('reports explicit dangerous settings on the exact token', () => {
    expectFindings('kubernetes/privileged', 'task.yaml', TASK.replace(/⟦(alpine|SYS_ADMIN|hostPath)⟧/g, '$1'));
    expectFindings('kubernetes/capabilities-added', 'task.yaml', TASK.replace(/⟦(privileged|alpine|hostPath)⟧/g, '$1'));
    expectFindings('kubernetes/host-path-volume', 'task.yaml', TASK.replace(/⟦(privileged|alpine|SYS_ADMIN)⟧/g, '$1'));
    expectFindings('kubernetes/image-unpinned-tag', 'task.yaml', TASK.replace(/⟦(privileged|SYS_ADMIN|hostPath)⟧/g, '$1'));
    expectFindings('kubernetes/privileged', 'wf.yaml', WORKFLOW.replace(/⟦(0|allowPrivilegeEscalation)⟧/g, '$1'));
    expectFindings('kubernetes/run-as-root-user', 'wf.yaml', WORKFLOW.replace(/⟦(privileged|allowPrivilegeEscalation)⟧/g, '$1'));
    expectFindings('kubernetes/allow-privilege-escalation', 'wf.yaml', WORKFLOW.replace(/⟦(privileged|0)⟧/g, '$1'));
    // The restricted profile's capability check: only the explicit `add` is reported, nothing missing.
    expectFindings('kubernetes/capabilities-not-dropped', 'task.yaml', TASK.replace(/⟦(privileged|alpine|hostPath)⟧/g, '$1'));
    expectFindings('kubernetes/capabilities-not-dropped', 'wf.yaml', WORKFLOW.replace(/[⟦⟧]/g, ''));
  });
  it('names steps, sidecars and templates in messages', () => {
    const plain = (text: string): string => text.replace(/[⟦⟧]/g, '');
    const messages = analyze('task.yaml', plain(TASK)).filter((f) => f.ruleId === 'kubernetes/privileged').map((f) => f.message);
    assert.match(messages[0], /^Step "build"/);
    const wf = analyze('wf.yaml', plain(WORKFLOW)).filter((f) => f.ruleId === 'kubernetes/privileged').map((f) => f.message);
    assert.match(wf[0], /^Template "main"/);
  });
  it('reports no missing setting and no parameter as an image or a secret', () => {
    const plain = (text: string): string => text.replace(/[⟦⟧]/g, '');
    const missing = new Set(['kubernetes/run-as-non-root', 'kubernetes/seccomp-profile-missing', 'kubernetes/read-only-root-filesystem', 'kubernetes/resources-missing', 'kubernetes/service-account-token-automount', 'kubernetes/default-service-account', 'kubernetes/missing-network-policy', 'kubernetes/namespace-without-quota', 'kubernetes/secret-in-env', 'kubernetes/image-no-digest']);
    for (const [path, text] of [['task.yaml', TASK], ['wf.yaml', WORKFLOW]]) {
      const found = analyze(path, plain(text)).filter((f) => missing.has(f.ruleId) && !(f.ruleId === 'kubernetes/image-no-digest' && /alpine|docker:27|python/.test(f.message)));
      assert.deepEqual(found.map((f) => `${f.ruleId} ${f.range.start.line}`), []);
    }
  });
});
