import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference } from '../../engine/references';
import { ALL_VERBS, coversGroup, grantedVerbs, policyRules, resourceItems } from './lib-rbac';
import { CIS_KUBERNETES, KUBERNETES_DOCS, objectLabel, rangeOf } from './lib-objects';

export default kubernetesRule({
  id: 'kubernetes/rbac-secrets-access',
  title: 'RBAC access to Secrets',
  defaultSeverity: 'warning',
  fix: '-',
  checklist: ['O1.1'],
  anchors: { trivy: ['KSV-0041', 'KSV-0113'], checkov: ['CKV2_K8S_5'], kubeLinter: ['access-to-secrets'] },
  docs: {
    why: 'Secrets hold the credentials of databases, cloud accounts and other service accounts. `list` and `watch` return the values of every Secret in scope (not only their names), so read access to `secrets` is read access to everything they unlock; write access lets a subject plant credentials or service-account tokens. Rules limited to named Secrets (`resourceNames`) are not reported.',
    how: 'Grant access only to the Secrets a workload needs with `resourceNames` and `get`, in a namespaced Role rather than a ClusterRole; mount Secrets into pods instead of reading them through the API where possible.',
    bad: 'rules:\n  - apiGroups: [""]\n    resources: ["secrets"]\n    verbs: ["get", "list", "watch"]',
    good: 'rules:\n  - apiGroups: [""]\n    resources: ["secrets"]\n    resourceNames: ["app-tls"]\n    verbs: ["get"]',
    references: [checklistReference('O1.1'), CIS_KUBERNETES('5.1.2', 'Minimize access to secrets'), KUBERNETES_DOCS('RBAC good practices — listing secrets', 'concepts/security/rbac-good-practices/#listing-secrets')],
  },
  check(model, ctx) {
    for (const rule of policyRules(model)) {
      if (rule.resourceNames.length > 0 || !coversGroup(rule, '')) continue;
      const verbs = grantedVerbs(rule, ALL_VERBS);
      if (verbs.length === 0) continue;
      for (const item of resourceItems(rule, ['secrets'])) {
        const wildcard = rule.verbs.some((verb) => verb.value === '*');
        ctx.report({ range: rangeOf(model, item.node), message: `${objectLabel(rule.object)} grants ${wildcard ? 'every verb' : verbs.join(', ')} on Secrets: ${verbs.some((verb) => verb === 'list' || verb === 'watch') ? 'list/watch return every Secret\'s value' : 'limit it to named Secrets with resourceNames'}.` });
      }
    }
  },
});
