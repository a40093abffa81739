import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference } from '../../engine/references';
import { coversGroup, policyRules, resourceItems } from './lib-rbac';
import { CIS_KUBERNETES, KUBERNETES_DOCS, objectLabel, rangeOf } from './lib-objects';

export default kubernetesRule({
  id: 'kubernetes/rbac-node-proxy',
  title: 'RBAC access to nodes/proxy',
  defaultSeverity: 'warning',
  fix: '-',
  checklist: ['O1.1'],
  anchors: { trivy: ['KSV-0047'] },
  docs: {
    why: '`nodes/proxy` gives direct access to the kubelet API of every node. Through it a subject can run commands in any container on the node (the kubelet `exec`/`run` endpoints), bypassing admission control and API-server audit logging.',
    how: 'Remove `nodes/proxy`. Monitoring agents should read metrics through `nodes/metrics` or `nodes/stats` instead, which expose no exec endpoints.',
    bad: 'rules:\n  - apiGroups: [""]\n    resources: ["nodes/proxy"]\n    verbs: ["get"]',
    good: 'rules:\n  - apiGroups: [""]\n    resources: ["nodes/metrics", "nodes/stats"]\n    verbs: ["get"]',
    references: [checklistReference('O1.1'), CIS_KUBERNETES('5.1.10', 'Minimize access to the proxy sub-resource of nodes'), KUBERNETES_DOCS('RBAC good practices — nodes/proxy', 'concepts/security/rbac-good-practices/#access-to-proxy-subresource-of-nodes')],
  },
  check(model, ctx) {
    for (const rule of policyRules(model)) {
      if (!coversGroup(rule, '') || rule.verbs.length === 0) continue;
      for (const item of resourceItems(rule, ['nodes/proxy'])) {
        ctx.report({ range: rangeOf(model, item.node), message: `${objectLabel(rule.object)} grants \`${item.value}\`: direct kubelet access, which can run commands in any container of a node without audit.` });
      }
    }
  },
});
