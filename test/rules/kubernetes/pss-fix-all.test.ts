import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { mergeConfig } from '../../../server/src/engine/config';
import { fixAllText } from '../../../server/src/engine/fix-all';
import { assert, engine } from '../../helpers';

const PSS_RULES = new Set(engine.rules.filter((rule) => rule.pss).map((rule) => rule.id));

function pssFindings(path: string, text: string, profile: 'baseline' | 'restricted' = 'restricted'): string[] {
  const result = engine.analyze({ path, text, config: mergeConfig({ kubernetes: { profile } }) });
  assert.deepEqual(result.ruleErrors, []);
  return result.findings.filter((finding) => PSS_RULES.has(finding.ruleId)).map((finding) => `${finding.ruleId}@${finding.range.start.line}`);
}

const DEPLOYMENT = `# Web front end
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      initContainers:
        - name: migrate
          image: registry.example.com/web:1.4.2   # same image
          command: ["./migrate"]
      containers:
        - name: web
          image: registry.example.com/web:1.4.2
          ports:
            - containerPort: 8080
          securityContext:
            allowPrivilegeEscalation: true
        - name: proxy
          image: envoyproxy/envoy:v1.31.0
          securityContext:
            capabilities:
              drop: [NET_RAW]
      volumes:
        - name: tmp
          emptyDir: {}
`;

describe('PSS fix-all', () => {
  it('turns a typical Deployment into one that passes restricted, keeping its style', () => {
    assert.ok(pssFindings('web.yaml', DEPLOYMENT).length >= 6);
    const fixed = fixAllText(engine, { path: 'web.yaml', text: DEPLOYMENT, config: mergeConfig({}) });
    assert.deepEqual(pssFindings('web.yaml', fixed), []);
    const docs = parseAllDocuments(fixed);
    for (const doc of docs) assert.deepEqual(doc.errors, []);
    const deployment = docs[0].toJS();
    const pod = deployment.spec.template.spec;
    assert.deepEqual(pod.securityContext, { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    assert.equal(pod.containers[0].securityContext.allowPrivilegeEscalation, false);
    assert.deepEqual(pod.containers[0].securityContext.capabilities.drop, ['ALL']);
    assert.deepEqual(pod.containers[1].securityContext.capabilities.drop, ['NET_RAW', 'ALL']);
    assert.equal(pod.initContainers[0].securityContext.allowPrivilegeEscalation, false);
    // Style and comments kept: indented sequences, flow maps, trailing comments.
    assert.ok(fixed.startsWith('# Web front end\n'));
    assert.ok(fixed.includes('          image: registry.example.com/web:1.4.2   # same image\n'));
    assert.ok(fixed.includes('              drop:\n                - ALL\n'));
    assert.ok(fixed.includes('  labels: {app: web}\n'));
    // Idempotent.
    assert.equal(fixAllText(engine, { path: 'web.yaml', text: fixed, config: mergeConfig({}) }), fixed);
  });

  it('removes what baseline forbids when the fix is mechanical', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  hostNetwork: true\n  containers:\n  - name: a\n    image: x\n    ports:\n    - containerPort: 80\n      hostPort: 80\n    securityContext:\n      privileged: true\n      capabilities:\n        add: [SYS_ADMIN, NET_BIND_SERVICE]\n';
    const fixed = fixAllText(engine, { path: 'p.yaml', text, config: mergeConfig({ kubernetes: { profile: 'baseline' } }) });
    assert.deepEqual(pssFindings('p.yaml', fixed, 'baseline'), []);
    const container = parseAllDocuments(fixed)[0].toJS().spec.containers[0];
    assert.equal(container.securityContext.privileged, false);
    assert.deepEqual(container.securityContext.capabilities.add, ['NET_BIND_SERVICE']);
    assert.equal(container.ports[0].hostPort, undefined);
  });
});

describe('Kubernetes special files', () => {
  it('Helm templates: no parse noise, one notice, sound findings only', () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "app.fullname" . }}
  labels:
    {{- include "app.labels" . | nindent 4 }}
spec:
  {{- if not .Values.autoscaling.enabled }}
  replicas: {{ .Values.replicaCount }}
  {{- end }}
  template:
    spec:
      {{- with .Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        {{- toYaml .Values.podSecurityContext | nindent 8 }}
      containers:
        - name: {{ .Chart.Name }}
          securityContext:
            {{- toYaml .Values.securityContext | nindent 12 }}
            privileged: true
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
          ports:
            - name: http
              containerPort: {{ .Values.service.port }}
              hostPort: {{ .Values.hostPort }}
`;
    const result = engine.analyze({ path: 'charts/app/templates/deployment.yaml', text, config: mergeConfig({}) });
    assert.deepEqual(result.ruleErrors, []);
    assert.equal(result.notices.length, 1);
    assert.match(result.notices[0].message, /Helm template/);
    const pss = result.findings.filter((finding) => PSS_RULES.has(finding.ruleId)).map((finding) => `${finding.ruleId}@${finding.range.start.line}`);
    assert.deepEqual(pss, ['kubernetes/privileged@22']);
  });
  it('a Helm template that is not YAML after masking is skipped silently', () => {
    const text = '{{- range .Values.jobs }}\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: {{ .name }}\nspec:\n  template:\n    spec:\n{{ toYaml .spec | indent 6 }}\n  : [\n{{- end }}\n';
    const result = engine.analyze({ path: 'charts/app/templates/jobs.yaml', text, config: mergeConfig({}) });
    assert.deepEqual(result.ruleErrors, []);
    assert.deepEqual(result.findings.filter((finding) => PSS_RULES.has(finding.ruleId)), []);
  });
  it('kustomize patches do not get missing-setting findings', () => {
    const patch = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        env:\n        - name: LOG_LEVEL\n          value: debug\n';
    assert.deepEqual(pssFindings('overlays/dev/deployment.yaml', patch), []);
    const deletePatch = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: sidecar\n        $patch: delete\n';
    assert.deepEqual(pssFindings('kustomize/patch.yaml', deletePatch), []);
  });
});
