import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference } from '../../engine/references';
import { getMap, getScalar, getSeq } from '../../engine/yaml';
import { KUBERNETES_DOCS, objectLabel, rangeOf, scalarText, stringItems } from './lib-objects';

/** Annotations that make a cloud load balancer internal (not reachable from the internet). */
const INTERNAL_LOAD_BALANCER: Array<[string, RegExp]> = [
  ['service.beta.kubernetes.io/aws-load-balancer-internal', /^(?:true|0\.0\.0\.0\/0)$/i],
  ['service.beta.kubernetes.io/aws-load-balancer-scheme', /^internal$/i],
  ['service.beta.kubernetes.io/azure-load-balancer-internal', /^true$/i],
  ['networking.gke.io/load-balancer-type', /^internal$/i],
  ['cloud.google.com/load-balancer-type', /^internal$/i],
  ['service.beta.kubernetes.io/oci-load-balancer-internal', /^true$/i],
  ['service.beta.kubernetes.io/openstack-internal-load-balancer', /^true$/i],
  ['service.beta.kubernetes.io/do-loadbalancer-type', /^internal$/i],
  ['service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type', /^private$/i],
  ['service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type', /^intranet$/i],
];

const OPEN_RANGE = /^(?:0\.0\.0\.0\/0|::\/0)$/;

export default kubernetesRule({
  id: 'kubernetes/service-exposed',
  title: 'Service exposed outside the cluster',
  defaultSeverity: 'info',
  fix: '-',
  checklist: ['D3.4'],
  anchors: { kubeLinter: ['exposed-services'] },
  docs: {
    why: 'A `NodePort` Service opens a port on every node, and a `LoadBalancer` Service usually gets a public address: both bypass the ingress controller, its TLS, authentication and rate limiting, and are easy to forget. Internal load balancers (cloud annotations) and load balancers restricted with `loadBalancerSourceRanges` are not reported.',
    how: 'Keep Services `ClusterIP` and publish HTTP(S) through an Ingress or Gateway. When a load balancer is needed, make it internal or restrict `loadBalancerSourceRanges` to the networks that need it.',
    bad: 'kind: Service\nspec:\n  type: NodePort',
    good: 'kind: Service\nspec:\n  type: ClusterIP',
    references: [checklistReference('D3.4'), KUBERNETES_DOCS('Service — publishing services (ServiceTypes)', 'concepts/services-networking/service/#publishing-services-service-types')],
  },
  check(model, ctx) {
    for (const object of model.objects) {
      if (object.kind !== 'Service' || object.apiVersion !== 'v1') continue;
      const spec = getMap(object.map, 'spec');
      const typeNode = getScalar(spec, 'type');
      const type = scalarText(typeNode);
      if (!typeNode || (type !== 'NodePort' && type !== 'LoadBalancer')) continue;
      if (type === 'LoadBalancer') {
        if (INTERNAL_LOAD_BALANCER.some(([key, value]) => object.annotations[key] !== undefined && value.test(object.annotations[key].trim()))) continue;
        const ranges = stringItems(getSeq(spec, 'loadBalancerSourceRanges'));
        if (ranges.length > 0 && !ranges.some((range) => OPEN_RANGE.test(range.value.trim()))) continue;
      }
      const what = type === 'NodePort' ? 'opens a port on every node' : 'gets an external load balancer';
      ctx.report({ range: rangeOf(model, typeNode), message: `${objectLabel(object)} ${what}: publish it through an Ingress/Gateway or restrict who can reach it.` });
    }
  },
});
