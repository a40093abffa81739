// Lashing's custom LSP messages, shared by the server and the client (no editor imports here).

import type { DocumentKind, Finding } from './engine/types';

/** client → server: the checklist status of the whole workspace. */
export const ChecklistRequest = 'lashing/checklist';
/** client → server: a report of every finding in the workspace. Params: { format: 'markdown' | 'sarif' | 'json' }; result: string. */
export const ExportReportRequest = 'lashing/exportReport';
/** client → server: a rule's documentation as Markdown. Params: { ruleId: string }; result: string | null. */
export const ExplainRuleRequest = 'lashing/explainRule';
/** client → server: the list of rules (metadata without docs bodies). Result: RuleSummary[]. */
export const ListRulesRequest = 'lashing/listRules';
/** client → server: analyse every file of the workspace folders again. */
export const ScanWorkspaceRequest = 'lashing/scanWorkspace';
/** server → client: findings changed somewhere in the workspace (refresh views and the status bar). */
export const FindingsChangedNotification = 'lashing/findingsChanged';

export interface FindingsSummary {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
  hints: number;
  /** True while the first workspace scan runs. */
  scanning: boolean;
}

export interface WorkspaceFinding extends Finding {
  /** File URI. */
  uri: string;
  kind: DocumentKind;
}

export interface RuleSummary {
  id: string;
  kind: DocumentKind;
  title: string;
  defaultSeverity: string;
  checklist: string[];
}
