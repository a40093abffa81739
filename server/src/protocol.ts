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

/** client → server: which host the server runs in (tests and the output channel use it). Result: ServerInfo. */
export const ServerInfoRequest = 'lashing/serverInfo';

export interface ServerInfo {
  /** 'node': a Node process (dist/server.js); 'web': a Web Worker (dist/browser/server.js). */
  platform: 'node' | 'web';
  /** URIs of the workspace folders the server reads. */
  workspaceFolders: string[];
  /** Files with a state (analysed or skipped). */
  files: number;
}

// The Web Worker server has no file system: it reads the workspace through these requests, which the
// client answers with `vscode.workspace.fs` and `workspace.findFiles` (client/src/workspaceFiles.ts).

/** server → client: every file (URI) under a folder, except in SKIPPED_FOLDERS. The server filters the list. */
export const ListFilesRequest = 'lashing/fs/listFiles';
export interface ListFilesParams {
  /** Folder URI. */
  folder: string;
  /** Folder names never entered (node_modules, .git…). */
  skippedFolders: string[];
  maxResults: number;
}
export interface ListFilesResult {
  files: string[];
  truncated: boolean;
}

/** server → client: a file's text, refused when binary, over maxBytes, not a regular file, or a symbolic link. */
export const ReadFileRequest = 'lashing/fs/readFile';
export interface ReadFileParams {
  uri: string;
  maxBytes: number;
}
/** `{ text }` or `{ skipped: reason }`. */
export type ReadFileResult = { text: string } | { skipped: string };

/** server → client: whether a regular file exists at the URI. Result: boolean. */
export const FileExistsRequest = 'lashing/fs/fileExists';
export interface FileExistsParams {
  uri: string;
}

/** server → client: whether the file lies inside the folder with no symbolic link on the way. Result: boolean. */
export const IsWithinRequest = 'lashing/fs/isWithin';
export interface IsWithinParams {
  uri: string;
  folder: string;
}
