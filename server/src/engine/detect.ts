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
  if (/^\s*-?\s*apiVersion\s*:/m.test(head) && /^\s*-?\s*kind\s*:/m.test(head) && /^\s{0,4}-?\s*(?:metadata|spec)\s*:/m.test(head)) return 'kubernetes';
  if (/^services\s*:/m.test(head) && /^\s+(?:image|build)\s*:/m.test(head)) return 'compose';
  return undefined;
}
