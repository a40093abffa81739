import { isMap, isScalar } from 'yaml';
import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference, NIST_800_190 } from '../../engine/references';
import { isSecretName } from '../../engine/secrets';
import { getPair, keyRange, mapEntries, resolveNode } from '../../engine/yaml';
import { isTemplated } from '../../kubernetes/model';
import { KUBERNETES_DOCS, objectLabel } from './lib-objects';

export default kubernetesRule({
  id: 'kubernetes/secret-in-configmap',
  title: 'Secret stored in a ConfigMap',
  defaultSeverity: 'warning',
  fix: '-',
  checklist: ['D4.3'],
  anchors: { trivy: ['KSV-01010'], polaris: ['sensitiveConfigmapContent'] },
  docs: {
    why: 'ConfigMaps are meant for non-confidential settings: they are not encrypted at rest, RBAC roles commonly grant read access to them (`view` does), and they show up in dashboards and logs. A key named like a password, token or API key in a ConfigMap puts a secret where anyone who can read configuration can read it.',
    how: 'Move the value to a Secret (delivered by Sealed Secrets, External Secrets, SOPS or Vault) and reference it with `secretKeyRef` or a Secret volume; keep only non-confidential settings in the ConfigMap.',
    bad: 'kind: ConfigMap\ndata:\n  DB_PASSWORD: s3cr3t',
    good: 'kind: ConfigMap\ndata:\n  DB_HOST: db.internal\n---\n# DB_PASSWORD comes from an ExternalSecret / SealedSecret',
    references: [checklistReference('D4.3'), NIST_800_190('4.1.4', 'Embedded clear text secrets'), KUBERNETES_DOCS('ConfigMaps', 'concepts/configuration/configmap/')],
  },
  check(model, ctx) {
    for (const object of model.objects) {
      if (object.kind !== 'ConfigMap' || object.apiVersion !== 'v1') continue;
      for (const section of ['data', 'binaryData']) {
        const map = resolveNode(getPair(object.map, section)?.value);
        if (!isMap(map)) continue;
        for (const entry of mapEntries(map)) {
          if (!isSecretName(entry.key)) continue;
          const value = entry.value;
          if (!isScalar(value)) continue;
          const empty = !isTemplated(value) && (value.value === null || value.value === undefined || String(value.value).trim() === '');
          if (empty) continue;
          ctx.report({
            range: keyRange(model.source, entry.pair),
            message: `\`${entry.key}\` in ${objectLabel(object)} looks like a secret: ConfigMaps are not meant for confidential data — use a Secret.`,
          });
        }
      }
    }
  },
});
