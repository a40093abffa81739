// Configuration: defaults, editor settings and `.lashing.yaml`, validated with exact error positions.

import { parseDocument, isMap, isSeq, isScalar, type Node, type Pair } from 'yaml';
import type { Attestation, EffectiveConfig, Range, SeveritySetting } from './types';
import { SourceText } from './source';

export const CONFIG_FILE_NAME = '.lashing.yaml';
const SEVERITIES = new Set(['error', 'warning', 'info', 'hint', 'off']);
const LATEST_KUBERNETES_MINOR = 37;

export function defaultConfig(): EffectiveConfig {
  return {
    rules: {},
    trustedRegistries: [],
    ignorePaths: [],
    kubernetes: { profile: 'restricted', version: 'latest' },
    attestations: [],
  };
}

/** A partial configuration, as one source (settings or file) gives it. */
export type ConfigLayer = Partial<Omit<EffectiveConfig, 'kubernetes'>> & { kubernetes?: Partial<EffectiveConfig['kubernetes']> };

export interface ConfigProblem {
  message: string;
  range: Range;
  /** Dotted path of the offending key, e.g. `rules.dockerfile/root-user`. */
  path: string;
}

/** Merges layers in order; later layers win key by key. */
export function mergeConfig(...layers: Array<ConfigLayer | undefined>): EffectiveConfig {
  const result = defaultConfig();
  for (const layer of layers) {
    if (!layer) continue;
    if (layer.rules) result.rules = { ...result.rules, ...layer.rules };
    if (layer.trustedRegistries) result.trustedRegistries = [...layer.trustedRegistries];
    if (layer.ignorePaths) result.ignorePaths = [...result.ignorePaths, ...layer.ignorePaths];
    if (layer.kubernetes?.profile) result.kubernetes.profile = layer.kubernetes.profile;
    if (layer.kubernetes?.version !== undefined) result.kubernetes.version = layer.kubernetes.version;
    if (layer.attestations) result.attestations = [...layer.attestations];
  }
  return result;
}

export function parseKubernetesVersion(value: unknown): number | 'latest' | undefined {
  if (value === 'latest') return 'latest';
  if (typeof value === 'number') {
    const minor = Math.round((value - 1) * 100) === Math.round((value - 1) * 100) ? /^1\.(\d+)$/.exec(String(value)) : null;
    return minor ? Number(minor[1]) : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const match = /^v?1\.(\d+)(?:\.\d+)?$/.exec(value.trim());
  if (!match) return undefined;
  return Number(match[1]);
}

export function effectiveKubernetesMinor(version: number | 'latest'): number {
  return version === 'latest' ? LATEST_KUBERNETES_MINOR : version;
}

/**
 * Validates editor settings (an untrusted JSON value) into a layer; invalid entries are dropped
 * and described, so the rest still applies.
 */
export function settingsToLayer(settings: unknown, knownRuleIds: ReadonlySet<string>): { layer: ConfigLayer; problems: string[] } {
  const problems: string[] = [];
  const layer: ConfigLayer = {};
  if (!settings || typeof settings !== 'object') return { layer, problems };
  const s = settings as Record<string, unknown>;
  if (s.rules !== undefined) {
    if (typeof s.rules === 'object' && s.rules !== null && !Array.isArray(s.rules)) {
      layer.rules = {};
      for (const [id, value] of Object.entries(s.rules as Record<string, unknown>)) {
        if (!knownRuleIds.has(id)) problems.push(`lashing.rules: unknown rule "${id}"`);
        else if (typeof value !== 'string' || !SEVERITIES.has(value)) problems.push(`lashing.rules.${id}: "${String(value)}" is not one of error, warning, info, hint, off`);
        else layer.rules[id] = value as SeveritySetting;
      }
    } else problems.push('lashing.rules must be an object of rule ID to severity');
  }
  const stringList = (key: string, value: unknown): string[] | undefined => {
    if (value === undefined) return undefined;
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
    problems.push(`lashing.${key} must be a list of strings`);
    return undefined;
  };
  layer.trustedRegistries = stringList('trustedRegistries', s.trustedRegistries);
  const ignorePaths = stringList('ignorePaths', s.ignorePaths);
  if (ignorePaths) layer.ignorePaths = ignorePaths.filter((path) => isSafeGlob(path, problems, 'lashing.ignorePaths'));
  const kubernetes = (s.kubernetes ?? {}) as Record<string, unknown>;
  if (kubernetes && typeof kubernetes === 'object') {
    layer.kubernetes = {};
    if (kubernetes.podSecurityProfile !== undefined) {
      if (kubernetes.podSecurityProfile === 'baseline' || kubernetes.podSecurityProfile === 'restricted') layer.kubernetes.profile = kubernetes.podSecurityProfile;
      else problems.push(`lashing.kubernetes.podSecurityProfile: "${String(kubernetes.podSecurityProfile)}" is not baseline or restricted`);
    }
    if (kubernetes.version !== undefined) {
      const version = parseKubernetesVersion(kubernetes.version);
      if (version === undefined) problems.push(`lashing.kubernetes.version: "${String(kubernetes.version)}" is not a Kubernetes version like 1.30 or latest`);
      else layer.kubernetes.version = version;
    }
  }
  return { layer, problems };
}

function isSafeGlob(path: string, problems: string[], key: string): boolean {
  if (path.length > 1000 || path.includes('\0')) {
    problems.push(`${key}: "${path.slice(0, 40)}…" is not a valid path pattern`);
    return false;
  }
  return true;
}

/** Parses `.lashing.yaml`. Problems carry exact ranges; what is valid still applies. */
export function parseConfigFile(text: string, knownRuleIds: ReadonlySet<string>): { layer: ConfigLayer; problems: ConfigProblem[] } {
  const source = new SourceText(text);
  const problems: ConfigProblem[] = [];
  const layer: ConfigLayer = {};
  const rangeOf = (node: Node | Pair | null | undefined): Range => {
    const r = node && 'range' in node && node.range ? node.range : undefined;
    return r ? source.rangeAt(r[0], r[1]) : source.rangeAt(0, 0);
  };
  const problem = (node: Node | null | undefined, path: string, message: string): void => {
    problems.push({ message, range: rangeOf(node), path });
  };

  let document;
  try {
    document = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  } catch (error) {
    problems.push({ message: `Cannot read ${CONFIG_FILE_NAME}: ${(error as Error).message}`, range: source.rangeAt(0, 0), path: '' });
    return { layer, problems };
  }
  for (const error of document.errors) {
    problems.push({ message: `${CONFIG_FILE_NAME} is not valid YAML: ${error.message.split('\n')[0]}`, range: source.rangeAt(error.pos[0], error.pos[1]), path: '' });
  }
  if (document.errors.length > 0) return { layer, problems };
  const root = document.contents;
  if (root === null || root === undefined) return { layer, problems };
  if (!isMap(root)) {
    problem(root as Node, '', `${CONFIG_FILE_NAME} must be a mapping of settings`);
    return { layer, problems };
  }
  for (const pair of root.items) {
    const keyNode = pair.key as Node;
    const key = isScalar(keyNode) ? String(keyNode.value) : '';
    const value = pair.value as Node | null;
    switch (key) {
      case 'rules': {
        if (!isMap(value)) {
          problem(value ?? keyNode, 'rules', '`rules` must map rule IDs to a severity (error, warning, info, hint, off)');
          break;
        }
        layer.rules = {};
        for (const rulePair of value.items) {
          const idNode = rulePair.key as Node;
          const id = isScalar(idNode) ? String(idNode.value) : '';
          const severityNode = rulePair.value as Node | null;
          const severity = isScalar(severityNode) ? String(severityNode.value) : '';
          if (!knownRuleIds.has(id)) problem(idNode, `rules.${id}`, `Unknown rule "${id}"`);
          else if (!SEVERITIES.has(severity)) problem(severityNode ?? idNode, `rules.${id}`, `"${severity}" is not a severity: use error, warning, info, hint or off`);
          else layer.rules[id] = severity as SeveritySetting;
        }
        break;
      }
      case 'trustedRegistries':
      case 'ignorePaths': {
        const list = stringListOf(value);
        if (!list) problem(value ?? keyNode, key, `\`${key}\` must be a list of strings`);
        else layer[key] = list;
        break;
      }
      case 'kubernetes': {
        if (!isMap(value)) {
          problem(value ?? keyNode, key, '`kubernetes` must be a mapping (podSecurityProfile, version)');
          break;
        }
        layer.kubernetes = {};
        for (const kubePair of value.items) {
          const subKeyNode = kubePair.key as Node;
          const subKey = isScalar(subKeyNode) ? String(subKeyNode.value) : '';
          const subValue = kubePair.value as Node | null;
          const scalar = isScalar(subValue) ? subValue.value : undefined;
          if (subKey === 'podSecurityProfile') {
            if (scalar === 'baseline' || scalar === 'restricted') layer.kubernetes.profile = scalar;
            else problem(subValue ?? subKeyNode, 'kubernetes.podSecurityProfile', '`podSecurityProfile` must be `baseline` or `restricted`');
          } else if (subKey === 'version') {
            const source = isScalar(subValue) && subValue.source !== undefined ? subValue.source : scalar;
            const version = parseKubernetesVersion(typeof source === 'string' ? source : scalar);
            if (version === undefined) problem(subValue ?? subKeyNode, 'kubernetes.version', '`version` must be a Kubernetes version such as "1.30", or `latest`');
            else layer.kubernetes.version = version;
          } else problem(subKeyNode, `kubernetes.${subKey}`, `Unknown setting "kubernetes.${subKey}"`);
        }
        break;
      }
      case 'checklist': {
        if (!isMap(value)) {
          problem(value ?? keyNode, key, '`checklist` must be a mapping with `attestations`');
          break;
        }
        const attestationsNode = value.get('attestations', true) as Node | undefined;
        if (attestationsNode === undefined) break;
        if (!isSeq(attestationsNode)) {
          problem(attestationsNode, 'checklist.attestations', '`attestations` must be a list of { item, reason }');
          break;
        }
        const attestations: Attestation[] = [];
        for (const entry of attestationsNode.items as Node[]) {
          const json = isMap(entry) ? (entry.toJSON() as Record<string, unknown>) : undefined;
          if (!json || typeof json.item !== 'string' || typeof json.reason !== 'string' || json.reason.trim() === '') {
            problem(entry, 'checklist.attestations', 'An attestation needs `item` (e.g. O1.3) and a non-empty `reason`');
            continue;
          }
          attestations.push({ item: json.item, reason: json.reason, by: typeof json.by === 'string' ? json.by : undefined, date: typeof json.date === 'string' ? json.date : String(json.date ?? '') || undefined });
        }
        layer.attestations = attestations;
        break;
      }
      default:
        problem(keyNode, key, `Unknown setting "${key}" (expected rules, trustedRegistries, ignorePaths, kubernetes, checklist)`);
    }
  }
  return { layer, problems };
}

function stringListOf(node: Node | null): string[] | undefined {
  if (!isSeq(node)) return undefined;
  const values: string[] = [];
  for (const item of node.items) {
    if (!isScalar(item) || typeof item.value !== 'string') return undefined;
    values.push(item.value);
  }
  return values;
}
