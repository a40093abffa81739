// Small helpers shared by the workload and cluster rules: finding ranges, pod volumes and mounts,
// service accounts, generated YAML text. Read-only views of the model; never throw.

import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { getMap, getPair, getScalar, getSeq, keyRange, mapEntries, nodeEnd, nodeRange, nodeStart, resolveNode, seqItems } from '../../engine/yaml';
import type { SourceText } from '../../engine/source';
import type { Range, Reference } from '../../engine/types';
import { isTemplated, type ContainerRef, type KubeObject, type KubernetesModel, type PodSpecRef } from '../../kubernetes/model';

export const KUBERNETES_DOCS = (title: string, path: string): Reference => ({ title: `Kubernetes documentation: ${title}`, url: `https://kubernetes.io/docs/${path}` });
export const CIS_KUBERNETES = (section: string, title: string): Reference => ({ title: `CIS Kubernetes Benchmark ${section}: ${title}`, url: 'https://www.cisecurity.org/benchmark/kubernetes' });

/** A scalar's text, or undefined for other nodes, null, and values a Helm action produces. */
export function scalarText(node: unknown): string | undefined {
  const resolved = resolveNode(node);
  if (!isScalar(resolved) || resolved.value === null || resolved.value === undefined || isTemplated(resolved)) return undefined;
  return typeof resolved.value === 'string' ? resolved.value : (resolved.source ?? String(resolved.value));
}

/** Range of a node's content. */
export function rangeOf(model: KubernetesModel, node: Node): Range {
  return nodeRange(model.source, node);
}

/**
 * Range of `[start, end)` within a scalar's string value (e.g. the tag of an image). Falls back to
 * the whole scalar when its source text is not the value verbatim (escapes, folded scalars).
 */
export function scalarSubRange(source: SourceText, scalar: Scalar, start: number, end: number): Range {
  const value = typeof scalar.value === 'string' ? scalar.value : String(scalar.value);
  const nodeFrom = nodeStart(scalar);
  const nodeTo = nodeEnd(scalar);
  const text = source.text.slice(nodeFrom, nodeTo);
  let offset = -1;
  if (text === value) offset = nodeFrom;
  else if (text.length >= 2 && (text[0] === '"' || text[0] === "'") && text.slice(1, -1) === value) offset = nodeFrom + 1;
  if (offset < 0) return nodeRange(source, scalar);
  return source.rangeAt(offset + start, offset + end);
}

/** The container's `name:` key, where missing-setting findings go (else its first key). */
export function containerAnchor(model: KubernetesModel, container: ContainerRef): Range {
  if (container.nameKey) return keyRange(model.source, container.nameKey);
  const first = container.map.items[0];
  if (first) return keyRange(model.source, first);
  return model.source.rangeAt(nodeStart(container.map), nodeStart(container.map));
}

/** The pod spec's `spec:` key, where pod-level missing-setting findings go. */
export function podAnchor(model: KubernetesModel, pod: PodSpecRef): Range {
  return keyRange(model.source, pod.specKey);
}

/** The object's `metadata.name` value (the workload's identity), else its `kind` value. */
export function objectAnchor(model: KubernetesModel, object: KubeObject): Range {
  const name = getScalar(object.metadata, 'name');
  if (name && name.range) return nodeRange(model.source, name);
  const kind = getScalar(object.map, 'kind');
  if (kind && kind.range) return nodeRange(model.source, kind);
  return model.source.rangeAt(nodeStart(object.map), nodeStart(object.map));
}

/** How an object is named in messages: `Deployment "web"`. */
export function objectLabel(object: KubeObject): string {
  const name = scalarText(getScalar(object.metadata, 'name'));
  return name ? `${object.kind} "${name}"` : object.kind;
}

/** Whether the text of a node contains a Helm action (a templated block or value inside it). */
export function hasTemplateInside(model: KubernetesModel, node: Node | undefined): boolean {
  if (!node || !model.helmTemplate) return false;
  return model.source.text.slice(nodeStart(node), nodeEnd(node)).includes('{{');
}

// ---------------------------------------------------------------------------------------------
// Volumes and mounts

export interface HostPathVolume {
  name?: string;
  /** The volume's map (an item of `volumes`). */
  map: YAMLMap;
  path: string;
  pathNode: Scalar;
  /** `hostPath.type` when set. */
  type?: string;
}

/** The pod's `hostPath` volumes whose path is known. */
export function hostPathVolumes(pod: PodSpecRef): HostPathVolume[] {
  const result: HostPathVolume[] = [];
  for (const item of seqItems(getSeq(pod.spec, 'volumes'))) {
    if (!isMap(item)) continue;
    const hostPath = getMap(item, 'hostPath');
    if (!hostPath) continue;
    const pathNode = getScalar(hostPath, 'path');
    const path = scalarText(pathNode);
    if (!pathNode || path === undefined) continue;
    result.push({ name: scalarText(getScalar(item, 'name')), map: item, path, pathNode, type: scalarText(getScalar(hostPath, 'type')) });
  }
  return result;
}

/** `/var//run/` → `/var/run`; `.` segments dropped, `..` resolved. */
export function normalizeHostPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.trim().split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return '/' + segments.join('/');
}

export interface VolumeMount {
  map: YAMLMap;
  name?: string;
  nameKey?: Pair;
  readOnlyPair?: Pair;
  mountPath?: string;
}

export function volumeMounts(container: ContainerRef): VolumeMount[] {
  const result: VolumeMount[] = [];
  for (const item of seqItems(getSeq(container.map, 'volumeMounts'))) {
    if (!isMap(item)) continue;
    result.push({
      map: item,
      name: scalarText(getScalar(item, 'name')),
      nameKey: getPair(item, 'name'),
      readOnlyPair: getPair(item, 'readOnly'),
      mountPath: scalarText(getScalar(item, 'mountPath')),
    });
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Service accounts

export interface PodServiceAccount {
  /** The account the pod runs as (`default` when not set); undefined when templated. */
  name: string | undefined;
  /** The `serviceAccountName` (or deprecated `serviceAccount`) value, when set. */
  node?: Scalar;
}

export function podServiceAccount(pod: PodSpecRef): PodServiceAccount {
  for (const key of ['serviceAccountName', 'serviceAccount']) {
    const pair = getPair(pod.spec, key);
    if (!pair) continue;
    const value = resolveNode(pair.value);
    if (!isScalar(value) || value.value === null || value.value === '') continue;
    if (isTemplated(value)) return { name: undefined, node: value };
    return { name: String(value.value), node: value };
  }
  return { name: 'default' };
}

// ---------------------------------------------------------------------------------------------
// Labels

/** The pod's labels, or undefined when they are not known (templated, or injected by a Helm block). */
export function podLabels(model: KubernetesModel, pod: PodSpecRef): Record<string, string> | undefined {
  const labelsNode = getMap(pod.metadata, 'labels');
  if (pod.metadata && hasTemplateInside(model, pod.metadata)) return undefined;
  const result: Record<string, string> = {};
  for (const entry of mapEntries(labelsNode)) {
    const value = scalarText(entry.value);
    if (value === undefined) return undefined;
    result[entry.key] = value;
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Sequences of strings (RBAC rules, hosts…)

export interface StringItem {
  value: string;
  node: Scalar;
}

/** The string items of a sequence (a single scalar counts as a one-item list). */
export function stringItems(node: unknown): StringItem[] {
  const resolved = resolveNode(node);
  if (isScalar(resolved)) {
    const value = scalarText(resolved);
    return value === undefined ? [] : [{ value, node: resolved }];
  }
  if (!isSeq(resolved)) return [];
  const result: StringItem[] = [];
  for (const item of seqItems(resolved)) {
    if (!isScalar(item)) continue;
    const value = scalarText(item);
    if (value !== undefined) result.push({ value, node: item });
  }
  return result;
}

/** `container "app"` → `Container "app"`, for the start of a message. */
export function capitalize(text: string): string {
  return text.length === 0 ? text : text[0].toUpperCase() + text.slice(1);
}
