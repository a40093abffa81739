import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference } from '../../engine/references';
import { coversGroup, grantedVerbs, policyRules, resourceItems } from './lib-rbac';
import { KUBERNETES_DOCS, objectLabel, rangeOf } from './lib-objects';

export default kubernetesRule({
  id: 'kubernetes/rbac-pod-exec',
  title: 'RBAC grants exec or attach into pods',
  defaultSeverity: 'warning',
  fix: '-',
  checklist: ['O1.1'],
  anchors: { trivy: ['KSV-0053', 'KSV-0054'], polaris: ['clusterrolePodExecAttach'] },
  docs: {
    why: '`pods/exec` and `pods/attach` open a shell in running containers: the subject can read every Secret and token mounted there and act with the pod\'s service account, sidestepping the permissions RBAC denies it directly. (`create` is the verb; older clusters also accept `get` over WebSockets.)',
    how: 'Grant exec only to people who debug, in the namespaces they own, ideally through a just-in-time mechanism; workloads almost never need it. Prefer `kubectl debug` with ephemeral containers under a separate, audited role.',
    bad: 'rules:\n  - apiGroups: [""]\n    resources: ["pods/exec"]\n    verbs: ["create"]',
    good: 'rules:\n  - apiGroups: [""]\n    resources: ["pods", "pods/log"]\n    verbs: ["get", "list"]',
    references: [checklistReference('O1.1'), KUBERNETES_DOCS('RBAC good practices — escalation risks', 'concepts/security/rbac-good-practices/#privilege-escalation-risks')],
  },
  check(model, ctx) {
    for (const rule of policyRules(model)) {
      if (!coversGroup(rule, '')) continue;
      for (const item of resourceItems(rule, ['pods/exec', 'pods/attach'])) {
        // `pods/*` also covers harmless subresources: only its create access counts.
        const verbs = grantedVerbs(rule, item.value.endsWith('/*') ? ['create'] : ['create', 'get']);
        if (verbs.length === 0) continue;
        const what = item.value.endsWith('/*') ? 'exec and attach (via `pods/*`)' : `\`${item.value}\``;
        ctx.report({ range: rangeOf(model, item.node), message: `${objectLabel(rule.object)} grants ${what}: a shell in running pods, with their secrets and service account.` });
      }
    }
  },
});
