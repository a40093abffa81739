import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference } from '../../engine/references';
import { getMap, keyRange, mapEntries } from '../../engine/yaml';
import { removePair } from '../../engine/yaml-edit';
import { objectLabel } from './lib-objects';

const SNIPPET = /^nginx\.ingress\.kubernetes\.io\/[a-z-]*snippets?$/;

export default kubernetesRule({
  id: 'kubernetes/ingress-nginx-snippets',
  title: 'ingress-nginx snippet annotation',
  defaultSeverity: 'warning',
  fix: 'M',
  checklist: ['D3.4'],
  anchors: { checkov: ['CKV_K8S_153'] },
  docs: {
    why: "`*-snippet` annotations paste raw NGINX configuration into the ingress controller, which runs with a service account that can read every Secret in the cluster. Whoever may create an Ingress can use a snippet to read those secrets or reroute traffic (CVE-2021-25742, CVE-2025-1974 family); recent ingress-nginx versions disable snippets by default for this reason.",
    how: 'Remove the annotation and use the dedicated, validated annotations (headers, rewrites, auth) or a controller feature instead; keep `allow-snippet-annotations: "false"` in the controller configuration.',
    bad: 'metadata:\n  annotations:\n    nginx.ingress.kubernetes.io/configuration-snippet: |\n      more_set_headers "X-Frame-Options: DENY";',
    good: 'metadata:\n  annotations:\n    nginx.ingress.kubernetes.io/custom-headers: shop/security-headers',
    references: [checklistReference('D3.4'), { title: 'CVE-2021-25742: ingress-nginx custom snippets allow retrieval of service account tokens', url: 'https://github.com/kubernetes/ingress-nginx/issues/7837' }, { title: 'ingress-nginx annotations — configuration snippet', url: 'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#configuration-snippet' }],
  },
  check(model, ctx) {
    for (const object of model.objects) {
      if (object.kind !== 'Ingress') continue;
      const annotations = getMap(object.metadata, 'annotations');
      for (const entry of mapEntries(annotations)) {
        if (!SNIPPET.test(entry.key)) continue;
        ctx.report({
          range: keyRange(model.source, entry.pair),
          message: `\`${entry.key}\` in ${objectLabel(object)} injects raw NGINX configuration into a controller that can read every Secret (CVE-2021-25742).`,
          fixes: [{ title: `Remove the ${entry.key.slice(entry.key.indexOf('/') + 1)} annotation`, mechanical: true, edits: removePair(model.source, entry.origin, entry.key) }],
        });
      }
    }
  },
});
