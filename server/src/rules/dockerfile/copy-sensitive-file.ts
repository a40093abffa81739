import { dockerfileRule } from '../../dockerfile/rule';
import { checklistReference, CIS_DOCKER, DOCKERFILE_REFERENCE, NIST_800_190 } from '../../engine/references';
import { basename, copySources, normalisePath } from './content-common';

/** `.env` files that are templates, not configuration. */
const ENV_TEMPLATE = /^\.env\.(?:example|sample|template|dist|defaults|schema|tpl|tmpl)$/i;
/** A `.pem` that is a certificate (public), by its name. */
const CERTIFICATE_NAME = /(?:cert|ca[-_.]|^ca$|cacert|chain|bundle|public|pubkey|[-_.]pub$|trust|root)/i;
/** Folders that hold credentials. */
const SENSITIVE_DIRS = new Set(['.ssh', '.aws', '.gnupg', '.kube', '.docker', '.azure', '.gcloud']);
/** File names that hold credentials. */
const SENSITIVE_FILES = new Set(['.npmrc', '.pypirc', '.git-credentials', '.netrc', '_netrc', '.pgpass', '.dockercfg', '.vault-token', 'kubeconfig', 'credentials.json']);

/** Why a path holds secrets, or undefined. */
export function sensitiveFileReason(path: string): string | undefined {
  const normal = normalisePath(path.replace(/\\/g, '/'));
  const name = basename(normal);
  const segments = normal.split('/');
  const lower = name.toLowerCase();
  if (lower === '.env' || (lower.startsWith('.env.') && !ENV_TEMPLATE.test(lower)) || lower === '.env*') return 'an environment file with secrets';
  if (/^id_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?(?:[^.]|$)/.test(lower) && !lower.endsWith('.pub')) return 'an SSH private key';
  if (lower.endsWith('.key') || lower.endsWith('.p12') || lower.endsWith('.pfx') || lower.endsWith('.ppk')) return 'a private key or key store';
  if ((lower.endsWith('.jks') || lower.endsWith('.keystore')) && !lower.includes('trust')) return 'a Java key store';
  if (lower.endsWith('.pem') && (/key|priv|secret/.test(lower) || !CERTIFICATE_NAME.test(lower.slice(0, -4)))) return 'a PEM file (usually a private key)';
  if (SENSITIVE_FILES.has(lower) || lower.endsWith('.kubeconfig')) return 'a credentials file';
  if (/^(?:client_secret|service[-_]account)[^/]*\.json$/.test(lower)) return 'a cloud credentials file';
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i].toLowerCase();
    if (!SENSITIVE_DIRS.has(segment)) continue;
    const inside = segments.slice(i + 1).join('/').toLowerCase();
    // Public parts of those folders: known_hosts, *.pub, .docker/buildx…
    if (inside === 'known_hosts' || inside.endsWith('.pub') || (segment === '.ssh' && inside === 'config')) continue;
    if (segment === '.docker' && inside !== '' && inside !== 'config.json') continue;
    if (segment === '.kube' && inside !== '' && inside !== 'config') continue;
    return `a credentials folder (\`${segments[i]}\`)`;
  }
  return undefined;
}

export default dockerfileRule({
  id: 'dockerfile/copy-sensitive-file',
  title: 'Secret file copied into the image',
  defaultSeverity: 'warning',
  fix: '-',
  checklist: ['D4.3'],
  anchors: { trivy: ['DS-0031'] },
  docs: {
    why:
      'Files copied with `COPY` or `ADD` become part of a layer, and a layer is forever: deleting the file in a later step hides it but leaves it in the image, where `docker save` or any layer tool gets it back. `.env` files, SSH and TLS private keys (`id_rsa`, `*.key`, `*.pem`), registry and package manager credentials (`.npmrc`, `.pypirc`, `.docker/config.json`, `.git-credentials`, `.netrc`), cloud credentials (`.aws/`, service-account JSON) and kubeconfigs give whoever pulls the image the access they grant. Templates (`.env.example`), public keys (`*.pub`) and certificates (`*.crt`, `cert.pem`, `ca-bundle.pem`) are not reported.',
    how:
      'Do not put the file in the image. For a secret a build step needs, use a build secret (`RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci`) or SSH forwarding (`RUN --mount=type=ssh git clone …`); for secrets the application needs at run time, mount them when the container starts (orchestrator secrets, volumes). List such files in `.dockerignore` so `COPY . .` cannot pick them up either.',
    bad: 'COPY .env /app/.env\nCOPY id_rsa /root/.ssh/id_rsa',
    good: '# syntax=docker/dockerfile:1\nRUN --mount=type=ssh git clone git@github.com:org/private.git\n# .env is provided at run time: docker run --env-file .env …',
    references: [
      checklistReference('D4.3'),
      CIS_DOCKER('4.10', 'Ensure secrets are not stored in Dockerfiles'),
      NIST_800_190('4.1.4', 'Embedded clear text secrets'),
      { title: 'Docker docs: Build secrets', url: 'https://docs.docker.com/build/building/secrets/' },
      DOCKERFILE_REFERENCE('COPY'),
    ],
  },
  check(model, ctx) {
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') continue;
      for (const source of copySources(model, instruction)) {
        if (source.heredoc) continue;
        const reason = sensitiveFileReason(source.value);
        if (!reason) continue;
        ctx.report({
          range: source.range,
          message: `\`${instruction.keyword} ${source.value}\` puts ${reason} into an image layer, where it stays even if deleted later. Use a build secret or provide it at run time.`,
        });
      }
    }
  },
});
