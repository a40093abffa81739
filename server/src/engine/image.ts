// Container image references (`registry/path/name:tag@digest`), shared by all document kinds.

export interface ImageReference {
  /** The reference as written. */
  raw: string;
  /** Registry host as written, or '' when implicit (Docker Hub). */
  registry: string;
  /** Registry with Docker Hub made explicit: `docker.io`. */
  effectiveRegistry: string;
  /** Repository path without registry, e.g. `library/nginx` is given as `nginx`. */
  repository: string;
  /** Last path segment, e.g. `nginx` for `bitnami/nginx`. */
  name: string;
  tag?: string;
  digest?: string;
  /** Offsets within `raw`. */
  tagStart?: number;
  digestStart?: number;
  /** True when the reference still contains variables (`$VAR`, `${VAR}`, `{{ }}`). */
  hasVariables: boolean;
}

const VARIABLE = /\$\{?[A-Za-z_]|\{\{/;

export function parseImageReference(raw: string): ImageReference {
  const hasVariables = VARIABLE.test(raw);
  let rest = raw;
  let digest: string | undefined;
  let digestStart: number | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    digestStart = at + 1;
    rest = rest.slice(0, at);
  }
  let registry = '';
  const firstSlash = rest.indexOf('/');
  if (firstSlash > 0) {
    const first = rest.slice(0, firstSlash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(firstSlash + 1);
    }
  }
  const prefixLength = registry ? registry.length + 1 : 0;
  let tag: string | undefined;
  let tagStart: number | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.indexOf(':', lastSlash + 1);
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    tagStart = prefixLength + colon + 1;
    rest = rest.slice(0, colon);
  }
  const repository = rest;
  const name = repository.slice(repository.lastIndexOf('/') + 1);
  return {
    raw,
    registry,
    effectiveRegistry: registry || 'docker.io',
    repository,
    name,
    tag,
    digest,
    tagStart,
    digestStart,
    hasVariables,
  };
}

/** Docker Hub's official images are `library/<name>`; both spellings mean the same image. */
export function canonicalRepository(ref: ImageReference): string {
  if (ref.effectiveRegistry === 'docker.io' && !ref.repository.includes('/')) return `library/${ref.repository}`;
  return ref.repository;
}

const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

/**
 * Whether an image comes from one of the trusted registries. An entry may be a host (`ghcr.io`)
 * or a host with a path prefix (`ghcr.io/my-org`); Docker Hub aliases are equivalent.
 */
export function isTrustedRegistry(ref: ImageReference, trusted: string[]): boolean {
  const host = DOCKER_HUB_ALIASES.has(ref.effectiveRegistry.toLowerCase()) ? 'docker.io' : ref.effectiveRegistry.toLowerCase();
  const full = `${host}/${canonicalRepository(ref)}`.toLowerCase();
  return trusted.some((entry) => {
    let normalized = entry.trim().toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/(?<!\/)\/+$/, ''); // lookbehind: linear on `////…x`
    if (!normalized) return false;
    // `*` trusts every registry; `*.example.com` every subdomain of example.com (as hadolint's allowed registries).
    if (normalized === '*') return true;
    if (normalized.startsWith('*.') && !normalized.includes('/')) return host.endsWith(normalized.slice(1)) && host.length > normalized.length - 1;
    const slash = normalized.indexOf('/');
    const entryHost = slash >= 0 ? normalized.slice(0, slash) : normalized;
    if (DOCKER_HUB_ALIASES.has(entryHost)) normalized = 'docker.io' + (slash >= 0 ? normalized.slice(slash) : '');
    return full === normalized || full.startsWith(normalized + '/');
  });
}
