// The cross-file Kubernetes index: what one manifest contributes to the workspace's facts
// (NetworkPolicies, quotas, ServiceAccounts, namespaces, RBAC subjects), and an index that keeps
// one contribution per file and merges them. The language server and the CLI hold one index over
// the workspace and pass `index.facts()` as `WorkspaceContext.manifests`; rules that judge across
// files query it through the helpers at the end of this file.

import { isMap, isScalar, type YAMLMap } from 'yaml';
import { getMap, getScalar, getSeq, getString, mapEntries, seqItems } from '../engine/yaml';
import type { FactQuery, LabelSelectorRequirement, ManifestFacts, WorkspaceContext } from '../engine/types';
import { isTemplated, parseKubernetes, type KubeObject, type KubernetesModel } from './model';

/** A namespace that is templated (Helm, envsubst): it may be any namespace. */
export const ANY_NAMESPACE = '*';
export const DEFAULT_NAMESPACE = 'default';

const TEMPLATED = /\{\{|\$\{|\$\(/;

export function emptyFacts(defaultNamespace = DEFAULT_NAMESPACE): ManifestFacts {
  return {
    networkPolicies: [],
    namespacesWithQuota: new Set(),
    serviceAccounts: new Map(),
    defaultNamespace,
    namespaces: new Set(),
    namespacesWithWorkloads: new Set(),
    boundServiceAccounts: new Set(),
  };
}

/** The namespace an object lives in: as written, `defaultNamespace` when unset, `*` when templated. */
export function namespaceOf(object: KubeObject, defaultNamespace = DEFAULT_NAMESPACE): string {
  if (isTemplated(getScalar(object.metadata, 'namespace'))) return ANY_NAMESPACE;
  return normalizeNamespace(object.namespace, defaultNamespace);
}

function normalizeNamespace(namespace: string | undefined, defaultNamespace: string): string {
  if (namespace === undefined) return defaultNamespace;
  const trimmed = namespace.trim();
  if (trimmed === '') return defaultNamespace;
  return TEMPLATED.test(trimmed) ? ANY_NAMESPACE : trimmed;
}

/** Objects that run pods (PodTemplate only describes them). */
export function isWorkload(object: KubeObject): boolean {
  return object.pods.length > 0 && object.kind !== 'PodTemplate';
}

/** A scalar's text; undefined for other nodes and for values a Helm action produces (unknown). */
function stringValue(node: unknown): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined || isTemplated(node)) return undefined;
  return typeof node.value === 'string' ? node.value : String(node.value);
}

function stringMap(map: YAMLMap | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const entry of mapEntries(map)) {
    const value = stringValue(entry.value);
    if (value !== undefined) result[entry.key] = value;
  }
  return result;
}

/** A label selector (`matchLabels`, `matchExpressions`) as plain data. */
export function readLabelSelector(selector: YAMLMap | undefined): { matchLabels: Record<string, string>; expressions: LabelSelectorRequirement[] } {
  const matchLabels = stringMap(getMap(selector, 'matchLabels'));
  const expressions: LabelSelectorRequirement[] = [];
  for (const item of seqItems(getSeq(selector, 'matchExpressions'))) {
    if (!isMap(item)) continue;
    const key = stringValue(getScalar(item, 'key'));
    const operator = stringValue(getScalar(item, 'operator'));
    if (key === undefined || operator === undefined) continue;
    const values = seqItems(getSeq(item, 'values'))
      .map(stringValue)
      .filter((value): value is string => value !== undefined);
    expressions.push({ key, operator, values });
  }
  return { matchLabels, expressions };
}

const ROLE_BINDINGS = new Set(['RoleBinding', 'ClusterRoleBinding']);
const SERVICE_ACCOUNT_USER = /^system:serviceaccount:([^:]+):([^:]+)$/;

/**
 * Whether a manifest's text may hold an object that adds cross-file facts (a NetworkPolicy, quota,
 * ServiceAccount, Namespace or binding), so hosts can index such files first. False: it adds at most
 * `namespacesWithWorkloads` (which only the rule on Namespace objects asks).
 */
export function mayContributeFacts(text: string): boolean {
  return /\b(?:NetworkPolicy|ResourceQuota|LimitRange|ServiceAccount|Namespace|RoleBinding|ClusterRoleBinding)\b/.test(text);
}

/** What one manifest contributes to the workspace facts. */
export function collectManifestFacts(model: KubernetesModel, defaultNamespace = DEFAULT_NAMESPACE): ManifestFacts {
  const facts = emptyFacts(defaultNamespace);
  for (const object of model.objects) {
    try {
      addObject(facts, object, defaultNamespace);
    } catch {
      // An odd object contributes nothing rather than breaking the whole index.
    }
  }
  return facts;
}

function addObject(facts: ManifestFacts, object: KubeObject, defaultNamespace: string): void {
  const namespace = namespaceOf(object, defaultNamespace);
  if (isWorkload(object)) facts.namespacesWithWorkloads?.add(namespace);
  switch (object.kind) {
    case 'NetworkPolicy': {
      if (!object.apiVersion.startsWith('networking.k8s.io/')) return;
      const selectorNode = getMap(object.map, 'spec', 'podSelector');
      const { matchLabels, expressions } = readLabelSelector(selectorNode);
      facts.networkPolicies.push({ namespace, matchLabels, matchExpressions: expressions.length > 0, expressions });
      return;
    }
    case 'ResourceQuota':
    case 'LimitRange':
      facts.namespacesWithQuota.add(namespace);
      return;
    case 'ServiceAccount': {
      const name = stringValue(getScalar(object.metadata, 'name'));
      if (name === undefined) return;
      const automount = getScalar(object.map, 'automountServiceAccountToken')?.value;
      const key = `${namespace}/${name}`;
      const known = facts.serviceAccounts.get(key);
      const value = typeof automount === 'boolean' ? automount : undefined;
      facts.serviceAccounts.set(key, { automountServiceAccountToken: mergeAutomount(known?.automountServiceAccountToken, value) });
      return;
    }
    case 'Namespace': {
      const name = stringValue(getScalar(object.metadata, 'name'));
      if (name !== undefined && !TEMPLATED.test(name)) facts.namespaces?.add(name.trim());
      return;
    }
    default:
      if (ROLE_BINDINGS.has(object.kind) && object.apiVersion.startsWith('rbac.authorization.k8s.io/')) addBinding(facts, object, namespace, defaultNamespace);
  }
}

function addBinding(facts: ManifestFacts, object: KubeObject, namespace: string, defaultNamespace: string): void {
  for (const subject of seqItems(getSeq(object.map, 'subjects'))) {
    if (!isMap(subject)) continue;
    const kind = getString(subject, 'kind');
    const name = stringValue(getScalar(subject, 'name'));
    if (!name) continue;
    if (kind === 'ServiceAccount') {
      const namespaceNode = getScalar(subject, 'namespace');
      const subjectNamespace = isTemplated(namespaceNode) ? ANY_NAMESPACE : stringValue(namespaceNode);
      const resolved = subjectNamespace !== undefined ? normalizeNamespace(subjectNamespace, defaultNamespace) : object.kind === 'RoleBinding' ? namespace : defaultNamespace;
      facts.boundServiceAccounts?.add(`${resolved}/${name}`);
    } else if (kind === 'User') {
      const match = SERVICE_ACCOUNT_USER.exec(name);
      if (match) facts.boundServiceAccounts?.add(`${normalizeNamespace(match[1], defaultNamespace)}/${match[2]}`);
    }
  }
}

/** `false` anywhere wins: one manifest (e.g. an overlay) that disables the token is enough. */
function mergeAutomount(a: boolean | undefined, b: boolean | undefined): boolean | undefined {
  if (a === false || b === false) return false;
  if (a === true || b === true) return true;
  return undefined;
}

/** Merges contributions (of several files) into one set of facts. */
export function mergeFacts(parts: ManifestFacts[], defaultNamespace?: string): ManifestFacts {
  const merged = emptyFacts(defaultNamespace ?? parts.find((part) => part.defaultNamespace !== undefined)?.defaultNamespace ?? DEFAULT_NAMESPACE);
  for (const part of parts) mergeInto(merged, part);
  return merged;
}

/** Adds one contribution to merged facts, in place. */
function mergeInto(merged: ManifestFacts, part: ManifestFacts): void {
  merged.networkPolicies.push(...part.networkPolicies);
  for (const namespace of part.namespacesWithQuota) merged.namespacesWithQuota.add(namespace);
  for (const [key, value] of part.serviceAccounts) {
    const known = merged.serviceAccounts.get(key);
    merged.serviceAccounts.set(key, { automountServiceAccountToken: mergeAutomount(known?.automountServiceAccountToken, value.automountServiceAccountToken) });
  }
  for (const namespace of part.namespaces ?? []) merged.namespaces?.add(namespace);
  for (const namespace of part.namespacesWithWorkloads ?? []) merged.namespacesWithWorkloads?.add(namespace);
  for (const account of part.boundServiceAccounts ?? []) merged.boundServiceAccounts?.add(account);
}

function isEmpty(facts: ManifestFacts): boolean {
  return (
    facts.networkPolicies.length === 0 &&
    facts.namespacesWithQuota.size === 0 &&
    facts.serviceAccounts.size === 0 &&
    (facts.namespaces?.size ?? 0) === 0 &&
    (facts.namespacesWithWorkloads?.size ?? 0) === 0 &&
    (facts.boundServiceAccounts?.size ?? 0) === 0
  );
}

/** A stable text form of a contribution, to tell whether an update changed anything. */
function signature(facts: ManifestFacts): string {
  const sorted = (values: Iterable<string>): string[] => [...values].sort();
  return JSON.stringify([
    facts.networkPolicies.map((policy) => JSON.stringify([policy.namespace, Object.entries(policy.matchLabels).sort(), policy.matchExpressions, policy.expressions ?? []])).sort(),
    sorted(facts.namespacesWithQuota),
    [...facts.serviceAccounts.entries()].map(([key, value]) => `${key}=${String(value.automountServiceAccountToken)}`).sort(),
    sorted(facts.namespaces ?? []),
    sorted(facts.namespacesWithWorkloads ?? []),
    sorted(facts.boundServiceAccounts ?? []),
  ]);
}

/**
 * The workspace's manifests, one contribution per file path. `facts()` is merged once and cached
 * until a contribution changes; `update` and `remove` tell whether the facts changed, so a caller
 * re-analyses other open files only when it matters.
 */
export class ManifestIndex {
  private readonly files = new Map<string, { facts: ManifestFacts; signature: string }>();
  private cached: ManifestFacts | undefined;

  constructor(readonly defaultNamespace = DEFAULT_NAMESPACE) {}

  /** Records a file's manifests (a parsed model, or its text, which is parsed here). Returns whether the facts changed. */
  update(path: string, input: KubernetesModel | string): boolean {
    let facts: ManifestFacts;
    try {
      const model = typeof input === 'string' ? parseKubernetes(input, path) : input;
      // A copy: names and labels are slices of the file's text, which they would keep alive.
      facts = structuredClone(collectManifestFacts(model, this.defaultNamespace));
    } catch {
      facts = emptyFacts(this.defaultNamespace);
    }
    if (isEmpty(facts)) return this.remove(path);
    const next = signature(facts);
    const known = this.files.get(path);
    this.files.set(path, { facts, signature: next });
    if (known?.signature === next) return false;
    // A new file adds to the merged facts (merging is in file order, and a new path comes last), so
    // indexing a workspace while rules ask the facts stays linear; a changed file merges anew.
    if (known === undefined && this.cached) mergeInto(this.cached, facts);
    else this.cached = undefined;
    return true;
  }

  /** Forgets a file (deleted, or no longer a manifest). Returns whether the facts changed. */
  remove(path: string): boolean {
    if (!this.files.delete(path)) return false;
    this.cached = undefined;
    return true;
  }

  has(path: string): boolean {
    return this.files.has(path);
  }

  /** Paths that contribute something. */
  paths(): string[] {
    return [...this.files.keys()];
  }

  clear(): void {
    if (this.files.size === 0) return;
    this.files.clear();
    this.cached = undefined;
  }

  /** The merged facts. The object may grow as files are added: ask again rather than keep it. */
  facts(): ManifestFacts {
    if (!this.cached) this.cached = mergeFacts([...this.files.values()].map((entry) => entry.facts), this.defaultNamespace);
    return this.cached;
  }
}

// ---------------------------------------------------------------------------------------------
// Queries used by the cross-file rules

const fileFactsCache = new WeakMap<KubernetesModel, Map<string, ManifestFacts>>();

/** The current file's own contribution (cached per model). */
export function fileFacts(model: KubernetesModel, defaultNamespace = DEFAULT_NAMESPACE): ManifestFacts {
  let byNamespace = fileFactsCache.get(model);
  if (!byNamespace) {
    byNamespace = new Map();
    fileFactsCache.set(model, byNamespace);
  }
  let facts = byNamespace.get(defaultNamespace);
  if (!facts) {
    facts = collectManifestFacts(model, defaultNamespace);
    byNamespace.set(defaultNamespace, facts);
  }
  return facts;
}

/**
 * What a cross-file rule knows: the workspace facts (when an index is kept) plus the current
 * file's own contribution, so an object in the same file always counts even if the index has not
 * seen the latest edit. Without an index the rule judges from the file alone.
 */
export interface KnownFacts {
  parts: ManifestFacts[];
  defaultNamespace: string;
  /** True when a workspace index was provided. */
  workspace: boolean;
  /** Told every question asked of the workspace facts, with its answer (`WorkspaceContext.onFactQuery`). */
  record?: (query: FactQuery) => void;
}

export function knownFacts(model: KubernetesModel, workspace: WorkspaceContext): KnownFacts {
  const indexed = workspace.manifests;
  const defaultNamespace = indexed?.defaultNamespace ?? DEFAULT_NAMESPACE;
  const own = fileFacts(model, defaultNamespace);
  return { parts: indexed ? [indexed, own] : [own], defaultNamespace, workspace: indexed !== undefined, record: indexed ? workspace.onFactQuery : undefined };
}

export function namespacesMatch(a: string, b: string): boolean {
  return a === b || a === ANY_NAMESPACE || b === ANY_NAMESPACE;
}

function hasNamespace(set: Set<string> | undefined, namespace: string): boolean {
  if (!set) return false;
  if (set.has(namespace) || set.has(ANY_NAMESPACE)) return true;
  return namespace === ANY_NAMESPACE && set.size > 0;
}

/** Whether a label selector selects a pod with these labels (`undefined`: labels unknown, e.g. templated — counts as selected). */
export function selectorMatches(selector: { matchLabels: Record<string, string>; matchExpressions: boolean; expressions?: LabelSelectorRequirement[] }, labels: Record<string, string> | undefined): boolean {
  if (labels === undefined) return true;
  for (const [key, value] of Object.entries(selector.matchLabels)) {
    if (TEMPLATED.test(value) || TEMPLATED.test(key)) continue;
    if (labels[key] !== value) return false;
  }
  if (selector.matchExpressions && !selector.expressions) return true;
  for (const expression of selector.expressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, expression.key);
    switch (expression.operator) {
      case 'In':
        if (!has || !expression.values.includes(labels[expression.key])) return false;
        break;
      case 'NotIn':
        if (has && expression.values.includes(labels[expression.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        break; // unknown operator: do not guess that it excludes the pod
    }
  }
  return true;
}

type NetworkPolicyFact = ManifestFacts['networkPolicies'][number];

/**
 * The NetworkPolicies of one namespace: each filed under one label its selector requires (a pod
 * without that label cannot be selected), or under `other` (no such label: empty or templated
 * selectors, expressions only).
 */
interface PolicyGroup {
  all: NetworkPolicyFact[];
  byLabel: Map<string, NetworkPolicyFact[]>;
  other: NetworkPolicyFact[];
}

/**
 * NetworkPolicies by namespace, per facts object. Facts only grow by appending (`mergeInto`), so the
 * index catches up with the policies added since it was built.
 */
const policyIndexes = new WeakMap<ManifestFacts, { indexed: number; byNamespace: Map<string, PolicyGroup> }>();

const labelKey = (key: string, value: string): string => `${key}\0${value}`;

function policiesByNamespace(part: ManifestFacts): Map<string, PolicyGroup> {
  let entry = policyIndexes.get(part);
  if (!entry || entry.indexed > part.networkPolicies.length) {
    entry = { indexed: 0, byNamespace: new Map() };
    policyIndexes.set(part, entry);
  }
  for (; entry.indexed < part.networkPolicies.length; entry.indexed++) {
    const policy = part.networkPolicies[entry.indexed];
    let group = entry.byNamespace.get(policy.namespace);
    if (!group) entry.byNamespace.set(policy.namespace, (group = { all: [], byLabel: new Map(), other: [] }));
    group.all.push(policy);
    const required = Object.entries(policy.matchLabels).find(([key, value]) => !TEMPLATED.test(key) && !TEMPLATED.test(value));
    if (!required) {
      group.other.push(policy);
      continue;
    }
    const key = labelKey(required[0], required[1]);
    const list = group.byLabel.get(key);
    if (list) list.push(policy);
    else group.byLabel.set(key, [policy]);
  }
  return entry.byNamespace;
}

function groupSelects(group: PolicyGroup | undefined, labels: Record<string, string> | undefined): boolean {
  if (!group) return false;
  if (labels === undefined) return group.all.length > 0; // unknown labels: every selector counts
  const selects = (policy: NetworkPolicyFact): boolean => selectorMatches(policy, labels);
  if (group.other.some(selects)) return true;
  for (const [key, value] of Object.entries(labels)) {
    if (group.byLabel.get(labelKey(key, value))?.some(selects)) return true;
  }
  return false;
}

/** Whether some NetworkPolicy of the namespace selects a pod with these labels. */
function isSelectedByNetworkPolicyIn(known: KnownFacts, namespace: string, labels: Record<string, string> | undefined): boolean {
  for (const part of known.parts) {
    if (namespace === ANY_NAMESPACE) {
      if (part.networkPolicies.some((policy) => selectorMatches(policy, labels))) return true;
      continue;
    }
    const byNamespace = policiesByNamespace(part);
    if (groupSelects(byNamespace.get(namespace), labels) || groupSelects(byNamespace.get(ANY_NAMESPACE), labels)) return true;
  }
  return false;
}

function namespaceHasQuotaIn(known: KnownFacts, namespace: string): boolean {
  return known.parts.some((part) => hasNamespace(part.namespacesWithQuota, namespace));
}

function isNamespaceDeclaredIn(known: KnownFacts, namespace: string): boolean {
  return known.parts.some((part) => hasNamespace(part.namespaces, namespace));
}

function namespaceHasWorkloadsIn(known: KnownFacts, namespace: string): boolean {
  return known.parts.some((part) => hasNamespace(part.namespacesWithWorkloads, namespace));
}

/** The automount setting of a ServiceAccount in the workspace (`false` anywhere wins). */
function serviceAccountAutomountIn(known: KnownFacts, namespace: string, name: string): boolean | undefined {
  let result: boolean | undefined;
  for (const part of known.parts) {
    if (isPlainNamespace(namespace)) {
      // `namespace/name` keys: only these two can match (looked up, not scanned).
      result = mergeAutomount(result, part.serviceAccounts.get(`${namespace}/${name}`)?.automountServiceAccountToken);
      result = mergeAutomount(result, part.serviceAccounts.get(`${ANY_NAMESPACE}/${name}`)?.automountServiceAccountToken);
      continue;
    }
    for (const [key, value] of part.serviceAccounts) {
      const slash = key.indexOf('/');
      if (key.slice(slash + 1) !== name || !namespacesMatch(key.slice(0, slash), namespace)) continue;
      result = mergeAutomount(result, value.automountServiceAccountToken);
    }
  }
  return result;
}

/** Whether a RoleBinding or ClusterRoleBinding in the workspace grants the ServiceAccount a role. */
function isServiceAccountBoundIn(known: KnownFacts, namespace: string, name: string): boolean {
  for (const part of known.parts) {
    const bound = part.boundServiceAccounts;
    if (!bound) continue;
    if (isPlainNamespace(namespace)) {
      if (bound.has(`${namespace}/${name}`) || bound.has(`${ANY_NAMESPACE}/${name}`)) return true;
      continue;
    }
    for (const key of bound) {
      const slash = key.indexOf('/');
      if (key.slice(slash + 1) === name && namespacesMatch(key.slice(0, slash), namespace)) return true;
    }
  }
  return false;
}

/** A namespace for which `namespace/name` keys can be looked up directly (not `*`, no `/`). */
function isPlainNamespace(namespace: string): boolean {
  return namespace !== ANY_NAMESPACE && !namespace.includes('/');
}

// Every question a rule asks goes through `ask`, so a host can record it with its answer and later
// tell, without analysing the file again, whether new facts change anything (`factAnswersHold`).
// Rules must read the workspace facts only through these queries.
const QUERIES = {
  isSelectedByNetworkPolicy: isSelectedByNetworkPolicyIn,
  namespaceHasQuota: namespaceHasQuotaIn,
  isNamespaceDeclared: isNamespaceDeclaredIn,
  namespaceHasWorkloads: namespaceHasWorkloadsIn,
  serviceAccountAutomount: serviceAccountAutomountIn,
  isServiceAccountBound: isServiceAccountBoundIn,
};
type QueryName = keyof typeof QUERIES;
type QueryArgs<Name extends QueryName> = Parameters<(typeof QUERIES)[Name]> extends [KnownFacts, ...infer Rest] ? Rest : never;

function ask<Name extends QueryName>(known: KnownFacts, name: Name, args: QueryArgs<Name>): ReturnType<(typeof QUERIES)[Name]> {
  const query = QUERIES[name] as unknown as (known: KnownFacts, ...args: QueryArgs<Name>) => ReturnType<(typeof QUERIES)[Name]>;
  const answer = query(known, ...args);
  known.record?.({ name, args, answer });
  return answer;
}

/**
 * Whether recorded questions still get the same answers from `facts` (the workspace's merged facts,
 * which include the asking file's own contribution). True: the findings computed with the old
 * answers are still right.
 */
export function factAnswersHold(queries: readonly FactQuery[], facts: ManifestFacts | undefined): boolean {
  if (queries.length === 0) return true;
  if (!facts) return false;
  const known: KnownFacts = { parts: [facts], defaultNamespace: facts.defaultNamespace ?? DEFAULT_NAMESPACE, workspace: true };
  for (const { name, args, answer } of queries) {
    const query = (QUERIES as Record<string, ((known: KnownFacts, ...args: never[]) => unknown) | undefined>)[name];
    if (!query || query(known, ...(args as never[])) !== answer) return false;
  }
  return true;
}

/** Whether some NetworkPolicy of the namespace selects a pod with these labels. */
export function isSelectedByNetworkPolicy(known: KnownFacts, namespace: string, labels: Record<string, string> | undefined): boolean {
  return ask(known, 'isSelectedByNetworkPolicy', [namespace, labels]);
}

export function namespaceHasQuota(known: KnownFacts, namespace: string): boolean {
  return ask(known, 'namespaceHasQuota', [namespace]);
}

export function isNamespaceDeclared(known: KnownFacts, namespace: string): boolean {
  return ask(known, 'isNamespaceDeclared', [namespace]);
}

export function namespaceHasWorkloads(known: KnownFacts, namespace: string): boolean {
  return ask(known, 'namespaceHasWorkloads', [namespace]);
}

/** The automount setting of a ServiceAccount in the workspace (`false` anywhere wins). */
export function serviceAccountAutomount(known: KnownFacts, namespace: string, name: string): boolean | undefined {
  return ask(known, 'serviceAccountAutomount', [namespace, name]);
}

/** Whether a RoleBinding or ClusterRoleBinding in the workspace grants the ServiceAccount a role. */
export function isServiceAccountBound(known: KnownFacts, namespace: string, name: string): boolean {
  return ask(known, 'isServiceAccountBound', [namespace, name]);
}
