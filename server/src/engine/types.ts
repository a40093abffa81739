// Core types of the engine. Pure data: no editor, no file system.

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';
export type DocumentKind = 'dockerfile' | 'kubernetes' | 'compose';

/** Zero-based line and UTF-16 character, as LSP counts them. */
export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}
export interface TextEdit {
  range: Range;
  newText: string;
}

/** A file a fix creates next to the analysed one (path relative to that file's folder). */
export interface NewFile {
  relativePath: string;
  content: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Safe to apply without a choice; fix-all applies only these. */
  mechanical: boolean;
  newFiles?: NewFile[];
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  fixes: Fix[];
  /** Other tools' IDs of this very finding (see ReportInput.anchors), while suppressions are matched; not in results. */
  anchors?: string[];
}

export interface Reference {
  title: string;
  url?: string;
}

export interface RuleDocs {
  /** Why it matters (markdown). */
  why: string;
  /** How to fix it (markdown). */
  how: string;
  bad: string;
  good: string;
  references: Reference[];
}

/** IDs of the same practice in other tools: used to honour their suppressions and for migration. */
export interface Anchors {
  hadolint?: string[];
  trivy?: string[];
  checkov?: string[];
  buildkit?: string[];
  kubeLinter?: string[];
  polaris?: string[];
  kics?: string[];
  other?: string[];
}

export interface RuleMeta {
  id: string;
  kind: DocumentKind;
  title: string;
  defaultSeverity: SeveritySetting;
  /** M: mechanical fix, S: fix needing a choice, -: guidance only. */
  fix: 'M' | 'S' | '-';
  /** Practice guide checklist items, e.g. `D2.1`, `O1.1`. */
  checklist: string[];
  anchors: Anchors;
  /** Pod Security Standards check IDs this rule implements (Kubernetes only). */
  pss?: string[];
  docs: RuleDocs;
}

export interface ReportInput {
  range: Range;
  message: string;
  fixes?: Fix[];
  /** Overrides the rule's default severity for this finding (ignored when the user configured one). */
  severity?: Severity;
  /**
   * For a rule that covers several checks of another tool (hadolint DL3008 for apt, DL3013 for pip…),
   * the IDs this finding corresponds to: that tool's suppression comments then silence only the
   * findings of the checks they name, as the tool itself would. Absent: any of the rule's anchors.
   */
  anchors?: string[];
}

export interface RuleContext {
  readonly config: EffectiveConfig;
  readonly workspace: WorkspaceContext;
  /** Path of the analysed file (absolute or relative, `/` separated); '' when unknown. */
  readonly path: string;
  report(input: ReportInput): void;
}

export interface Rule<Model> extends RuleMeta {
  check(model: Model, ctx: RuleContext): void;
}

export interface PodSecuritySettings {
  profile: 'baseline' | 'restricted';
  /** Minor version of Kubernetes 1.x, or 'latest'. */
  version: number | 'latest';
}

export interface Attestation {
  item: string;
  reason: string;
  by?: string;
  date?: string;
}

export interface EffectiveConfig {
  rules: Record<string, SeveritySetting>;
  trustedRegistries: string[];
  ignorePaths: string[];
  kubernetes: PodSecuritySettings;
  attestations: Attestation[];
}

/** What the engine may learn about the workspace beyond the analysed text. */
export interface WorkspaceContext {
  /** Whether a file exists (path `/` separated). Implementations must not throw. */
  fileExists(path: string): boolean;
  /** Cross-file facts about Kubernetes objects, if an index is kept. */
  readonly manifests?: ManifestFacts;
  /**
   * Told every question a rule asks of `manifests` (through the queries of
   * `server/src/kubernetes/index-facts.ts`, the only way rules read them) with its answer. A host
   * keeps them to tell later whether changed facts change a file's findings (`factAnswersHold`).
   */
  readonly onFactQuery?: (query: FactQuery) => void;
}

/** A question a rule asked of the cross-file facts, and the answer it got. Arguments are plain data. */
export interface FactQuery {
  name: string;
  args: readonly unknown[];
  answer: unknown;
}

/**
 * Cross-file Kubernetes facts, filled by the workspace index (`server/src/kubernetes/index-facts.ts`).
 * Namespaces are as written; an object without one is in `defaultNamespace`; a templated namespace
 * (`{{ .Release.Namespace }}`) is `*`, which matches every namespace.
 */
export interface ManifestFacts {
  /** NetworkPolicies: namespace and pod selector labels (empty = all pods). */
  networkPolicies: Array<{ namespace: string; matchLabels: Record<string, string>; matchExpressions: boolean; expressions?: LabelSelectorRequirement[] }>;
  /** Namespaces that have a ResourceQuota or LimitRange. */
  namespacesWithQuota: Set<string>;
  /** ServiceAccounts by `namespace/name`, with their automount setting. */
  serviceAccounts: Map<string, { automountServiceAccountToken?: boolean }>;
  /** The namespace of objects that do not name one (default `default`). */
  defaultNamespace?: string;
  /** Namespaces declared by `Namespace` objects. */
  namespaces?: Set<string>;
  /** Namespaces that hold at least one workload (an object with a pod spec, PodTemplate excepted). */
  namespacesWithWorkloads?: Set<string>;
  /** ServiceAccounts (`namespace/name`) that a RoleBinding or ClusterRoleBinding grants a role to. */
  boundServiceAccounts?: Set<string>;
}

/** One `matchExpressions` entry of a label selector. */
export interface LabelSelectorRequirement {
  key: string;
  operator: string;
  values: string[];
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };
