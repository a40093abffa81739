import { isSeq } from 'yaml';
import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference } from '../../engine/references';
import { getMap, getPair, keyRange, resolveNode } from '../../engine/yaml';
import { KUBERNETES_DOCS, objectLabel } from './lib-objects';

export default kubernetesRule({
  id: 'kubernetes/service-external-ips',
  title: 'Service with externalIPs',
  defaultSeverity: 'warning',
  fix: '-',
  checklist: ['D3.4'],
  anchors: { trivy: ['KSV-0108'] },
  docs: {
    why: 'Nodes route traffic for a Service\'s `externalIPs` to its pods, and Kubernetes does not check who owns those addresses. Anyone allowed to create or edit a Service can claim any IP — including another service\'s or an external site\'s — and intercept its traffic inside the cluster (CVE-2020-8554, unfixed by design).',
    how: 'Use a `LoadBalancer` Service or an Ingress/Gateway instead. Cluster operators should block `externalIPs` with the `DenyServiceExternalIPs` admission plugin or a policy (Kyverno, Gatekeeper, ValidatingAdmissionPolicy).',
    bad: 'kind: Service\nspec:\n  externalIPs:\n    - 203.0.113.10',
    good: 'kind: Service\nspec:\n  type: LoadBalancer',
    references: [checklistReference('D3.4'), { title: 'CVE-2020-8554: Man in the middle using LoadBalancer or ExternalIPs', url: 'https://github.com/kubernetes/kubernetes/issues/97076' }, KUBERNETES_DOCS('Service — external IPs', 'concepts/services-networking/service/#external-ips')],
  },
  check(model, ctx) {
    for (const object of model.objects) {
      if (object.kind !== 'Service' || object.apiVersion !== 'v1') continue;
      const pair = getPair(getMap(object.map, 'spec'), 'externalIPs');
      const value = resolveNode(pair?.value);
      if (!pair || !isSeq(value) || value.items.length === 0) continue;
      ctx.report({ range: keyRange(model.source, pair), message: `${objectLabel(object)} sets \`externalIPs\`: nothing checks who owns these addresses, so traffic to them can be captured (CVE-2020-8554).` });
    }
  },
});
