import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference, NIST_800_190 } from '../../engine/references';
import { policyRules } from './lib-rbac';
import { CIS_KUBERNETES, KUBERNETES_DOCS, objectLabel, rangeOf } from './lib-objects';

export default kubernetesRule({
  id: 'kubernetes/rbac-wildcard',
  title: 'Wildcard in an RBAC rule',
  defaultSeverity: 'error',
  fix: '-',
  checklist: ['O1.1'],
  anchors: { trivy: ['KSV-0044', 'KSV-0045', 'KSV-0046'], checkov: ['CKV_K8S_49'], kubeLinter: ['wildcard-in-rules'] },
  docs: {
    why: '`*` in `verbs`, `resources` or `apiGroups` grants everything that exists today and everything added later — including `escalate`, `bind`, `impersonate`, Secrets and the resources of every CRD installed in the future. A role with wildcards cannot be reviewed for least privilege.',
    how: 'List the API groups, resources and verbs the subject needs (`kubectl auth can-i --list` and audit logs help to find them). For broad read access, prefer the built-in `view` ClusterRole, which excludes Secrets.',
    bad: 'rules:\n  - apiGroups: ["*"]\n    resources: ["*"]\n    verbs: ["*"]',
    good: 'rules:\n  - apiGroups: ["apps"]\n    resources: ["deployments"]\n    verbs: ["get", "list", "watch"]',
    references: [checklistReference('O1.1'), CIS_KUBERNETES('5.1.3', 'Minimize wildcard use in Roles and ClusterRoles'), NIST_800_190('4.3.1', 'Unbounded administrative access'), KUBERNETES_DOCS('RBAC good practices', 'concepts/security/rbac-good-practices/')],
  },
  check(model, ctx) {
    for (const rule of policyRules(model)) {
      for (const [field, items] of [['apiGroups', rule.apiGroups], ['resources', rule.resources], ['verbs', rule.verbs]] as const) {
        for (const item of items) {
          if (item.value !== '*') continue;
          ctx.report({ range: rangeOf(model, item.node), message: `\`*\` in the ${field} of ${objectLabel(rule.object)} grants every ${field === 'verbs' ? 'verb (including escalate, bind and impersonate)' : field === 'resources' ? 'resource (including Secrets)' : 'API group, present and future'}: list what is needed.` });
        }
      }
    }
  },
});
