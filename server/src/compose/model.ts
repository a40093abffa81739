// The Compose model: services with their effective settings (own keys, keys merged with
// `<<: *anchor`, and keys inherited with `extends` from a service of the same file), each setting
// with the node where it is written, so a finding inside an anchor is reported once, at the anchor.

import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { ParsedDocument } from '../engine/language';
import { SourceText } from '../engine/source';
import type { Range } from '../engine/types';
import { keyRange, mapEntries, nodeEnd, nodeRange, nodeStart, parseYamlDocuments, resolveNode, type YamlDocument } from '../engine/yaml';
import { interpolate } from './variables';

export interface ComposeModel extends ParsedDocument {
  kind: 'compose';
  source: SourceText;
  path: string;
  documents: YamlDocument[];
  services: ComposeService[];
  /** Top-level maps (`volumes:`, `secrets:`…) of the document holding the services, by key. */
  topLevel: Map<string, Setting>;
}

/** One key of a service (or of a nested map), where it is written. */
export interface Setting {
  key: string;
  pair: Pair;
  /** The value, aliases resolved; undefined for `key:` with no value. */
  value: Node | undefined;
  /** The map that holds the pair: the service's own map, an anchored map merged with `<<`, or a base service's map. */
  owner: YAMLMap;
  /** own: in the service's map; merge: from `<<`; extends: from the `extends` base service. */
  origin: 'own' | 'merge' | 'extends';
}

export interface ComposeService {
  name: string;
  /** The `name:` key under `services:` (the range of findings about missing settings). */
  pair: Pair;
  /** The service's mapping (for an aliased service, `web2: *web`, the anchored map). */
  map: YAMLMap;
  document: YamlDocument;
  /** Own and merged settings of this service's map. */
  entries: Map<string, Setting>;
  /** The service this one `extends`, when it is in the same file. */
  base?: ComposeService;
  /** `extends` names another file (or a service we cannot see): settings may be inherited from there. */
  extendsUnknown: boolean;
  /**
   * A fragment (an override file's service with neither `image` nor `build`, or one extending a
   * service of another file): settings may come from elsewhere, so missing settings are not reported.
   */
  partial: boolean;
}

/** Keys whose sequences `extends` merges (the base's items and the service's own both apply). */
const MERGED_SEQUENCES = new Set(['cap_add', 'cap_drop', 'security_opt', 'ports', 'expose', 'volumes', 'devices', 'dns', 'dns_search', 'tmpfs', 'secrets', 'configs', 'external_links', 'env_file', 'device_cgroup_rules']);

/**
 * `extends` chains are followed this deep at most. Real files use one or two levels; a hostile
 * file with a chain of thousands made every lookup walk it (quadratic: seconds for 2,000
 * services, found by fuzzing). A service with a longer chain is `partial` (see parseCompose).
 */
const MAX_EXTENDS_DEPTH = 32;

/** The effective setting for a key (own or merged first, then inherited through `extends`). */
export function getSetting(service: ComposeService, key: string): Setting | undefined {
  const seen = new Set<ComposeService>();
  for (let current: ComposeService | undefined = service; current && !seen.has(current) && seen.size <= MAX_EXTENDS_DEPTH; current = current.base) {
    seen.add(current);
    const found = current.entries.get(key);
    if (found) return current === service ? found : { ...found, origin: 'extends' };
  }
  return undefined;
}

/**
 * Every layer that contributes to a key: for sequences that `extends` merges, the service's own
 * value and those of its bases; for other keys only the effective one.
 */
export function settingLayers(service: ComposeService, key: string): Setting[] {
  if (!MERGED_SEQUENCES.has(key) && key !== 'environment' && key !== 'labels') {
    const setting = getSetting(service, key);
    return setting ? [setting] : [];
  }
  const layers: Setting[] = [];
  const seen = new Set<ComposeService>();
  for (let current: ComposeService | undefined = service; current && !seen.has(current) && seen.size <= MAX_EXTENDS_DEPTH; current = current.base) {
    seen.add(current);
    const found = current.entries.get(key);
    if (found) layers.push(current === service ? found : { ...found, origin: 'extends' });
    if (found && replacesInherited(found.value)) break;
  }
  return layers;
}

/**
 * Whether another key of the service holds the very same node (`cap_add: &caps […]`,
 * `cap_drop: *caps`): an edit made for one key changes the other too, so fixes would fight.
 */
export function sharesValueWith(service: ComposeService, setting: Setting, otherKey: string): boolean {
  return setting.value !== undefined && settingLayers(service, otherKey).some((other) => other.value === setting.value);
}

/** `!reset` and `!override` (Compose 2.24+) replace what `extends` would otherwise merge in. */
function replacesInherited(node: Node | undefined): boolean {
  const tag = (node as { tag?: string } | undefined)?.tag;
  return tag === '!reset' || tag === '!override';
}

/** Own and merged pairs of a map, by key (aliases resolved). */
export function entriesOf(map: YAMLMap | undefined, origin: 'own' | 'extends' = 'own'): Map<string, Setting> {
  const result = new Map<string, Setting>();
  if (!map) return result;
  for (const entry of mapEntries(map)) {
    result.set(entry.key, { key: entry.key, pair: entry.pair, value: entry.value, owner: entry.origin, origin: entry.origin === map ? origin : 'merge' });
  }
  return result;
}

/** A nested setting, e.g. `deploy.resources.limits.memory`, honouring merge keys at every level. */
export function nestedSetting(service: ComposeService, ...path: string[]): Setting | undefined {
  // `extends` merges mappings key by key: a base's `deploy.resources` survives a child's `deploy: {replicas: 2}`.
  const seen = new Set<ComposeService>();
  for (let current: ComposeService | undefined = service; current && !seen.has(current) && seen.size <= MAX_EXTENDS_DEPTH; current = current.base) {
    seen.add(current);
    let setting = current.entries.get(path[0]);
    let replaced = replacesInherited(setting?.value);
    for (const key of path.slice(1)) {
      if (!setting || !isMap(setting.value)) {
        setting = undefined;
        break;
      }
      setting = entriesOf(setting.value).get(key);
      replaced ||= replacesInherited(setting?.value);
    }
    if (setting) return current === service ? setting : { ...setting, origin: 'extends' };
    if (replaced) return undefined;
  }
  return undefined;
}

export function parseCompose(text: string, path = ''): ComposeModel {
  const source = new SourceText(text);
  const documents = parseYamlDocuments(source);
  const services: ComposeService[] = [];
  let topLevel = new Map<string, Setting>();
  for (const document of documents) {
    const root = document.root;
    if (!root) continue;
    const top = entriesOf(root);
    const servicesSetting = top.get('services');
    if (!servicesSetting || !isMap(servicesSetting.value)) continue;
    if (services.length === 0) topLevel = top;
    const byName = new Map<string, ComposeService>();
    const declared: Array<{ service: ComposeService; extendsNode: Node | undefined }> = [];
    for (const entry of mapEntries(servicesSetting.value)) {
      if (entry.key.startsWith('x-') || !isMap(entry.value)) continue;
      const entries = entriesOf(entry.value);
      const service: ComposeService = { name: entry.key, pair: entry.pair, map: entry.value, document, entries, extendsUnknown: false, partial: false };
      byName.set(entry.key, service);
      declared.push({ service, extendsNode: entries.get('extends')?.value });
      services.push(service);
    }
    // `extends`: `extends: web` or `extends: { service: web }` without `file` names a service of this file.
    for (const { service, extendsNode } of declared) {
      if (!extendsNode) continue;
      let baseName: string | undefined;
      let otherFile = false;
      if (isScalar(extendsNode) && typeof extendsNode.value === 'string') {
        baseName = extendsNode.value;
      } else if (isMap(extendsNode)) {
        const extendsEntries = entriesOf(extendsNode);
        const serviceNode = extendsEntries.get('service')?.value;
        if (isScalar(serviceNode) && serviceNode.value !== null) baseName = String(serviceNode.value);
        otherFile = extendsEntries.has('file');
      }
      const base = !otherFile && baseName !== undefined ? byName.get(baseName) : undefined;
      if (base && base !== service) service.base = base;
      else service.extendsUnknown = true;
    }
    for (const { service } of declared) {
      let inheritsUnknown = false;
      const seen = new Set<ComposeService>();
      for (let current: ComposeService | undefined = service; current && !seen.has(current); current = current.base) {
        if (seen.size > MAX_EXTENDS_DEPTH) {
          inheritsUnknown = true; // too deep to follow: treated as partly unknown
          break;
        }
        seen.add(current);
        if (current.extendsUnknown) inheritsUnknown = true;
      }
      service.partial = inheritsUnknown || (!getSetting(service, 'image') && !getSetting(service, 'build'));
    }
  }
  return { kind: 'compose', source, path, documents, services, topLevel };
}

// ---------------------------------------------------------------------------------------------
// Values

/**
 * A service that runs a Windows container: `platform: windows/…`, an `isolation` mode (Windows
 * only), or a Windows base image (`…nanoserver…`, `…windowsservercore…`, `mcr.microsoft.com/windows/…`).
 * Docker ignores or rejects the Linux-only hardening options (`read_only`, `cap_drop`,
 * `no-new-privileges`, `pids_limit`) for those.
 */
export function isWindowsService(service: ComposeService): boolean {
  const platform = scalarText(getSetting(service, 'platform')?.value)?.trim().toLowerCase();
  if (platform?.startsWith('windows')) return true;
  const isolation = scalarText(getSetting(service, 'isolation')?.value)?.trim().toLowerCase();
  if (isolation === 'process' || isolation === 'hyperv') return true;
  const image = scalarText(getSetting(service, 'image')?.value)?.toLowerCase() ?? '';
  return /nanoserver|windowsservercore|servercore:ltsc|mcr\.microsoft\.com\/windows\//.test(image);
}

/** The text of a scalar (numbers and booleans as written), or undefined for other nodes and null. */
export function scalarText(node: Node | undefined | null): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  if (typeof node.value === 'string') return node.value;
  return node.source ?? String(node.value);
}

/** A scalar's text with variable defaults applied (`${X:-host}` → `host`); undefined when a variable has no default. */
export function resolvedText(node: Node | undefined | null): string | undefined {
  const text = scalarText(node);
  if (text === undefined) return undefined;
  const { value, unresolved } = interpolate(text);
  return unresolved ? undefined : value;
}

/** The scalar depends on a variable without a default: its value is unknown here. */
export function isUnresolved(node: Node | undefined | null): boolean {
  const text = scalarText(node);
  return text !== undefined && interpolate(text).unresolved;
}

const TRUE_WORDS = new Set(['true', 'yes', 'on', 'y']);

/** Compose reads `true`, and for compatibility `yes`/`on`, as true in boolean fields (after interpolation). */
export function isTrue(node: Node | undefined): boolean {
  if (!isScalar(node)) return false;
  if (node.value === true) return true;
  if (typeof node.value !== 'string') return false;
  return TRUE_WORDS.has((resolvedText(node) ?? '').trim().toLowerCase());
}

/** Items of a sequence value, aliases resolved (an alias item points into its anchor). */
export function sequenceItems(node: Node | undefined): Array<{ node: Node; index: number; seq: YAMLSeq }> {
  if (!isSeq(node)) return [];
  const result: Array<{ node: Node; index: number; seq: YAMLSeq }> = [];
  node.items.forEach((item, index) => {
    const resolved = resolveNode(item);
    if (resolved) result.push({ node: resolved, index, seq: node });
  });
  return result;
}

// ---------------------------------------------------------------------------------------------
// Ranges

export function serviceKeyRange(model: ComposeModel, service: ComposeService): Range {
  return keyRange(model.source, service.pair);
}

export function settingKeyRange(model: ComposeModel, setting: Setting): Range {
  return keyRange(model.source, setting.pair);
}

/** Range of a setting's value, or of its key when the value is empty. */
export function settingValueRange(model: ComposeModel, setting: Setting): Range {
  return setting.value && (setting.value as { range?: unknown }).range ? nodeRange(model.source, setting.value) : settingKeyRange(model, setting);
}

/**
 * Offset in the document of character `index` of a scalar's value, when the value is written
 * verbatim (plain, or quoted without escapes); undefined otherwise (then report the whole scalar).
 */
export function scalarContentStart(model: ComposeModel, node: Scalar): number | undefined {
  const value = typeof node.value === 'string' ? node.value : node.source ?? (node.value === null || node.value === undefined ? undefined : String(node.value));
  if (value === undefined) return undefined;
  const start = nodeStart(node);
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  if (node.type !== 'PLAIN' && !quoted) return undefined;
  const contentStart = start + (quoted ? 1 : 0);
  if (model.source.text.slice(contentStart, contentStart + value.length) !== value) return undefined;
  return contentStart;
}

/** Range of `value.slice(from, to)` of a scalar, or the whole scalar when it is not written verbatim. */
export function scalarSubRange(model: ComposeModel, node: Scalar, from: number, to: number): Range {
  const start = scalarContentStart(model, node);
  if (start === undefined) return nodeRange(model.source, node);
  return model.source.rangeAt(start + from, start + to);
}

export { nodeEnd, nodeRange, nodeStart, keyRange };
