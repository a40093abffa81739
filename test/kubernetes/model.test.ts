import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { containerLabel, effectiveSecurityValue, isTemplated, parseKubernetes } from '../../server/src/kubernetes/model';
import { getScalar } from '../../server/src/engine/yaml';
import { engine } from '../helpers';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  annotations:
    a: b
spec:
  template:
    metadata:
      annotations:
        container.apparmor.security.beta.kubernetes.io/app: runtime/default
    spec:
      securityContext:
        runAsNonRoot: true
        runAsUser: 1000
        seccompProfile: {type: RuntimeDefault}
        windowsOptions: {runAsUserName: pod, hostProcess: false}
      initContainers:
      - name: init
        image: busybox:1.36
      containers:
      - name: app
        image: nginx:1.27
        securityContext:
          runAsUser: 0
          seccompProfile:
            type: Localhost
            localhostProfile: x.json
          windowsOptions:
            hostProcess: true
`;

describe('kubernetes/model', () => {
  it('finds objects, pod specs and containers', () => {
    const model = parseKubernetes(DEPLOYMENT, 'deploy.yaml');
    assert.equal(model.objects.length, 1);
    const [object] = model.objects;
    assert.deepEqual([object.kind, object.name, object.namespace, object.annotations, object.partial], ['Deployment', 'web', 'shop', { a: 'b' }, false]);
    assert.equal(object.pods.length, 1);
    const pod = object.pods[0];
    assert.deepEqual(pod.containers.map((c) => [c.list, c.name]), [['containers', 'app'], ['initContainers', 'init']]);
    assert.equal(pod.annotations['container.apparmor.security.beta.kubernetes.io/app'], 'runtime/default');
  });
  it('models pod → container securityContext inheritance', () => {
    const [app, init] = parseKubernetes(DEPLOYMENT, 'd.yaml').objects[0].pods[0].containers;
    assert.deepEqual(effectiveSecurityValue(init, 'runAsNonRoot'), { value: true, node: effectiveSecurityValue(init, 'runAsNonRoot').node, level: 'pod' });
    assert.equal(effectiveSecurityValue(app, 'runAsUser').value, 0);
    assert.equal(effectiveSecurityValue(app, 'runAsUser').level, 'container');
    assert.deepEqual(effectiveSecurityValue(app, 'seccompProfile').value, { type: 'Localhost', localhostProfile: 'x.json' });
    assert.deepEqual(effectiveSecurityValue(init, 'seccompProfile').value, { type: 'RuntimeDefault' });
    // windowsOptions merges field by field.
    assert.equal(effectiveSecurityValue(app, 'windowsOptions.hostProcess').value, true);
    assert.equal(effectiveSecurityValue(app, 'windowsOptions.runAsUserName').value, 'pod');
    // Not inherited: privileged, allowPrivilegeEscalation.
    assert.equal(effectiveSecurityValue(init, 'privileged').level, 'none');
  });
  it('finds pod specs in every workload kind, CronJobs, PodTemplates, Lists and CRDs', () => {
    const text = [
      'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers: [{name: a, image: x}]',
      'apiVersion: v1\nkind: PodTemplate\ntemplate:\n  spec:\n    containers: [{name: b, image: x}]',
      'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nspec:\n  template:\n    spec:\n      containers: [{name: r, image: x}]',
      'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  spec:\n    ephemeralContainers: [{name: e, image: x}]\n    containers: [{name: p, image: x}]',
      'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nspec:\n  versions:\n  - schema:\n      openAPIV3Schema:\n        properties:\n          template:\n            properties:\n              spec: {type: object}',
    ].join('\n---\n');
    const model = parseKubernetes(text, 'all.yaml');
    assert.deepEqual(model.objects.map((o) => [o.kind, o.pods.flatMap((p) => p.containers.map((c) => c.name))]), [['CronJob', ['a']], ['PodTemplate', ['b']], ['Rollout', ['r']], ['Pod', ['p', 'e']], ['CustomResourceDefinition', []]]);
  });
  it('finds the containers of Tekton tasks and Argo Workflows templates, as partial pods', () => {
    const text = [
      'apiVersion: tekton.dev/v1\nkind: Pipeline\nmetadata: {name: p}\nspec:\n  tasks:\n  - name: t\n    taskSpec:\n      steps: [{name: build, image: x}]\n      sidecars: [{name: dind, image: y}]\n  finally:\n  - name: f\n    taskRef: {name: cleanup}',
      'apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\nmetadata: {name: c}\nspec:\n  workflowSpec:\n    templates:\n    - name: main\n      steps:\n      - - name: s\n          inline:\n            script: {image: x, source: echo}\n    - name: run\n      initContainers: [{name: init, image: x}]\n      container: {image: x}\n    - name: set\n      containerSet:\n        containers: [{name: a, image: x}, {name: b, image: x}]\n    - name: res\n      resource: {action: create, manifest: "kind: Pod"}',
      // Not Argo Workflows or Tekton: a `steps` list means nothing there.
      'apiVersion: example.com/v1\nkind: Recipe\nspec:\n  steps: [{name: x, image: y}]\n  templates: [{name: t, container: {image: z}}]',
    ].join('\n---\n');
    const model = parseKubernetes(text, 'ci.yaml');
    const labels = model.objects.map((o) => [o.kind, o.partial, o.pods.flatMap((p) => p.containers.map((c) => containerLabel(c)))]);
    assert.deepEqual(labels, [
      ['Pipeline', true, ['step "build"', 'sidecar "dind"']],
      ['CronWorkflow', true, ['template "run"', 'init container "init"', 'container "a"', 'container "b"', 'template "s"']],
      ['Recipe', false, []],
    ]);
    // An Argo container has no name: findings about it sit on its `container:` key.
    const run = model.objects[1].pods.flatMap((p) => p.containers).find((c) => c.name === 'run')!;
    assert.equal(run.nameKey && String((run.nameKey.key as { value: unknown }).value), 'container');
  });
  it('reads the objects of an OpenShift Template, but not of other kinds named Template', () => {
    const objects = "objects:\n- apiVersion: apps.openshift.io/v1\n  kind: DeploymentConfig\n  metadata: {name: '${NAME}'}\n  spec:\n    template:\n      spec:\n        containers: [{name: a, image: '${IMAGE}'}]\n- apiVersion: v1\n  kind: Service\n  metadata: {name: s}\n";
    for (const apiVersion of ['template.openshift.io/v1', 'v1']) {
      const model = parseKubernetes(`apiVersion: ${apiVersion}\nkind: Template\nmetadata: {name: t}\n${objects}`, 't.yaml');
      assert.deepEqual(model.objects.map((o) => [o.kind, o.name, o.pods.length]), [['DeploymentConfig', '${NAME}', 1], ['Service', 's', 0]]);
    }
    const backstage = parseKubernetes(`apiVersion: scaffolder.backstage.io/v1beta3\nkind: Template\nmetadata: {name: t}\n${objects}`, 't.yaml');
    assert.deepEqual(backstage.objects.map((o) => o.kind), ['Template']);
  });
  it('reads windows and hostUsers', () => {
    const pod = parseKubernetes('apiVersion: v1\nkind: Pod\nspec:\n  os: {name: windows}\n  hostUsers: false\n  containers: [{name: a, image: x}]\n', 'p.yaml').objects[0].pods[0];
    assert.equal(pod.windows, true);
    assert.equal(pod.hostUsers, false);
  });
  it('marks kustomize patches partial', () => {
    const patch = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        resources: {limits: {memory: 1Gi}}\n';
    assert.equal(parseKubernetes(patch, 'overlays/prod/deploy.yaml').objects[0].partial, true);
    assert.equal(parseKubernetes(DEPLOYMENT.replace('spec:\n  template:', 'spec:\n  selector: {matchLabels: {app: web}}\n  template:'), 'overlays/prod/web.yaml').objects[0].partial, false);
    assert.equal(parseKubernetes(DEPLOYMENT, 'overlays/prod/security-patch.yaml').objects[0].partial, true);
    assert.equal(parseKubernetes(DEPLOYMENT.replace('a: b', '$patch: replace'), 'x.yaml').objects[0].partial, true);
    assert.equal(parseKubernetes('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 3\n', 'x.yaml').objects[0].partial, true);
    // A "set image" patch in an overlay: complete containers, but no selector.
    const setImage = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: web:2.0\n';
    assert.equal(parseKubernetes(setImage, 'deploy/overlays/prod/deployment.yaml').objects[0].partial, true);
    assert.equal(parseKubernetes(setImage, 'deploy/base/deployment.yaml').objects[0].partial, false);
  });
  it('ignores YAML that is not Kubernetes', () => {
    assert.equal(parseKubernetes('name: ci\non: push\njobs: {}\n', 'ci.yaml').objects.length, 0);
    const result = engine.analyze({ path: 'values.yaml', text: 'apiVersion: 1\nkind: thing\nspec:\n  hostNetwork: true\n', kind: 'kubernetes' });
    assert.deepEqual(result.findings, []);
  });
  it('masks Helm template actions keeping positions, marks templated values and injected blocks', () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "chart.fullname" . }}
  labels:
    {{- include "chart.labels" . | nindent 4 }}
spec:
  template:
    spec:
      {{- if .Values.hostNetwork }}
      hostNetwork: true
      {{- end }}
      containers:
      - name: app
        image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
        securityContext:
          runAsNonRoot: {{ .Values.nonRoot }}
`;
    const model = parseKubernetes(text, 'chart/templates/deployment.yaml');
    assert.equal(model.helmTemplate, true);
    assert.equal(model.notices.length, 1);
    const [object] = model.objects;
    assert.equal(object.kind, 'Deployment');
    assert.equal(object.partial, true);
    const app = object.pods[0].containers[0];
    assert.ok(isTemplated(app.image));
    assert.ok(isTemplated(getScalar(app.securityContext, 'runAsNonRoot')));
    assert.equal(model.source.text, text);
    const result = engine.analyze({ path: 'chart/templates/deployment.yaml', text });
    assert.deepEqual(result.ruleErrors, []);
  });
});
