import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference, NIST_800_190 } from '../../engine/references';
import { bindings } from './lib-rbac';
import { CIS_KUBERNETES, KUBERNETES_DOCS, objectLabel, rangeOf } from './lib-objects';

export default kubernetesRule({
  id: 'kubernetes/rbac-cluster-admin-binding',
  title: 'Binding to cluster-admin',
  defaultSeverity: 'error',
  fix: '-',
  checklist: ['O1.1'],
  anchors: { trivy: ['KSV-0111'], kubeLinter: ['cluster-admin-role-binding'], polaris: ['clusterrolebindingClusterAdmin'] },
  docs: {
    why: '`cluster-admin` can do anything to any object in any namespace. A workload or user bound to it turns every bug or leaked token into a full cluster compromise, and a RoleBinding to it still gives full control of the namespace, Secrets included.',
    how: 'Bind a Role or ClusterRole that lists only the permissions needed. Keep `cluster-admin` for break-glass human access through groups from your identity provider, not in manifests.',
    bad: 'kind: ClusterRoleBinding\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: cluster-admin',
    good: 'kind: RoleBinding\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: deployer',
    references: [checklistReference('O1.1'), CIS_KUBERNETES('5.1.1', 'Ensure that the cluster-admin role is only used where required'), NIST_800_190('4.3.1', 'Unbounded administrative access'), KUBERNETES_DOCS('Using RBAC Authorization — user-facing roles', 'reference/access-authn-authz/rbac/#user-facing-roles')],
  },
  check(model, ctx) {
    for (const binding of bindings(model)) {
      if (binding.roleName !== 'cluster-admin' || binding.roleKind !== 'ClusterRole' || !binding.roleNameNode) continue;
      ctx.report({ range: rangeOf(model, binding.roleNameNode), message: `${objectLabel(binding.object)} grants \`cluster-admin\`: full control of ${binding.object.kind === 'ClusterRoleBinding' ? 'the whole cluster' : 'the namespace'}. Bind a role with only the permissions needed.` });
    }
  },
});
