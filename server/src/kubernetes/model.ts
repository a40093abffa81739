// The Kubernetes manifest model: YAML documents, the objects in them, and the pod specs those
// objects hold (workloads, CronJob job templates, PodTemplates, CRDs embedding a pod template).
// Parsed once per document version; rules only read it.

import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Notice, ParsedDocument } from '../engine/language';
import { SourceText } from '../engine/source';
import {
  getMap,
  getPair,
  getScalar,
  getSeq,
  getString,
  mapEntries,
  nodeEnd,
  nodeStart,
  parseYamlDocuments,
  resolveNode,
  seqItems,
  toJsValue,
  type YamlDocument,
} from '../engine/yaml';

export interface KubernetesModel extends ParsedDocument {
  kind: 'kubernetes';
  source: SourceText;
  documents: YamlDocument[];
  objects: KubeObject[];
  /** A Helm chart template: `{{ … }}` actions were masked before parsing (see `isTemplated`). */
  helmTemplate: boolean;
  notices: Notice[];
  /** Path the model was parsed for ('' when unknown). */
  path: string;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  name?: string;
  /** Undefined when the manifest does not set it. */
  namespace?: string;
  /** The object's mapping (items of a `List` are objects too). */
  map: YAMLMap;
  document: YamlDocument;
  metadata?: YAMLMap;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** Pod specs in this object. */
  pods: PodSpecRef[];
  /** Tekton `stepTemplate` values every step overrides: findings inside them are dropped (see rule.ts). */
  overridden?: Array<{ from: Node; to: Node }>;
  /** A kustomize / strategic-merge patch or a Helm template with injected blocks: do not report missing settings. */
  partial: boolean;
}

export interface PodSpecRef {
  object: KubeObject;
  spec: YAMLMap;
  /** The `spec:` pair holding the pod spec; its key is the range of "missing at pod level" findings. */
  specKey: Pair;
  /** Pod (template) metadata. */
  metadata?: YAMLMap;
  annotations: Record<string, string>;
  containers: ContainerRef[];
  securityContext?: YAMLMap;
  securityContextKey?: Pair;
  /** `spec.os.name: windows` (the only Windows marker the Pod Security admission honours). */
  windows: boolean;
  /** Runs on Windows nodes: `spec.os.name: windows`, or a `kubernetes.io/os: windows` node selector. */
  onWindowsNodes: boolean;
  /** `spec.hostUsers` when set to a boolean. */
  hostUsers: boolean | undefined;
  /** A CI step template (Tekton task, Argo Workflows template), not a pod spec: see discoverStepPods. */
  steps?: boolean;
}

export type ContainerList = 'containers' | 'initContainers' | 'ephemeralContainers';

export interface ContainerRef {
  pod: PodSpecRef;
  map: YAMLMap;
  list: ContainerList;
  index: number;
  name?: string;
  /** The `name:` pair: the range of missing-setting findings. */
  nameKey?: Pair;
  securityContext?: YAMLMap;
  securityContextKey?: Pair;
  image?: Scalar;
  /** What messages call it when it is not a plain container: `step`, `sidecar`, `template`. */
  role?: string;
}

export const CONTAINER_LISTS: readonly ContainerList[] = ['containers', 'initContainers', 'ephemeralContainers'];

/** Scalars whose text came from a Helm `{{ … }}` action: their value is unknown. */
const templatedNodes = new WeakSet<object>();

/** True when a node's value is (partly) produced by a Helm template action and so unknown. */
export function isTemplated(node: unknown): boolean {
  return node !== null && node !== undefined && typeof node === 'object' && templatedNodes.has(node);
}

const CORE_GROUPS = new Set(['v1', 'apps/v1', 'apps/v1beta1', 'apps/v1beta2', 'extensions/v1beta1', 'batch/v1', 'batch/v1beta1', 'batch/v2alpha1']);
const TEMPLATE_PATHS: Record<string, string[]> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  PodTemplate: ['template'],
};

const PATCH_DIRECTIVE = /\$(?:patch|setElementOrder\/|retainKeys|deleteFromPrimitiveList\/)/;

/** Objects of a document, kept for the next version's parse when the document is reused unchanged. */
const documentObjects = new WeakMap<YamlDocument, { path: string; objects: KubeObject[] }>();

/**
 * Parses a manifest. `previous`, the model of an earlier version of the same file, lets unchanged
 * YAML documents (and their objects) be reused rather than parsed again (see parseYamlDocuments);
 * it must not be used afterwards. Helm templates are always parsed whole.
 */
export function parseKubernetes(text: string, path: string, previous?: KubernetesModel): KubernetesModel {
  const helm = isHelmTemplate(text, path);
  const masked = helm ? maskHelm(text) : undefined;
  const parseSource = new SourceText(masked ? masked.text : text);
  const source = masked ? new SourceText(text) : parseSource;
  const reusable = previous && !helm && !previous.helmTemplate && previous.path === path ? previous.documents : undefined;
  const documents = parseYamlDocuments(parseSource, reusable);
  const notices: Notice[] = [];
  const model: KubernetesModel = { kind: 'kubernetes', source, documents, objects: [], helmTemplate: helm, notices, path };

  if (masked) {
    markTemplated(documents, masked.inline);
    const count = masked.inline.length + masked.blocks.length;
    if (count > 0) {
      const firstOffset = Math.min(masked.inline[0]?.[0] ?? Infinity, masked.blocks[0]?.[0] ?? Infinity);
      notices.push({
        message: `Helm template: ${count} template action${count === 1 ? '' : 's'} ({{ … }}) cannot be evaluated here; values and blocks they produce are not checked, and no missing setting is reported for objects that include templated blocks. Render the chart (helm template) to check it completely.`,
        line: source.positionAt(firstOffset).line,
      });
    }
  }

  const normalizedPath = path.replace(/\\/g, '/');
  const fileName = normalizedPath.split('/').pop() ?? '';
  const patchFile = /patch/i.test(fileName);
  const overlayDir = /(?:^|\/)(?:overlays|patches)\//.test(normalizedPath);
  let errorNoticed = false;
  for (const document of documents) {
    if (document.errors.length > 0) {
      if (helm) continue; // Templates that are not YAML after masking: skip soundly (the notice says so).
      if (!errorNoticed) {
        errorNoticed = true;
        notices.push({ message: `YAML syntax error: ${document.errors[0].message} — findings may be incomplete until it is fixed.`, line: document.errors[0].range.start.line });
      }
    }
    const known = documentObjects.get(document);
    if (known && known.path === path && !helm) {
      // A document reused from the previous version: the same text, so the same objects.
      model.objects.push(...known.objects);
      continue;
    }
    const root = document.root;
    if (!root) continue;
    const top = makeObject(root, document);
    if (!top) continue;
    // A `List` holds its objects in `items`; an OpenShift `Template` in `objects` (with `${PARAM}` values).
    const items = /List$/.test(top.kind) ? getSeq(root, 'items') : isOpenShiftTemplate(top) ? getSeq(root, 'objects') : undefined;
    const objects = items ? seqItems(items).flatMap((item) => (isMap(item) ? [makeObject(item, document)].filter((o): o is KubeObject => o !== undefined) : [])) : [top];
    for (const object of objects) {
      discoverPods(object);
      object.partial = isPartial(object, parseSource.text, patchFile, overlayDir, masked?.blocks ?? []);
      model.objects.push(object);
    }
    if (!helm) documentObjects.set(document, { path, objects });
  }
  return model;
}

function isOpenShiftTemplate(object: KubeObject): boolean {
  return object.kind === 'Template' && (object.apiVersion === 'v1' || object.apiVersion.startsWith('template.openshift.io/'));
}

function makeObject(map: YAMLMap, document: YamlDocument): KubeObject | undefined {
  const apiVersion = getString(map, 'apiVersion');
  const kind = getString(map, 'kind');
  if (!apiVersion || !kind || !/^[A-Za-z][\w.-]*(?:\/[\w.-]+)?$/.test(apiVersion) || !/^[A-Z][A-Za-z0-9]*$/.test(kind)) return undefined;
  const metadata = getMap(map, 'metadata');
  return {
    apiVersion,
    kind,
    name: getString(metadata, 'name'),
    namespace: getString(metadata, 'namespace'),
    map,
    document,
    metadata,
    labels: stringRecord(getMap(metadata, 'labels')),
    annotations: stringRecord(getMap(metadata, 'annotations')),
    pods: [],
    partial: false,
  };
}

function stringRecord(map: YAMLMap | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const entry of mapEntries(map)) {
    if (isScalar(entry.value) && entry.value.value !== null && entry.value.value !== undefined) {
      result[entry.key] = typeof entry.value.value === 'string' ? entry.value.value : (entry.value.source ?? String(entry.value.value));
    }
  }
  return result;
}

function discoverPods(object: KubeObject): void {
  const { map } = object;
  if (object.kind === 'Pod' && CORE_GROUPS.has(object.apiVersion)) {
    const specKey = getPair(map, 'spec');
    const spec = resolveNode(specKey?.value);
    if (specKey && isMap(spec)) object.pods.push(makePod(object, spec, specKey, object.metadata));
    return;
  }
  const known = CORE_GROUPS.has(object.apiVersion) ? TEMPLATE_PATHS[object.kind] : undefined;
  if (known) {
    const template = getMap(map, ...known);
    addTemplate(object, template);
    return;
  }
  if (discoverStepPods(object)) return;
  // Any other object (CRDs such as Argo Rollouts, Knative Services, OpenShift DeploymentConfigs):
  // a `template` whose `spec` holds `containers`.
  const seen = new Set<YAMLMap>();
  const walk = (node: YAMLMap, depth: number): void => {
    if (depth > 12 || seen.has(node)) return;
    seen.add(node);
    for (const entry of mapEntries(node)) {
      if (depth === 0 && (entry.key === 'metadata' || entry.key === 'status')) continue;
      const value = entry.value;
      if ((entry.key === 'template' || entry.key === 'podTemplate') && isMap(value) && isSeq(getNode1(getMap(value, 'spec'), 'containers'))) {
        addTemplate(object, value);
        continue;
      }
      if (isMap(value)) walk(value, depth + 1);
      else if (isSeq(value)) for (const item of seqItems(value)) if (isMap(item)) walk(item, depth + 1);
    }
  };
  walk(map, 0);
}

const TEKTON_GROUP = /^tekton\.dev\//;
const ARGO_WORKFLOW_KINDS = new Set(['Workflow', 'WorkflowTemplate', 'ClusterWorkflowTemplate', 'CronWorkflow']);

/**
 * Tekton tasks (`steps`, `sidecars`, in Task, TaskRun `taskSpec`, Pipeline `tasks[].taskSpec`…) and
 * Argo Workflows templates (`container`, `script`, `containerSet`, `initContainers`, `sidecars`)
 * hold containers of the pods the controller creates. Their pod-level settings (security context,
 * service account, defaults) come from elsewhere (TaskRun pod templates, the workflow spec,
 * controller defaults), so only explicit settings are judged: the object is partial.
 */
function discoverStepPods(object: KubeObject): boolean {
  const tekton = TEKTON_GROUP.test(object.apiVersion);
  const argo = object.apiVersion.startsWith('argoproj.io/') && ARGO_WORKFLOW_KINDS.has(object.kind);
  if (!tekton && !argo) return false;
  const seen = new Set<YAMLMap>();
  const walk = (node: YAMLMap, key: Pair | undefined, depth: number): void => {
    if (depth > 12 || seen.has(node)) return;
    seen.add(node);
    if (tekton && key && isSeq(getNode1(node, 'steps'))) addTektonTemplate(object, addStepPod(object, node, key, [['steps', 'step'], ['sidecars', 'sidecar']]));
    for (const pair of node.items) {
      const name = isScalar(pair.key) ? String(pair.key.value) : '';
      if (depth === 0 && (name === 'metadata' || name === 'status')) continue;
      const value = resolveNode(pair.value);
      // Argo: `templates[]`, and templates written inline in `steps` or `dag.tasks` (`inline:`).
      // The workflow spec holding `templates` sets pod-level fields for all of them (volumes,
      // hostNetwork, securityContext): a pod without containers of its own.
      if (argo && name === 'templates' && isSeq(value)) {
        if (key) addStepPod(object, node, key, []);
        for (const item of seqItems(value)) if (isMap(item)) addArgoTemplate(object, item, pair as Pair);
      }
      // Tekton run pod templates: pod-level fields (hostNetwork, securityContext, volumes) only.
      if (tekton && name === 'podTemplate' && isMap(value)) addStepPod(object, value, pair as Pair, []);
      if (argo && name === 'inline' && isMap(value)) addArgoTemplate(object, value, pair as Pair, getString(node, 'name'));
      if (isMap(value)) walk(value, pair as Pair, depth + 1);
      else if (isSeq(value)) {
        // Argo `steps` are a list of lists of steps.
        for (const item of seqItems(value)) for (const inner of isSeq(item) ? seqItems(item) : [item]) if (isMap(inner)) walk(inner, pair as Pair, depth + 1);
      }
    }
  };
  walk(object.map, undefined, 0);
  return true;
}

/** `taskName`: the step or DAG task an inline template belongs to (inline templates have no name). */
function addArgoTemplate(object: KubeObject, template: YAMLMap, templatesKey: Pair, taskName?: string): void {
  const single = ['container', 'script'].map((key) => getPair(template, key)).filter((pair): pair is Pair => pair !== undefined && isMap(resolveNode(pair.value)));
  const lists: Array<[string, string, ContainerList]> = [['initContainers', 'init container', 'initContainers'], ['sidecars', 'sidecar', 'containers']];
  const containerSet = getMap(template, 'containerSet');
  if (single.length === 0 && !isSeq(getNode1(containerSet, 'containers'))) return;
  const pod = makePod(object, template, getPair(template, 'name') ?? templatesKey, getMap(template, 'metadata'), false);
  pod.steps = true;
  const templateName = getString(template, 'name') ?? taskName;
  for (const pair of single) addContainer(pod, resolveNode(pair.value) as YAMLMap, 'containers', 0, 'template', templateName, pair);
  seqItems(getSeq(containerSet, 'containers')).forEach((item, index) => isMap(item) && addContainer(pod, item, 'containers', index, 'container'));
  for (const [key, role, list] of lists) seqItems(getSeq(template, key)).forEach((item, index) => isMap(item) && addContainer(pod, item, list, index, role));
  object.pods.push(pod);
}

function addStepPod(object: KubeObject, spec: YAMLMap, specKey: Pair, lists: Array<[string, string]>): PodSpecRef {
  const pod = makePod(object, spec, specKey, undefined, false);
  pod.steps = true;
  for (const [key, role] of lists) seqItems(getSeq(spec, key)).forEach((item, index) => isMap(item) && addContainer(pod, item, 'containers', index, role));
  object.pods.push(pod);
  return pod;
}

export const STEP_TEMPLATE_ROLE = 'step template';

/** Lists Tekton merges item by item (strategic merge of the Container type), by this key. */
const MERGE_KEYS: Record<string, string> = { env: 'name', ports: 'containerPort', volumeMounts: 'mountPath', volumeDevices: 'devicePath' };

/**
 * A Tekton `stepTemplate` is merged into every step (the step's own values win, field by field).
 * It is checked as one more container, so what it sets is reported once, at its own token; values
 * that every step overrides take no effect and are recorded in `object.overridden`.
 */
function addTektonTemplate(object: KubeObject, pod: PodSpecRef): void {
  const pair = getPair(pod.spec, 'stepTemplate');
  const template = resolveNode(pair?.value);
  if (!pair || !isMap(template)) return;
  addContainer(pod, template, 'containers', 0, STEP_TEMPLATE_ROLE, undefined, pair);
  const steps = seqItems(getSeq(pod.spec, 'steps')).filter(isMap);
  if (steps.length === 0) return;
  const overridden: Array<{ from: Node; to: Node }> = [];
  const visit = (map: YAMLMap, own: Array<YAMLMap | undefined>, top: boolean): void => {
    for (const entry of map.items) {
      const key = isScalar(entry.key) ? String(entry.key.value) : undefined;
      const value = resolveNode(entry.value);
      if (key === undefined || value === undefined) continue;
      const theirs = own.map((step) => (step ? getNode1(step, key) : undefined));
      const mergeKey = top ? MERGE_KEYS[key] : undefined;
      if (isMap(value)) visit(value, theirs.map((node) => (isMap(node) ? node : undefined)), false);
      else if (mergeKey && isSeq(value)) {
        for (const item of seqItems(value)) {
          const id = isMap(item) ? getScalar(item, mergeKey)?.value : undefined;
          const replaced = (node: Node | undefined): boolean => isSeq(node) && seqItems(node).some((other) => isMap(other) && id !== undefined && getScalar(other, mergeKey)?.value === id);
          if (id !== undefined && theirs.every(replaced)) overridden.push({ from: item as Node, to: item as Node });
        }
      } else if (theirs.every((node) => node !== undefined && !(isScalar(node) && (node.value === null || node.value === undefined)))) overridden.push({ from: entry.key as Node, to: value });
    }
  };
  visit(template, steps, true);
  if (overridden.length > 0) (object.overridden ??= []).push(...overridden);
}

function getNode1(map: YAMLMap | undefined, key: string): Node | undefined {
  return map ? resolveNode(getPair(map, key)?.value) : undefined;
}

function addTemplate(object: KubeObject, template: YAMLMap | undefined): void {
  if (!template) return;
  const specKey = getPair(template, 'spec');
  const spec = resolveNode(specKey?.value);
  if (!specKey || !isMap(spec)) return;
  object.pods.push(makePod(object, spec, specKey, getMap(template, 'metadata')));
}

function makePod(object: KubeObject, spec: YAMLMap, specKey: Pair, metadata: YAMLMap | undefined, withContainers = true): PodSpecRef {
  const securityContextKey = getPair(spec, 'securityContext');
  const securityContext = resolveNode(securityContextKey?.value);
  const hostUsers = getScalar(spec, 'hostUsers')?.value;
  const pod: PodSpecRef = {
    object,
    spec,
    specKey,
    metadata,
    annotations: stringRecord(getMap(metadata, 'annotations')),
    containers: [],
    securityContext: isMap(securityContext) ? securityContext : undefined,
    securityContextKey,
    windows: getString(spec, 'os', 'name') === 'windows',
    onWindowsNodes:
      getString(spec, 'os', 'name') === 'windows' ||
      getString(spec, 'nodeSelector', 'kubernetes.io/os') === 'windows' ||
      getString(spec, 'nodeSelector', 'beta.kubernetes.io/os') === 'windows',
    hostUsers: typeof hostUsers === 'boolean' ? hostUsers : undefined,
  };
  if (withContainers) for (const list of CONTAINER_LISTS) seqItems(getSeq(spec, list)).forEach((item, index) => isMap(item) && addContainer(pod, item, list, index));
  return pod;
}

/** `fallbackName`/`fallbackKey` name a container that has no `name:` (an Argo template's `container:`). */
function addContainer(pod: PodSpecRef, item: YAMLMap, list: ContainerList, index: number, role?: string, fallbackName?: string, fallbackKey?: Pair): void {
  const nameKey = getPair(item, 'name');
  const scKey = getPair(item, 'securityContext');
  const sc = resolveNode(scKey?.value);
  const image = resolveNode(getPair(item, 'image')?.value);
  pod.containers.push({
    pod,
    map: item,
    list,
    index,
    name: getString(item, 'name') ?? (nameKey ? undefined : fallbackName),
    nameKey: nameKey ?? fallbackKey,
    securityContext: isMap(sc) ? sc : undefined,
    securityContextKey: scKey,
    image: isScalar(image) ? image : undefined,
    role,
  });
}

const SELECTOR_REQUIRED = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

/**
 * A kustomize / strategic-merge patch (or a Helm template with injected blocks) only states what it
 * changes, so a missing setting says nothing. Signs: a file named like a patch, patch directives,
 * containers without an image, a workload without pod spec, or, in `overlays/` and `patches/`
 * folders, an apps/v1 workload without the `selector` every complete one has.
 */
function isPartial(object: KubeObject, parsedText: string, patchFile: boolean, overlayDir: boolean, helmBlocks: Array<[number, number]>): boolean {
  if (patchFile) return true;
  if (overlayDir && object.apiVersion.startsWith('apps/') && SELECTOR_REQUIRED.has(object.kind) && !getPair(getMap(object.map, 'spec'), 'selector')) return true;
  const start = nodeStart(object.map);
  const end = nodeEnd(object.map);
  if (PATCH_DIRECTIVE.test(parsedText.slice(start, end))) return true;
  for (const [blockStart] of helmBlocks) if (blockStart >= start && blockStart <= end + 1) return true;
  const hasPodShape = CORE_GROUPS.has(object.apiVersion) && (object.kind === 'Pod' || TEMPLATE_PATHS[object.kind] !== undefined);
  if (hasPodShape && object.pods.length === 0) return true;
  if (object.pods.some((pod) => pod.steps)) return true;
  for (const pod of object.pods) {
    if (!isSeq(getNode1(pod.spec, 'containers'))) return true;
    for (const container of pod.containers) {
      if (container.list === 'ephemeralContainers') continue;
      if (!container.image) return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Security context inheritance

/** Settings a container inherits from the pod `securityContext` when it does not set them itself. */
export const INHERITED_SECURITY_KEYS = new Set(['runAsNonRoot', 'runAsUser', 'runAsGroup', 'seccompProfile', 'seLinuxOptions', 'appArmorProfile', 'windowsOptions', 'seLinuxChangePolicy']);

export interface EffectiveValue {
  value: unknown;
  node?: Node;
  level: 'container' | 'pod' | 'none';
}

/**
 * The effective value of a container security setting, with pod→container inheritance as the
 * kubelet computes it: the container's own setting wins; the inherited keys fall back to the pod's.
 * `windowsOptions` merges field by field (use `windowsOptions.hostProcess` etc.); other structs
 * (seccompProfile, seLinuxOptions, appArmorProfile) are taken whole from one level.
 */
export function effectiveSecurityValue(container: ContainerRef, key: string): EffectiveValue {
  const path = key.split('.');
  const fieldWise = path[0] === 'windowsOptions' && path.length > 1;
  const lookup = (sc: YAMLMap | undefined): Node | undefined => {
    if (!sc) return undefined;
    if (fieldWise) return nodeAt(sc, path);
    const whole = resolveNode(getPair(sc, path[0])?.value);
    if (whole === undefined || isNullScalar(whole)) return undefined;
    return path.length === 1 ? whole : nodeAt(sc, path);
  };
  const own = lookup(container.securityContext);
  const ownWhole = fieldWise ? own : container.securityContext ? resolveNode(getPair(container.securityContext, path[0])?.value) : undefined;
  if (own !== undefined && !isNullScalar(own)) return { value: jsValue(container, own), node: own, level: 'container' };
  if (!fieldWise && ownWhole !== undefined && !isNullScalar(ownWhole)) return { value: undefined, level: 'container' };
  if (!INHERITED_SECURITY_KEYS.has(path[0])) return { value: undefined, level: 'none' };
  const inherited = lookup(container.pod.securityContext);
  if (inherited !== undefined && !isNullScalar(inherited)) return { value: jsValue(container, inherited), node: inherited, level: 'pod' };
  return { value: undefined, level: 'none' };
}

function nodeAt(map: YAMLMap, path: string[]): Node | undefined {
  let current: Node | undefined = map;
  for (const segment of path) {
    if (!isMap(current)) return undefined;
    current = resolveNode(getPair(current, segment)?.value);
  }
  return current;
}

function isNullScalar(node: Node): boolean {
  return isScalar(node) && (node.value === null || node.value === undefined);
}

function jsValue(container: ContainerRef, node: Node): unknown {
  if (isScalar(node)) return node.value;
  return toJsValue(container.pod.object.document.doc, node);
}

/** All containers of every pod of the model. */
export function allContainers(model: KubernetesModel): ContainerRef[] {
  return model.objects.flatMap((object) => object.pods.flatMap((pod) => pod.containers));
}

/** All pod specs of the model. */
export function allPods(model: KubernetesModel): PodSpecRef[] {
  return model.objects.flatMap((object) => object.pods);
}

/** Readable label of a container for messages: `container "app"` / `init container "setup"`. */
export function containerLabel(container: ContainerRef): string {
  const kind = container.role ?? (container.list === 'containers' ? 'container' : container.list === 'initContainers' ? 'init container' : 'ephemeral container');
  if (container.name) return `${kind} "${container.name}"`;
  return container.role === STEP_TEMPLATE_ROLE ? kind : `${kind} #${container.index + 1}`;
}

// ---------------------------------------------------------------------------------------------
// Helm

const HELM_HINT = /\{\{-?\s*(?:if|else|end|range|with|define|include|template|toYaml|\.Values|\.Release|\.Chart|\$|\/\*)/;

function isHelmTemplate(text: string, path: string): boolean {
  if (!text.includes('{{')) return false;
  const normalized = path.replace(/\\/g, '/');
  if (/(?:^|\/)templates\//.test(normalized)) return true;
  return HELM_HINT.test(text);
}

const BLOCK_ACTION = /^\{\{-?\s*(?:\/\*|if\b|else\b|end\b|range\b|with\b|define\b|block\b|template\b|include\b|toYaml\b|tpl\b|-\s)|\b(?:toYaml|nindent|indent|include|tpl|template|toJson|toPrettyJson)\b/;

/**
 * Masks Helm actions keeping every offset: an action alone on its line(s) becomes spaces (a
 * control or block action); an action inside a value becomes `_` characters (a templated scalar).
 */
function maskHelm(text: string): { text: string; inline: Array<[number, number]>; blocks: Array<[number, number]> } {
  const chars = text.split('');
  const inline: Array<[number, number]> = [];
  const blocks: Array<[number, number]> = [];
  const actions: Array<[number, number]> = [];
  let index = text.indexOf('{{');
  while (index >= 0) {
    const close = text.indexOf('}}', index + 2);
    const end = close < 0 ? text.length : close + 2;
    actions.push([index, end]);
    index = text.indexOf('{{', end);
  }
  // Group actions by line: a line whose non-blank content is only actions is a block line.
  let i = 0;
  while (i < actions.length) {
    const [start] = actions[i];
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    let j = i;
    let lineEnd = text.indexOf('\n', actions[j][1]);
    if (lineEnd < 0) lineEnd = text.length;
    while (j + 1 < actions.length && actions[j + 1][0] < lineEnd) {
      j++;
      lineEnd = text.indexOf('\n', actions[j][1]);
      if (lineEnd < 0) lineEnd = text.length;
    }
    let rest = '';
    let cursor = lineStart;
    for (let k = i; k <= j; k++) {
      rest += text.slice(cursor, actions[k][0]);
      cursor = actions[k][1];
    }
    rest += text.slice(cursor, lineEnd);
    const blockLine = rest.trim() === '' || rest.trim() === '-';
    for (let k = i; k <= j; k++) {
      const [s, e] = actions[k];
      const body = text.slice(s, e);
      const injects = BLOCK_ACTION.test(body) && !/^\{\{-?\s*(?:if|else|end|range|with|\/\*)\b/.test(body);
      if (blockLine) {
        for (let c = s; c < e; c++) if (chars[c] !== '\n' && chars[c] !== '\r') chars[c] = ' ';
        if (injects) blocks.push([s, e]);
      } else {
        for (let c = s; c < e; c++) if (chars[c] !== '\n' && chars[c] !== '\r') chars[c] = '_';
        inline.push([s, e]);
        if (injects) blocks.push([s, e]);
      }
    }
    i = j + 1;
  }
  return { text: chars.join(''), inline, blocks };
}

function markTemplated(documents: YamlDocument[], spans: Array<[number, number]>): void {
  if (spans.length === 0) return;
  const overlaps = (start: number, end: number): boolean => {
    // Binary search for the first span ending after start.
    let low = 0;
    let high = spans.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (spans[mid][1] <= start) low = mid + 1;
      else high = mid;
    }
    return low < spans.length && spans[low][0] < end;
  };
  const walk = (node: unknown, depth: number): void => {
    if (depth > 200 || !node || typeof node !== 'object') return;
    if (isScalar(node)) {
      if (overlaps(nodeStart(node), Math.max(nodeEnd(node), nodeStart(node) + 1))) templatedNodes.add(node);
      return;
    }
    if (isMap(node)) {
      for (const pair of node.items) {
        walk(pair.key, depth + 1);
        walk(pair.value, depth + 1);
      }
    } else if (isSeq(node)) {
      for (const item of (node as YAMLSeq).items) walk(item, depth + 1);
    }
  };
  for (const document of documents) walk(document.doc.contents, 0);
}
