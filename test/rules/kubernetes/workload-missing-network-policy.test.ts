import { describe, it } from 'node:test';
import { applyFix, assert, assertFixRoundTrip, expectFindings, findingsOf } from '../../helpers';
import { ManifestIndex } from '../../../server/src/kubernetes/index-facts';
import type { WorkspaceContext } from '../../../server/src/engine/types';

const RULE = 'kubernetes/missing-network-policy';

const deployment = (name: string, labels: string, namespace?: string): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
${namespace ? `  namespace: ${namespace}\n` : ''}spec:
  template:
    metadata:
      labels:
${labels}
    spec:
      containers:
        - name: app
          image: registry.example.com/${name.replace(/[⟦⟧]/g, "")}:1.0.0
`;

const policy = (selector: string, namespace = 'shop'): string => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: p
  namespace: ${namespace}
spec:
  podSelector:${selector}
  policyTypes: [Ingress]
`;

function workspace(files: Record<string, string>, exists: string[] = []): WorkspaceContext {
  const index = new ManifestIndex();
  for (const [path, text] of Object.entries(files)) index.update(path, text);
  return { fileExists: (path) => exists.includes(path), manifests: index.facts() };
}

describe(RULE, () => {
  it('reports workloads that no policy selects, at their name', () => {
    expectFindings(RULE, 'deploy.yaml', deployment('⟦web⟧', '        app: web', 'shop'));
  });

  it('a policy in the same file counts when there is no index', () => {
    expectFindings(RULE, 'deploy.yaml', `${deployment('web', '        app: web', 'shop')}---\n${policy(' {}')}`);
    expectFindings(RULE, 'deploy.yaml', `${deployment('web', '        app: web', 'shop')}---\n${policy('\n    matchLabels:\n      app: web')}`);
    // A policy for other pods or another namespace does not.
    expectFindings(RULE, 'deploy.yaml', `${deployment('⟦web⟧', '        app: web', 'shop')}---\n${policy('\n    matchLabels:\n      app: db')}`);
    expectFindings(RULE, 'deploy.yaml', `${deployment('⟦web⟧', '        app: web', 'shop')}---\n${policy(' {}', 'other')}`);
  });

  it('judges across the workspace index, with label selectors and expressions', () => {
    const ws = workspace({
      'policies/shop.yaml': policy('\n    matchExpressions:\n      - {key: tier, operator: In, values: [frontend, api]}'),
    });
    expectFindings(RULE, 'deploy.yaml', deployment('web', '        app: web\n        tier: frontend', 'shop'), { workspace: ws });
    expectFindings(RULE, 'deploy.yaml', deployment('⟦batch⟧', '        app: batch\n        tier: worker', 'shop'), { workspace: ws });
  });

  it('objects without a namespace are in the default namespace', () => {
    const ws = workspace({ 'policies/default.yaml': policy(' {}', 'default') });
    expectFindings(RULE, 'deploy.yaml', deployment('web', '        app: web'), { workspace: ws });
    expectFindings(RULE, 'deploy.yaml', deployment('⟦web⟧', '        app: web', 'shop'), { workspace: ws });
  });

  it('stays silent for host-network pods, patches and templated labels or namespaces', () => {
    expectFindings(RULE, 'ds.yaml', 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: node-agent\nspec:\n  template:\n    spec:\n      hostNetwork: true\n      containers:\n        - name: a\n          image: registry.example.com/agent:1.0\n');
    expectFindings(RULE, 'overlays/prod/patch.yaml', deployment('web', '        app: web', 'shop'));
    const chartPolicy = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: {{ .Release.Name }}\n  namespace: {{ .Release.Namespace }}\nspec:\n  podSelector:\n    matchLabels:\n      {{- include "chart.selectorLabels" . | nindent 6 }}\n';
    const ws = workspace({ 'chart/templates/networkpolicy.yaml': chartPolicy });
    expectFindings(RULE, 'chart/templates/deployment.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "chart.fullname" . }}\n  namespace: {{ .Release.Namespace }}\nspec:\n  template:\n    metadata:\n      labels:\n        {{- include "chart.selectorLabels" . | nindent 8 }}\n    spec:\n      containers:\n        - name: app\n          image: "{{ .Values.image }}"\n', { workspace: ws });
  });

  it('fix appends a default-deny policy as a new document (mechanical once per namespace)', () => {
    const text = `${deployment('web', '        app: web', 'shop')}---\n${deployment('worker', '        app: worker', 'shop')}`;
    const findings = findingsOf(RULE, 'deploy.yaml', text);
    assert.equal(findings.length, 2);
    assert.deepEqual(findings.map((finding) => finding.fixes[0].mechanical), [true, false]);
    assertFixRoundTrip(
      RULE,
      'deploy.yaml',
      deployment('web', '        app: web', 'shop'),
      `${deployment('web', '        app: web', 'shop')}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: shop
spec:
  podSelector: {}
  policyTypes:
    - Ingress
    - Egress
  egress:
    # DNS only; add policies that allow the traffic these pods need
    - ports:
        - protocol: UDP
          port: 53
        - protocol: TCP
          port: 53
`,
    );
  });

  it('fix handles a file without a final newline, or ending with a separator', () => {
    const withoutNewline = deployment('web', '        app: web').trimEnd();
    const fixed = applyFix(RULE, 'deploy.yaml', withoutNewline);
    assert.ok(fixed.startsWith(`${withoutNewline}\n---\napiVersion: networking.k8s.io/v1\n`), fixed);
    assert.ok(!fixed.includes('namespace: '), 'no namespace line for objects in the default namespace');
    const withSeparator = `${deployment('web', '        app: web')}---\n`;
    assert.ok(applyFix(RULE, 'deploy.yaml', withSeparator).startsWith(`${withSeparator}apiVersion: networking.k8s.io/v1\n`));
  });

  it('offers a new file next to the manifest instead (never applied by fix-all)', () => {
    const text = deployment('web', '        app: web', 'shop');
    const [finding] = findingsOf(RULE, 'k8s/deploy.yaml', text, { workspace: workspace({}) });
    const newFile = finding.fixes.find((fix) => fix.newFiles !== undefined);
    assert.ok(newFile);
    assert.equal(newFile.mechanical, false);
    assert.deepEqual(newFile.edits, []);
    assert.equal(newFile.newFiles?.[0].relativePath, 'networkpolicy-default-deny.yaml');
    assert.match(newFile.newFiles?.[0].content ?? '', /^apiVersion: networking\.k8s\.io\/v1\nkind: NetworkPolicy\n[\s\S]*namespace: shop\n[\s\S]*podSelector: \{\}\n/);
    // When that file exists (for another namespace), the namespace goes into the name.
    const [again] = findingsOf(RULE, 'k8s/deploy.yaml', text, { workspace: workspace({}, ['k8s/networkpolicy-default-deny.yaml']) });
    assert.equal(again.fixes.find((fix) => fix.newFiles)?.newFiles?.[0].relativePath, 'networkpolicy-default-deny-shop.yaml');
  });
});
