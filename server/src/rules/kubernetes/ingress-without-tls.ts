import { isMap, isSeq } from 'yaml';
import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference } from '../../engine/references';
import { getPair, getScalar, getSeq, keyRange, resolveNode, seqItems } from '../../engine/yaml';
import { insertMapEntries, type YamlValue } from '../../engine/yaml-edit';
import { KUBERNETES_DOCS, objectLabel, scalarText } from './lib-objects';

export const INGRESS_API_VERSIONS = new Set(['networking.k8s.io/v1', 'networking.k8s.io/v1beta1', 'extensions/v1beta1']);

/** Annotations with which a controller terminates TLS from a certificate outside the Ingress. */
const EXTERNAL_TLS: Array<[string, RegExp]> = [
  ['alb.ingress.kubernetes.io/certificate-arn', /\S/],
  ['alb.ingress.kubernetes.io/listen-ports', /HTTPS/i],
  ['ingress.gcp.kubernetes.io/pre-shared-cert', /\S/],
  ['networking.gke.io/managed-certificates', /\S/],
  ['kubernetes.io/ingress.allow-http', /^false$/i],
  ['service.beta.kubernetes.io/aws-load-balancer-ssl-cert', /\S/],
];

export default kubernetesRule({
  id: 'kubernetes/ingress-without-tls',
  title: 'Ingress without TLS',
  defaultSeverity: 'warning',
  fix: 'S',
  checklist: ['D4.2'],
  anchors: { polaris: ['tlsSettingsMissing'] },
  docs: {
    why: 'Without a `tls` section the Ingress serves plain HTTP: passwords, session cookies and API tokens cross the network readable and modifiable by anyone on the path. Ingresses whose controller terminates TLS with a certificate configured by annotation (AWS ALB `certificate-arn`, GKE managed certificates) are not reported.',
    how: 'Add a `tls` entry naming the hosts and the Secret that holds their certificate; cert-manager (`cert-manager.io/cluster-issuer` annotation) can create and renew that Secret. Redirect HTTP to HTTPS at the controller.',
    bad: 'kind: Ingress\nspec:\n  rules:\n    - host: shop.example.com',
    good: 'kind: Ingress\nspec:\n  tls:\n    - hosts:\n        - shop.example.com\n      secretName: shop-tls\n  rules:\n    - host: shop.example.com',
    references: [checklistReference('D4.2'), KUBERNETES_DOCS('Ingress — TLS', 'concepts/services-networking/ingress/#tls')],
  },
  check(model, ctx) {
    for (const object of model.objects) {
      if (object.kind !== 'Ingress' || !INGRESS_API_VERSIONS.has(object.apiVersion)) continue;
      if (EXTERNAL_TLS.some(([key, value]) => object.annotations[key] !== undefined && value.test(object.annotations[key]))) continue;
      const specPair = getPair(object.map, 'spec');
      const spec = resolveNode(specPair?.value);
      if (!specPair || !isMap(spec)) continue;
      const tlsPair = getPair(spec, 'tls');
      const tls = resolveNode(tlsPair?.value);
      if (tlsPair && (!isSeq(tls) || tls.items.length > 0)) continue; // present (or templated)
      if (!tlsPair && object.partial) continue;

      const name = scalarText(getScalar(object.metadata, 'name')) ?? 'ingress';
      const secretName = `${name.toLowerCase().replace(/[^a-z0-9.-]+/g, '-')}-tls`;
      const hosts: string[] = [];
      for (const rule of seqItems(getSeq(spec, 'rules'))) {
        const host = isMap(rule) ? scalarText(getScalar(rule, 'host')) : undefined;
        if (host && !hosts.includes(host)) hosts.push(host);
      }
      const entry: Record<string, YamlValue> = hosts.length > 0 ? { hosts, secretName } : { secretName };
      const edits = tlsPair ? [] : insertMapEntries(model.source, spec, [{ key: 'tls', value: [entry] }], getPair(spec, 'ingressClassName') ? { after: 'ingressClassName' } : {});
      ctx.report({
        range: keyRange(model.source, tlsPair ?? specPair),
        message: `${objectLabel(object)} has no TLS: traffic to ${hosts.length > 0 ? hosts.join(', ') : 'it'} travels unencrypted.`,
        fixes: edits.length > 0 ? [{ title: `Add a tls block (certificate in Secret "${secretName}")`, mechanical: false, edits }] : [],
      });
    }
  },
});
