// Decides the kind of a document from its path and, for YAML, a cheap look at its top-level keys.

import type { DocumentKind } from './types';

const DOCKERFILE_NAME = /^(?:Dockerfile|Containerfile)(?:\..+)?$|\.(?:dockerfile|containerfile)$/i;
const COMPOSE_NAME = /^(?:docker-)?compose(?:\.[\w.-]+)?\.ya?ml$/i;
const YAML_NAME = /\.ya?ml$/i;

export function fileName(path: string): string {
  const normalized = path.replace(/\\/g, '/');
  return normalized.slice(normalized.lastIndexOf('/') + 1);
}

export function isDockerfileName(name: string): boolean {
  return DOCKERFILE_NAME.test(name);
}

export function isComposeName(name: string): boolean {
  return COMPOSE_NAME.test(name);
}

export function isConfigFileName(name: string): boolean {
  return name === '.lashing.yaml' || name === '.lashing.yml';
}

/** Only the first 64 KiB are looked at, so large YAML files are classified quickly. */
export function detectKind(path: string, text: string): DocumentKind | undefined {
  const name = fileName(path);
  if (isDockerfileName(name)) return 'dockerfile';
  if (!YAML_NAME.test(name) || isConfigFileName(name)) return undefined;
  if (isComposeName(name)) return 'compose';
  const head = text.length > 65536 ? text.slice(0, 65536) : text;
  const hasApiVersion = /^apiVersion\s*:/m.test(head);
  const hasKind = /^kind\s*:/m.test(head);
  if (hasApiVersion && hasKind) return 'kubernetes';
  // A list of objects (`kind: List` items) or indented documents still start with apiVersion somewhere.
  // Indentation is `[ \t]`, not `\s`: with the `m` flag `^\s*` restarts at every line of a run of
  // blank lines and rescans the rest of it, and `[ \t]*-?[ \t]*` splits a long run of blanks in
  // every possible way (both quadratic: seconds on 64 KiB). Same matches as before.
  if (/^[ \t]*(?:-[ \t]*)?apiVersion\s*:/m.test(head) && /^[ \t]*(?:-[ \t]*)?kind\s*:/m.test(head) && /^[ \t]*(?:-[ \t]*)?(?:metadata|spec)\s*:/m.test(head)) return 'kubernetes';
  if (/^services\s*:/m.test(head) && /^[ \t]+(?:image|build)\s*:/m.test(head)) return 'compose';
  // Fragments that services `extends:` (`file: hwaccel.yml`) have no image: a service-level key
  // only Compose uses, nested under a service name, in a `services:` map (GitLab CI's top-level
  // `services:` is a list).
  if (/^services\s*:[ \t]*(?:#.*)?\r?\n(?:[ \t]*(?:#.*)?\r?\n)*[ \t]+[^\s#-]/m.test(head) && /^(?: {4,}|\t{2,})(?:devices|security_opt|cap_add|cap_drop|privileged|network_mode|userns_mode|group_add|extends)\s*:/m.test(head)) return 'compose';
  return undefined;
}
