// Shared helpers of the Pod Security Standards rules: which check applies at the configured
// profile and version, reading security settings soundly (Helm-templated values are unknown),
// and the ranges and fixes the rules share.

import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { effectiveKubernetesMinor } from '../engine/config';
import type { Fix, Range, Reference, RuleContext } from '../engine/types';
import { getPair, keyRange, nodeRange, resolveNode } from '../engine/yaml';
import { ensurePath, removePair, setScalar, type MapEntryInput } from '../engine/yaml-edit';
import { containerLabel, isTemplated, type ContainerRef, type KubernetesModel, type PodSpecRef } from './model';

export type PssProfile = 'baseline' | 'restricted';

export interface PssLevel {
  profile: PssProfile;
  /** Kubernetes 1.x minor version the checks follow. */
  minor: number;
}

export function pssLevel(ctx: RuleContext): PssLevel {
  const settings = ctx.config.kubernetes;
  return { profile: settings.profile === 'baseline' ? 'baseline' : 'restricted', minor: effectiveKubernetesMinor(settings.version) };
}

/** Whether a check of `profile`, introduced in 1.`since`, applies at the configured level. */
export function checkApplies(ctx: RuleContext, profile: PssProfile, since = 0): boolean {
  const level = pssLevel(ctx);
  if (profile === 'restricted' && level.profile !== 'restricted') return false;
  return level.minor >= since;
}

/** Since 1.25 the restricted checks that have no meaning on Windows skip pods with `spec.os.name: windows`. */
export function windowsExempt(pod: PodSpecRef, level: PssLevel): boolean {
  return pod.windows && level.minor >= 25;
}

export const CIS_KUBERNETES = (section: string, title: string): Reference => ({ title: `CIS Kubernetes Benchmark ${section}: ${title}`, url: 'https://www.cisecurity.org/benchmark/kubernetes' });

// ---------------------------------------------------------------------------------------------
// Reading values

export interface Setting {
  pair: Pair;
  node: Node | undefined;
  /** Plain value of a scalar (undefined for collections or templated scalars). */
  value: unknown;
  /** The value came from a Helm action: unknown, never judged. */
  templated: boolean;
}

/** A key of a map with its value (aliases resolved); undefined when the key is absent. */
export function setting(map: YAMLMap | undefined, key: string): Setting | undefined {
  if (!map) return undefined;
  const pair = getPair(map, key);
  if (!pair) return undefined;
  const node = resolveNode(pair.value);
  const templated = isTemplated(node) || isTemplated(pair.value);
  const value = isScalar(node) && !templated ? node.value : undefined;
  return { pair, node, value, templated };
}

/** A boolean setting as Kubernetes reads it: true / false, or undefined (absent, null, unknown). */
export function booleanSetting(map: YAMLMap | undefined, key: string): { setting: Setting; value: boolean } | undefined {
  const found = setting(map, key);
  if (!found || typeof found.value !== 'boolean') return undefined;
  return { setting: found, value: found.value };
}

/** True when the key is set to something (not absent, not null). Templated values count as set. */
export function isSet(found: Setting | undefined): boolean {
  if (!found) return false;
  if (found.templated) return true;
  if (found.node === undefined) return false;
  return !(isScalar(found.node) && (found.node.value === null || found.node.value === undefined));
}

export function mapAt(map: YAMLMap | undefined, key: string): YAMLMap | undefined {
  const node = setting(map, key)?.node;
  return isMap(node) ? node : undefined;
}

export function seqAt(map: YAMLMap | undefined, key: string): YAMLSeq | undefined {
  const node = setting(map, key)?.node;
  return isSeq(node) ? node : undefined;
}

/** Scalar items of a sequence with their index (templated items are left out). */
export function scalarItems(seq: YAMLSeq | undefined): Array<{ node: Scalar; index: number; value: unknown }> {
  if (!seq) return [];
  const result: Array<{ node: Scalar; index: number; value: unknown }> = [];
  seq.items.forEach((item, index) => {
    const node = resolveNode(item);
    if (isScalar(node) && !isTemplated(node)) result.push({ node, index, value: node.value });
  });
  return result;
}

/** Map items of a sequence with their index. */
export function mapItems(seq: YAMLSeq | undefined): Array<{ map: YAMLMap; index: number }> {
  if (!seq) return [];
  const result: Array<{ map: YAMLMap; index: number }> = [];
  seq.items.forEach((item, index) => {
    const node = resolveNode(item);
    if (isMap(node)) result.push({ map: node, index });
  });
  return result;
}

/** The security contexts of a pod: the pod's own (level 'pod') and every container's. */
export function securityContexts(pod: PodSpecRef): Array<{ map: YAMLMap; container?: ContainerRef }> {
  const result: Array<{ map: YAMLMap; container?: ContainerRef }> = [];
  if (pod.securityContext) result.push({ map: pod.securityContext });
  for (const container of pod.containers) if (container.securityContext) result.push({ map: container.securityContext, container });
  return result;
}

/** The pod annotations pair (for ranges of annotation findings). */
export function podAnnotations(pod: PodSpecRef): YAMLMap | undefined {
  return mapAt(pod.metadata, 'annotations');
}

// ---------------------------------------------------------------------------------------------
// Ranges

export function keyRangeOf(model: KubernetesModel, pair: Pair): Range {
  return keyRange(model.source, pair);
}

export function valueRangeOf(model: KubernetesModel, found: Setting): Range {
  return found.node ? nodeRange(model.source, found.node) : keyRange(model.source, found.pair);
}

/** Where a missing container setting is reported: the container's `name:` key (or its first key). */
export function containerRange(model: KubernetesModel, container: ContainerRef): Range {
  if (container.nameKey) return keyRange(model.source, container.nameKey);
  const first = container.map.items[0];
  return first ? keyRange(model.source, first) : nodeRange(model.source, container.map);
}

/** Where a missing pod-level setting is reported: the key of the `spec:` holding the pod spec. */
export function podRange(model: KubernetesModel, pod: PodSpecRef): Range {
  return keyRange(model.source, pod.specKey);
}

// ---------------------------------------------------------------------------------------------
// Fixes

export function removeKeyFix(model: KubernetesModel, map: YAMLMap, key: string, title: string, mechanical = true): Fix | undefined {
  const edits = removePair(model.source, map, key);
  return edits.length > 0 ? { title, mechanical, edits } : undefined;
}

export function setScalarFix(model: KubernetesModel, node: Node | undefined, value: string | number | boolean, title: string, mechanical = true): Fix | undefined {
  if (!isScalar(node)) return undefined;
  return { title, mechanical, edits: [setScalar(model.source, node, value)] };
}

export function ensureFix(model: KubernetesModel, map: YAMLMap, path: string[], entries: MapEntryInput[], title: string, mechanical = true): Fix | undefined {
  const edits = ensurePath(model.source, map, path, entries);
  return edits.length > 0 ? { title, mechanical, edits } : undefined;
}

export function fixes(...candidates: Array<Fix | undefined>): Fix[] {
  return candidates.filter((fix): fix is Fix => fix !== undefined);
}

/** Containers of the pod, with the object's partial flag (patches do not get missing-setting findings). */
export function forEachPod(model: KubernetesModel, visit: (pod: PodSpecRef) => void): void {
  for (const object of model.objects) for (const pod of object.pods) visit(pod);
}

/** `Container "app"` / `Init container "setup"`, for the start of messages. */
export function containerTitle(container: ContainerRef): string {
  const label = containerLabel(container);
  return label.charAt(0).toUpperCase() + label.slice(1);
}
