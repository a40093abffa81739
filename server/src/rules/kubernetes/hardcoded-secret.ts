import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference, NIST_800_190 } from '../../engine/references';
import { describeCredential, findCredentials, type CredentialMatch } from '../../engine/secrets';
import { nodeEnd, nodeStart } from '../../engine/yaml';
import { secretEnvSpans } from './lib-secrets';
import { KUBERNETES_DOCS } from './lib-objects';

export default kubernetesRule({
  id: 'kubernetes/hardcoded-secret',
  title: 'Literal credential in a manifest',
  defaultSeverity: 'error',
  fix: '-',
  checklist: ['D4.3'],
  anchors: { polaris: ['sensitiveConfigmapContent'] },
  docs: {
    why: 'A private key, cloud access key, API token or a password inside a URL or command line, committed in a manifest, is readable by everyone with access to the repository, its forks, CI logs and the cluster objects created from it. Leaked credentials are found by scanners within minutes of a push to a public repository.',
    how: 'Revoke and rotate the credential, then deliver it through a Secret that is not committed in plain text (Sealed Secrets, External Secrets, SOPS, Vault) and reference it from the pod (`valueFrom.secretKeyRef`, a Secret volume). Plain `Secret` manifests are reported by `kubernetes/secret-manifest-committed`.',
    bad: 'args: ["--db-url", "postgres://app:Sup3rS3cret@db:5432/app"]',
    good: 'env:\n  - name: DB_URL\n    valueFrom:\n      secretKeyRef: {name: app-db, key: url}\nargs: ["--db-url", "$(DB_URL)"]',
    references: [checklistReference('D4.3'), NIST_800_190('4.1.4', 'Embedded clear text secrets'), KUBERNETES_DOCS('Good practices for Kubernetes Secrets', 'concepts/security/secrets-good-practices/')],
  },
  check(model, ctx) {
    const matches = credentialsByDocument(model.source.text);
    if (matches.length === 0) return;
    // Secret objects are reported by secret-manifest-committed, literal env secrets by secret-in-env.
    const skipped: Array<[number, number]> = [...secretEnvSpans(model)];
    for (const object of model.objects) {
      if (object.kind === 'Secret') skipped.push([nodeStart(object.map), nodeEnd(object.map)]);
    }
    for (const match of matches) {
      if (skipped.some(([start, end]) => match.start >= start && match.end <= end)) continue;
      ctx.report({
        range: model.source.rangeAt(match.start, match.end),
        message: `This looks like ${describeCredential(match.kind)} committed in the manifest: revoke it and deliver it through a Secret that is not stored in plain text.`,
      });
    }
  },
});

const DOCUMENT_SEPARATOR = /^---(?=[ \t]|$)/gm;

/**
 * Credentials of every YAML document, scanned document by document: matches never span a `---`,
 * and the scan stays fast on long multi-document files.
 */
function credentialsByDocument(text: string): CredentialMatch[] {
  const result: CredentialMatch[] = [];
  let start = 0;
  const scan = (end: number): void => {
    if (end <= start) return;
    for (const match of findCredentials(text.slice(start, end))) result.push({ ...match, start: match.start + start, end: match.end + start });
  };
  DOCUMENT_SEPARATOR.lastIndex = 0;
  for (let m = DOCUMENT_SEPARATOR.exec(text); m !== null; m = DOCUMENT_SEPARATOR.exec(text)) {
    scan(m.index);
    start = m.index;
  }
  scan(text.length);
  return result;
}
