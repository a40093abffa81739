import { isMap, isScalar } from 'yaml';
import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference, NIST_800_190 } from '../../engine/references';
import { isPlaceholderValue } from '../../engine/secrets';
import { getPair, keyRange, mapEntries, resolveNode } from '../../engine/yaml';
import { isTemplated } from '../../kubernetes/model';
import { KUBERNETES_DOCS, objectLabel } from './lib-objects';

export default kubernetesRule({
  id: 'kubernetes/secret-manifest-committed',
  title: 'Secret with values committed to the repository',
  defaultSeverity: 'warning',
  fix: '-',
  checklist: ['D4.3'],
  anchors: {},
  docs: {
    why: "A `Secret` manifest stores its values in base64, which is an encoding, not encryption: anyone who can read the repository (and its history, forks and CI caches) can read them, and removing the file later does not remove it from history.",
    how: 'Commit an encrypted or indirect form instead: a SealedSecret, an ExternalSecret pointing at your secret store, a SOPS-encrypted file, or a Vault agent/CSI reference; or create the Secret out of band. Rotate values that were already committed.',
    bad: 'kind: Secret\ndata:\n  password: czNjcjN0',
    good: 'kind: ExternalSecret\nspec:\n  secretStoreRef: {name: vault, kind: ClusterSecretStore}\n  data:\n    - secretKey: password\n      remoteRef: {key: app/db, property: password}',
    references: [checklistReference('D4.3'), NIST_800_190('4.1.4', 'Embedded clear text secrets'), KUBERNETES_DOCS('Good practices for Kubernetes Secrets', 'concepts/security/secrets-good-practices/')],
  },
  check(model, ctx) {
    for (const object of model.objects) {
      if (object.kind !== 'Secret' || object.apiVersion !== 'v1') continue;
      for (const section of ['data', 'stringData']) {
        const pair = getPair(object.map, section);
        const map = resolveNode(pair?.value);
        if (!pair || !isMap(map)) continue;
        const literal = mapEntries(map).some((entry) => isLiteral(entry.value, section === 'data'));
        if (!literal) continue;
        ctx.report({
          range: keyRange(model.source, pair),
          message: `${objectLabel(object)} has its values in the repository (\`${section}\` is only base64/plain text): use Sealed Secrets, External Secrets, SOPS or Vault.`,
        });
        break;
      }
    }
  },
});

function isLiteral(node: unknown, base64: boolean): boolean {
  if (!isScalar(node) || isTemplated(node) || node.value === null || node.value === undefined) return false;
  const text = String(node.value).trim();
  if (text === '') return false;
  if (isPlaceholderValue(text)) return false;
  if (base64) {
    const decoded = decodeBase64(text);
    if (decoded !== undefined && (decoded.trim() === '' || isPlaceholderValue(decoded))) return false;
  }
  return true;
}

function decodeBase64(text: string): string | undefined {
  if (!/^[A-Za-z0-9+/=\s]+$/.test(text)) return undefined;
  try {
    return atob(text.replace(/\s+/g, ''));
  } catch {
    return undefined;
  }
}
