import { isMap, isScalar, isSeq } from 'yaml';
import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference } from '../../engine/references';
import { getPair, keyRange, resolveNode, seqItems } from '../../engine/yaml';
import { KUBERNETES_DOCS, objectLabel, rangeOf } from './lib-objects';

export default kubernetesRule({
  id: 'kubernetes/network-policy-allow-all',
  title: 'NetworkPolicy rule that allows all traffic',
  defaultSeverity: 'warning',
  fix: '-',
  checklist: ['D3.1'],
  anchors: {},
  docs: {
    why: 'An ingress rule with no `from` and no `ports` (written `- {}`) allows traffic from every pod, every namespace and every external address; an empty egress rule allows traffic to anywhere. Such a policy makes the selected pods look isolated while it undoes the isolation.',
    how: 'List the peers (`podSelector`, `namespaceSelector`, `ipBlock`) and `ports` the pods really need; remove the rule (keeping the policy type) to deny that direction entirely.',
    bad: 'spec:\n  podSelector: {}\n  ingress:\n    - {}',
    good: 'spec:\n  podSelector:\n    matchLabels: {app: api}\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels: {app: web}\n      ports:\n        - port: 8080',
    references: [checklistReference('D3.1'), KUBERNETES_DOCS('Network Policies — allow all ingress traffic', 'concepts/services-networking/network-policies/#allow-all-ingress-traffic')],
  },
  check(model, ctx) {
    for (const object of model.objects) {
      if (object.kind !== 'NetworkPolicy' || !object.apiVersion.startsWith('networking.k8s.io/')) continue;
      const spec = resolveNode(getPair(object.map, 'spec')?.value);
      if (!isMap(spec)) continue;
      for (const [direction, peerKey] of [['ingress', 'from'], ['egress', 'to']] as const) {
        const rules = resolveNode(getPair(spec, direction)?.value);
        if (!isSeq(rules)) continue;
        for (const rule of seqItems(rules)) {
          if (!isMap(rule)) continue;
          const peersPair = getPair(rule, peerKey);
          const peers = resolveNode(peersPair?.value);
          const ports = resolveNode(getPair(rule, 'ports')?.value);
          const noPeers = !peersPair || isEmptyList(peers);
          const noPorts = isEmptyList(ports);
          const otherKeys = rule.items.some((pair) => pair !== peersPair && pair !== getPair(rule, 'ports'));
          if (!noPeers || !noPorts || otherKeys) continue;
          const range = rule.items.length === 0 ? rangeOf(model, rule) : keyRange(model.source, rule.items[0]);
          const what = direction === 'ingress' ? 'from every pod, namespace and address' : 'to every pod, namespace and address';
          ctx.report({ range, message: `This ${direction} rule of ${objectLabel(object)} allows all traffic ${what}: list the peers and ports it needs.` });
        }
      }
    }
  },
});

/** Missing, null or `[]`: for a NetworkPolicy rule all mean "no restriction". */
function isEmptyList(node: unknown): boolean {
  if (node === undefined) return true;
  if (isScalar(node)) return node.value === null || node.value === undefined;
  return isSeq(node) && node.items.length === 0;
}
