import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference } from '../../engine/references';
import { bindings } from './lib-rbac';
import { CIS_KUBERNETES, KUBERNETES_DOCS, objectLabel, rangeOf } from './lib-objects';

const BROAD_SUBJECTS: Record<string, string> = {
  'system:anonymous': 'every unauthenticated request',
  'system:unauthenticated': 'every unauthenticated request',
  'system:authenticated': 'every authenticated identity, including every service account of every namespace',
  'system:masters': 'a group that bypasses RBAC entirely (its members cannot be restricted or revoked)',
};

/** Built-in discovery roles Kubernetes itself binds to these groups. */
const DISCOVERY_ROLES = new Set(['system:basic-user', 'system:discovery', 'system:public-info-viewer']);

export default kubernetesRule({
  id: 'kubernetes/rbac-anonymous-subject',
  title: 'RBAC binding to anonymous or all users',
  defaultSeverity: 'error',
  fix: '-',
  checklist: ['O1.1'],
  anchors: { trivy: ['KSV-0122', 'KSV-0123'] },
  docs: {
    why: 'A binding to `system:anonymous` or `system:unauthenticated` gives its permissions to anyone who can reach the API server; `system:authenticated` to every identity the cluster knows, every service account in every namespace included. `system:masters` bypasses RBAC, so its membership cannot be revoked by removing bindings. Bindings of the built-in discovery roles are not reported.',
    how: 'Bind roles to the specific users, groups or service accounts that need them. Disable anonymous authentication on the API server (`--anonymous-auth=false`) unless health checks need it.',
    bad: 'subjects:\n  - kind: Group\n    name: system:authenticated\n    apiGroup: rbac.authorization.k8s.io',
    good: 'subjects:\n  - kind: Group\n    name: platform-team\n    apiGroup: rbac.authorization.k8s.io',
    references: [checklistReference('O1.1'), CIS_KUBERNETES('5.1.7', 'Avoid use of system:masters group'), KUBERNETES_DOCS('Using RBAC Authorization — default roles and role bindings', 'reference/access-authn-authz/rbac/#default-roles-and-role-bindings')],
  },
  check(model, ctx) {
    for (const binding of bindings(model)) {
      if (binding.roleName !== undefined && DISCOVERY_ROLES.has(binding.roleName)) continue;
      for (const subject of binding.subjects) {
        if (subject.name === undefined || !subject.nameNode || (subject.kind !== 'Group' && subject.kind !== 'User')) continue;
        const who = BROAD_SUBJECTS[subject.name];
        if (!who) continue;
        ctx.report({ range: rangeOf(model, subject.nameNode), message: `${objectLabel(binding.object)} grants ${binding.roleName ? `"${binding.roleName}"` : 'its role'} to \`${subject.name}\`: ${who}.` });
      }
    }
  },
});
