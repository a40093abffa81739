// Lashing for VS Code, the part both hosts share (the Node entry ./extension.ts, the browser entry
// ./browser/extension.ts): starts the language server, and adds the Security Checklist view, the
// status-bar item, rule documentation in the editor, report export and checklist attestations.
// No Node built-ins here: files go through `vscode.workspace.fs` and `vscode.Uri`.

import * as vscode from 'vscode';
import { LashingClient, type ExtensionHost, type LanguageClientFactory } from './languageClient';
import { ChecklistProvider, VIEW_ID, type ChecklistNode } from './checklistView';
import { StatusBar } from './statusBar';
import { RULE_DOCS_SCHEME, RuleDocsProvider, pickRule, showRuleDocs } from './ruleDocs';
import { attestItem, exportReport, openConfig, suppressWithReason, CONFIG_FILE, type SuppressArguments } from './commands';
import type { ChecklistReport } from '../../server/src/checklist/status';

const REFRESH_DELAY_MS = 250;

/** What the extension returns from `activate` (used by its integration tests; stable enough for other extensions). */
export interface LashingApi {
  /** Resolves once the language server runs. */
  readonly ready: Promise<void>;
  readonly client: LashingClient;
  readonly checklist: ChecklistProvider;
  readonly checklistView: vscode.TreeView<ChecklistNode>;
  /** Asks the server for the checklist now and updates the view and the status bar. */
  refreshChecklist(): Promise<ChecklistReport | undefined>;
  statusBarText(): string;
}

let client: LashingClient | undefined;

/** What the server's Pod Security CodeLens passes to `lashing.showFindings`. */
interface ShowFindingsArguments {
  uri: string;
  title?: string;
  findings: Array<{ ruleId: string; message: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }>;
}

/** An absolute file system path (POSIX, or Windows with a drive letter or UNC). */
const isAbsolutePath = (file: string): boolean => file.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(file) || file.startsWith('\\\\');

export function activateLashing(context: vscode.ExtensionContext, host: ExtensionHost, createClient: LanguageClientFactory): LashingApi {
  const output = vscode.window.createOutputChannel('Lashing', { log: true });
  const lashing = new LashingClient(output, createClient, host);
  client = lashing;
  output.info(`Lashing ${String(context.extension.packageJSON.version)} in the ${host === 'web' ? 'web worker' : 'Node'} extension host (${vscode.env.uiKind === vscode.UIKind.Web ? 'browser' : 'desktop'} window); language server: ${host === 'web' ? 'Web Worker' : 'Node process'}`);

  const resolveUri = (file: string, uri?: string): vscode.Uri | undefined => {
    if (uri) return vscode.Uri.parse(uri);
    if (isAbsolutePath(file)) return vscode.Uri.file(file);
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder ? vscode.Uri.joinPath(folder.uri, file) : undefined;
  };
  const checklist = new ChecklistProvider(resolveUri);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: checklist, showCollapseAll: true });
  checklist.attach(view);
  const statusBar = new StatusBar();
  const docs = new RuleDocsProvider(lashing);

  const updateStatusBar = () => statusBar.update(lashing.state, lashing.summary, checklist.current);
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  let refreshing: Promise<ChecklistReport | undefined> | undefined;
  const refreshChecklist = async (): Promise<ChecklistReport | undefined> => {
    if (refreshTimer) clearTimeout(refreshTimer);
    refreshTimer = undefined;
    if (lashing.state !== 'running') return checklist.current;
    const request = (refreshing ?? Promise.resolve(undefined)).then(async () => {
      try {
        const report = (await lashing.checklist()) ?? undefined;
        checklist.setReport(report);
        updateStatusBar();
        return report;
      } catch (error) {
        output.appendLine(`Checklist request failed: ${error instanceof Error ? error.message : String(error)}`);
        return checklist.current;
      }
    });
    refreshing = request;
    return request;
  };
  const scheduleRefresh = () => {
    if (refreshTimer) clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => void refreshChecklist(), REFRESH_DELAY_MS);
  };

  const register = (command: string, callback: (...args: any[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(command, callback));
  register('lashing.scanWorkspace', async () => {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Lashing: analysing the workspace') }, () => lashing.scanWorkspace());
    return refreshChecklist();
  });
  register('lashing.showChecklist', async () => {
    await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
    if (!checklist.current) await refreshChecklist();
  });
  register('lashing.exportReport.markdown', (target?: unknown) => exportReport(lashing, 'markdown', target));
  register('lashing.exportReport.sarif', (target?: unknown) => exportReport(lashing, 'sarif', target));
  register('lashing.explainRule', async (argument?: unknown) => {
    const ruleId = await pickRule(lashing, argument);
    return ruleId ? showRuleDocs(ruleId) : undefined;
  });
  register('lashing.attest', async (argument?: unknown) => {
    const uri = await attestItem(lashing, checklist, argument);
    if (uri) await refreshChecklist();
    return uri;
  });
  register('lashing.openConfig', (itemId?: unknown) => openConfig(itemId));
  register('lashing.suppressWithReason', (argument: SuppressArguments) => suppressWithReason(argument));
  register('lashing.restartServer', async () => {
    await lashing.restart();
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Lashing: language server restarted'), 3000);
  });
  register('lashing.showOutput', () => output.show(true));
  // The Pod Security CodeLens of a workload: its findings in a quick pick; the chosen one opens at its range.
  register('lashing.showFindings', async (argument?: ShowFindingsArguments) => {
    if (!argument?.uri || !Array.isArray(argument.findings) || argument.findings.length === 0) return undefined;
    const picked = await vscode.window.showQuickPick(
      argument.findings.map((finding) => ({ label: finding.message, description: finding.ruleId, detail: vscode.l10n.t('Line {0}', finding.range.start.line + 1), finding })),
      { title: argument.title, placeHolder: vscode.l10n.t('Go to a finding') },
    );
    if (!picked) return undefined;
    const { start, end } = picked.finding.range;
    return vscode.window.showTextDocument(vscode.Uri.parse(argument.uri), { selection: new vscode.Range(start.line, start.character, end.line, end.character) });
  });
  register('lashing.checklist.filterNotMet', () => checklist.setFilter('notMet'));
  register('lashing.checklist.showAll', () => checklist.setFilter('all'));
  register('lashing.checklist.refresh', () => refreshChecklist());

  context.subscriptions.push(
    output,
    view,
    checklist,
    statusBar,
    docs,
    lashing,
    vscode.workspace.registerTextDocumentContentProvider(RULE_DOCS_SCHEME, docs),
    lashing.onDidChangeFindings(() => {
      updateStatusBar();
      scheduleRefresh();
    }),
    lashing.onDidChangeState((state) => {
      updateStatusBar();
      if (state === 'running') scheduleRefresh();
    }),
    vscode.workspace.onDidSaveTextDocument((document) => {
      if (document.uri.path.slice(document.uri.path.lastIndexOf('/') + 1) === CONFIG_FILE) scheduleRefresh();
    }),
    view.onDidChangeVisibility((event) => {
      if (event.visible && !checklist.current) scheduleRefresh();
    }),
  );

  updateStatusBar();
  const ready = lashing.start().then(
    () => undefined,
    () => undefined,
  );
  return { ready, client: lashing, checklist, checklistView: view, refreshChecklist, statusBarText: () => statusBar.text };
}

export function deactivateLashing(): Promise<void> | undefined {
  const current = client;
  client = undefined;
  return current?.stop();
}
