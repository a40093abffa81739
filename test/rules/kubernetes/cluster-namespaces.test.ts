import { describe, it } from 'node:test';
import { assertFixRoundTrip, expectFindings } from '../../helpers';
import { ManifestIndex } from '../../../server/src/kubernetes/index-facts';
import type { WorkspaceContext } from '../../../server/src/engine/types';

function workspace(files: Record<string, string>): WorkspaceContext {
  const index = new ManifestIndex();
  for (const [path, text] of Object.entries(files)) index.update(path, text);
  return { fileExists: () => false, manifests: index.facts() };
}

const namespace = (name: string, labels = ''): string => `apiVersion: v1
kind: Namespace
metadata:
  name: ${name}
${labels}`;

const deployment = (name: string, namespaceLine: string): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
${namespaceLine}spec:
  template:
    spec:
      containers:
        - name: app
          image: registry.example.com/app:1.0
`;

const QUOTA = 'apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: compute\n  namespace: shop\nspec:\n  hard:\n    pods: "50"\n';

describe('kubernetes/namespace-without-pod-security', () => {
  const RULE = 'kubernetes/namespace-without-pod-security';
  it('reports namespaces without the enforce label, at labels or metadata', () => {
    expectFindings(RULE, 'ns.yaml', namespace('shop').replace('metadata:', '⟦metadata⟧:'));
    expectFindings(RULE, 'ns.yaml', namespace('shop', '  ⟦labels⟧:\n    pod-security.kubernetes.io/warn: restricted\n'));
  });
  it('stays silent with the label (any level) and for system namespaces', () => {
    expectFindings(RULE, 'ns.yaml', namespace('shop', '  labels:\n    pod-security.kubernetes.io/enforce: baseline\n'));
    expectFindings(RULE, 'ns.yaml', namespace('kube-system'));
  });
  it('fix adds the label with the configured profile', () => {
    assertFixRoundTrip(RULE, 'ns.yaml', namespace('shop'), namespace('shop', '  labels:\n    pod-security.kubernetes.io/enforce: restricted\n'));
    assertFixRoundTrip(RULE, 'ns.yaml', namespace('shop', '  labels:\n    team: payments\n'), namespace('shop', '  labels:\n    team: payments\n    pod-security.kubernetes.io/enforce: baseline\n'), { config: { kubernetes: { profile: 'baseline' } } });
  });
});

describe('kubernetes/namespace-without-quota', () => {
  const RULE = 'kubernetes/namespace-without-quota';
  it('reports a declared namespace that has workloads but no quota, at its name', () => {
    expectFindings(RULE, 'all.yaml', `${namespace('⟦shop⟧')}---\n${deployment('web', '  namespace: shop\n')}`);
    expectFindings(RULE, 'ns.yaml', namespace('⟦shop⟧'), { workspace: workspace({ 'apps/web.yaml': deployment('web', '  namespace: shop\n') }) });
  });
  it('reports workloads of undeclared namespaces once per namespace and file', () => {
    expectFindings(RULE, 'apps.yaml', `${deployment('web', '  namespace: ⟦shop⟧\n')}---\n${deployment('api', '  namespace: shop\n')}---\n${deployment('⟦worker⟧', '')}`);
  });
  it('stays silent when a ResourceQuota or LimitRange covers the namespace (same file or workspace)', () => {
    expectFindings(RULE, 'all.yaml', `${namespace('shop')}---\n${deployment('web', '  namespace: shop\n')}---\n${QUOTA}`);
    expectFindings(RULE, 'apps.yaml', deployment('web', '  namespace: shop\n'), { workspace: workspace({ 'quota.yaml': QUOTA }) });
    // The workload's namespace is declared elsewhere: the finding belongs to the Namespace object.
    expectFindings(RULE, 'apps.yaml', deployment('web', '  namespace: shop\n'), { workspace: workspace({ 'ns.yaml': namespace('shop') }) });
  });
  it('stays silent for namespaces without workloads, system namespaces and templated namespaces', () => {
    expectFindings(RULE, 'ns.yaml', namespace('empty'));
    expectFindings(RULE, 'ds.yaml', deployment('proxy', '  namespace: kube-system\n'));
    expectFindings(RULE, 'chart/templates/deploy.yaml', deployment('web', '  namespace: {{ .Release.Namespace }}\n'));
  });
});
