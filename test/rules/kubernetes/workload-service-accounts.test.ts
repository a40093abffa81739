import { describe, it } from 'node:test';
import { assertFixRoundTrip, expectFindings } from '../../helpers';
import { ManifestIndex } from '../../../server/src/kubernetes/index-facts';

const deployment = (spec: string, namespace = 'shop'): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: ${namespace}
spec:
  template:
    ${spec}
      containers:
        - name: web
          image: registry.example.com/web:2.1.0
`;

function workspaceWith(files: Record<string, string>): { fileExists: (path: string) => boolean; manifests: ReturnType<ManifestIndex['facts']> } {
  const index = new ManifestIndex();
  for (const [path, text] of Object.entries(files)) index.update(path, text);
  return { fileExists: () => false, manifests: index.facts() };
}

describe('kubernetes/service-account-token-automount', () => {
  const RULE = 'kubernetes/service-account-token-automount';
  it('reports pods that mount the token, at the pod spec key or the explicit true', () => {
    expectFindings(RULE, 'deploy.yaml', deployment('⟦spec⟧:'));
    expectFindings(RULE, 'deploy.yaml', deployment('spec:\n      automountServiceAccountToken: ⟦true⟧'));
  });
  it('stays silent when the pod or its ServiceAccount (same file or workspace) disables the token', () => {
    expectFindings(RULE, 'deploy.yaml', deployment('spec:\n      automountServiceAccountToken: false'));
    const serviceAccount = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n  namespace: shop\nautomountServiceAccountToken: false\n';
    expectFindings(RULE, 'deploy.yaml', `${serviceAccount}---\n${deployment('spec:\n      serviceAccountName: web')}`);
    expectFindings(RULE, 'deploy.yaml', deployment('spec:\n      serviceAccountName: web'), { workspace: workspaceWith({ 'sa.yaml': serviceAccount }) });
  });
  it('stays silent for accounts that a RoleBinding in the workspace uses (the token is needed)', () => {
    const binding = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: operator\n  namespace: shop\nsubjects:\n  - kind: ServiceAccount\n    name: operator\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: operator\n';
    expectFindings(RULE, 'deploy.yaml', deployment('spec:\n      serviceAccountName: operator'), { workspace: workspaceWith({ 'rbac.yaml': binding }) });
    // …but the same pod in another namespace is not covered by that binding.
    expectFindings(RULE, 'deploy.yaml', deployment('⟦spec⟧:\n      serviceAccountName: operator', 'other'), { workspace: workspaceWith({ 'rbac.yaml': binding }) });
  });
  it('skips patches and PodTemplates', () => {
    expectFindings(RULE, 'patch.yaml', deployment('spec:'));
    expectFindings(RULE, 'podtemplate.yaml', 'apiVersion: v1\nkind: PodTemplate\nmetadata:\n  name: t\ntemplate:\n  spec:\n    containers:\n      - name: a\n        image: nginx:1.27\n');
  });
  it('fix inserts automountServiceAccountToken: false (mechanical for the default account)', () => {
    assertFixRoundTrip(
      RULE,
      'deploy.yaml',
      deployment('spec:\n      nodeSelector: {kubernetes.io/os: linux}'),
      deployment('spec:\n      nodeSelector: {kubernetes.io/os: linux}').replace('          image: registry.example.com/web:2.1.0\n', '          image: registry.example.com/web:2.1.0\n      automountServiceAccountToken: false\n'),
    );
  });
  it('fix goes after serviceAccountName for a dedicated account (offered, not mechanical)', () => {
    assertFixRoundTrip(
      RULE,
      'deploy.yaml',
      deployment('spec:\n      serviceAccountName: web'),
      deployment('spec:\n      serviceAccountName: web\n      automountServiceAccountToken: false'),
      { title: 'Set automountServiceAccountToken: false in the pod spec' },
    );
  });
});

describe('kubernetes/default-service-account', () => {
  const RULE = 'kubernetes/default-service-account';
  it('reports pods running as the default account', () => {
    expectFindings(RULE, 'deploy.yaml', deployment('⟦spec⟧:'));
    expectFindings(RULE, 'deploy.yaml', deployment('spec:\n      serviceAccountName: ⟦default⟧'));
  });
  it('reports role bindings to a default account', () => {
    expectFindings(
      RULE,
      'rbac.yaml',
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: b\n  namespace: shop\nsubjects:\n  - kind: ServiceAccount\n    name: ⟦default⟧\n    namespace: shop\n  - kind: User\n    name: ⟦system:serviceaccount:shop:default⟧\n  - kind: ServiceAccount\n    name: web\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: reader\n',
    );
  });
  it('stays silent for dedicated accounts and pods without a token', () => {
    expectFindings(RULE, 'deploy.yaml', deployment('spec:\n      serviceAccountName: web'));
    expectFindings(RULE, 'deploy.yaml', deployment('spec:\n      automountServiceAccountToken: false'));
    const defaultAccount = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: default\n  namespace: shop\nautomountServiceAccountToken: false\n';
    expectFindings(RULE, 'deploy.yaml', deployment('spec:'), { workspace: workspaceWith({ 'ns/default-sa.yaml': defaultAccount }) });
    expectFindings(RULE, 'chart/templates/deploy.yaml', deployment('spec:\n      serviceAccountName: {{ include "chart.serviceAccountName" . }}'));
  });
});
