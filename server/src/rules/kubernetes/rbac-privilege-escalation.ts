import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference, NIST_800_190 } from '../../engine/references';
import { coversGroup, grantedVerbs, policyRules, resourceItems } from './lib-rbac';
import { CIS_KUBERNETES, KUBERNETES_DOCS, objectLabel, rangeOf } from './lib-objects';

const ESCALATING_VERBS: Record<string, string> = {
  escalate: 'lets the subject grant permissions it does not have',
  bind: 'lets the subject bind any role, including cluster-admin',
  impersonate: 'lets the subject act as other users, groups or service accounts',
};
const RBAC_RESOURCES = ['roles', 'clusterroles', 'rolebindings', 'clusterrolebindings'];

export default kubernetesRule({
  id: 'kubernetes/rbac-privilege-escalation',
  title: 'RBAC permission that allows privilege escalation',
  defaultSeverity: 'error',
  fix: '-',
  checklist: ['O1.1'],
  anchors: { trivy: ['KSV-0043', 'KSV-0050', 'KSV-0051', 'KSV-0052', 'KSV-0055'], checkov: ['CKV_K8S_157', 'CKV_K8S_158'] },
  docs: {
    why: 'RBAC normally stops a subject from granting more than it holds. `escalate` and `bind` lift that check, `impersonate` lets it act as anyone, write access to Roles and bindings lets it give itself any permission, and `create` on `serviceaccounts/token` mints tokens for other accounts. Each is equivalent to the highest permission reachable. Rules limited with `resourceNames` are not reported for the verbs.',
    how: 'Remove these permissions from workloads. Where a controller must manage RBAC, restrict `bind`/`escalate` with `resourceNames` to the roles it hands out, and keep role management in your GitOps pipeline.',
    bad: 'rules:\n  - apiGroups: ["rbac.authorization.k8s.io"]\n    resources: ["clusterrolebindings"]\n    verbs: ["create", "update"]',
    good: 'rules:\n  - apiGroups: ["rbac.authorization.k8s.io"]\n    resources: ["clusterroles"]\n    verbs: ["bind"]\n    resourceNames: ["app-reader"]',
    references: [checklistReference('O1.1'), CIS_KUBERNETES('5.1.8', 'Limit use of the Bind, Impersonate and Escalate permissions'), NIST_800_190('4.3.1', 'Unbounded administrative access'), KUBERNETES_DOCS('RBAC — privilege escalation prevention', 'reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping')],
  },
  check(model, ctx) {
    for (const rule of policyRules(model)) {
      const subject = objectLabel(rule.object);
      if (rule.resourceNames.length === 0) {
        for (const verb of rule.verbs) {
          const why = ESCALATING_VERBS[verb.value.toLowerCase()];
          if (why) ctx.report({ range: rangeOf(model, verb.node), message: `\`${verb.value}\` in ${subject} ${why}.` });
        }
      }
      if (coversGroup(rule, 'rbac.authorization.k8s.io')) {
        const verbs = grantedVerbs(rule, ['create', 'update', 'patch']);
        if (verbs.length > 0) {
          for (const item of resourceItems(rule, RBAC_RESOURCES)) {
            ctx.report({ range: rangeOf(model, item.node), message: `${subject} may ${verbs.join('/')} \`${item.value}\`: it can grant itself any permission.` });
          }
        }
      }
      if (coversGroup(rule, '') && grantedVerbs(rule, ['create']).length > 0) {
        for (const item of resourceItems(rule, ['serviceaccounts/token'])) {
          ctx.report({ range: rangeOf(model, item.node), message: `${subject} may create \`serviceaccounts/token\`: it can mint tokens for other service accounts and act with their permissions.` });
        }
      }
    }
  },
});
