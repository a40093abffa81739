// Commands that edit or write files: Export Report, Attest Checklist Item, suppress with a reason.

import * as vscode from 'vscode';
import type { LashingClient } from './languageClient';
import type { ChecklistProvider } from './checklistView';
import { isAttestable } from './checklistView';
import { attestationEdit, AttestationEditError, type AttestationEntry } from './attestation';

export const CONFIG_FILE = '.lashing.yaml';

function firstFolder(): vscode.WorkspaceFolder | undefined {
  return vscode.workspace.workspaceFolders?.[0];
}

async function pickFolder(title: string): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: title });
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Export Report

const FORMATS: Record<'markdown' | 'sarif', { file: string; filters: Record<string, string[]>; label: string }> = {
  markdown: { file: 'lashing-report.md', filters: { Markdown: ['md'] }, label: 'Markdown' },
  sarif: { file: 'lashing.sarif', filters: { SARIF: ['sarif', 'json'] }, label: 'SARIF' },
};

/**
 * Writes the workspace report. `target` (a URI) skips the save dialog (used by tests and other extensions).
 * Returns the written file.
 */
export async function exportReport(client: LashingClient, format: 'markdown' | 'sarif', target?: unknown): Promise<vscode.Uri | undefined> {
  const spec = FORMATS[format];
  let uri = target instanceof vscode.Uri ? target : typeof target === 'string' ? vscode.Uri.parse(target) : undefined;
  if (!uri) {
    const folder = firstFolder();
    uri = await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Lashing: Export Report as {0}', spec.label),
      defaultUri: folder ? vscode.Uri.joinPath(folder.uri, spec.file) : undefined,
      filters: spec.filters,
      saveLabel: vscode.l10n.t('Export'),
    });
    if (!uri) return undefined;
  }
  const text = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Lashing: exporting the report') }, () => client.exportReport(format));
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text.endsWith('\n') ? text : `${text}\n`));
  if (!(target instanceof vscode.Uri) && typeof target !== 'string') {
    const open = vscode.l10n.t('Open');
    void vscode.window.showInformationMessage(vscode.l10n.t('Lashing: report written to {0}', vscode.workspace.asRelativePath(uri)), open).then((choice) => {
      if (choice === open) void vscode.window.showTextDocument(uri as vscode.Uri);
    });
  }
  return uri;
}

// ---------------------------------------------------------------------------------------------------------
// Attest Checklist Item

export interface AttestArguments {
  item?: string;
  reason?: string;
  /** Keep the document unsaved (default: save it, so the server and the checklist pick it up at once). */
  noSave?: boolean;
}

function todayIso(): string {
  const now = new Date();
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The Git user name of the folder, when the built-in Git extension is already running (optional, bounded wait). */
async function gitUserName(folder: vscode.WorkspaceFolder): Promise<string | undefined> {
  try {
    const extension = vscode.extensions.getExtension<{ getAPI(version: 1): { repositories: Array<{ rootUri: vscode.Uri; getConfig(key: string): Promise<string> }> } }>('vscode.git');
    if (!extension?.isActive) return undefined;
    const repository = extension.exports.getAPI(1).repositories.find((repo) => folder.uri.fsPath.startsWith(repo.rootUri.fsPath));
    if (!repository) return undefined;
    const name = await Promise.race([repository.getConfig('user.name'), new Promise<string>((resolve) => setTimeout(() => resolve(''), 1000))]);
    return name.trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The item argument of the command: an ID, a tree node, or nothing. */
function itemArgument(argument: unknown): string | undefined {
  if (typeof argument === 'string') return argument;
  if (argument && typeof argument === 'object') {
    const node = argument as { item?: { id?: unknown } | string };
    if (typeof node.item === 'string') return node.item;
    if (node.item && typeof node.item === 'object' && typeof node.item.id === 'string') return node.item.id;
  }
  return undefined;
}

/**
 * Asks for a reason and records the attestation in `.lashing.yaml` of the workspace folder as a WorkspaceEdit
 * (undoable; the file is created when missing). Returns the config file's URI, or undefined when cancelled.
 */
export async function attestItem(client: LashingClient, checklist: ChecklistProvider, argument?: unknown): Promise<vscode.Uri | undefined> {
  const args: AttestArguments = argument && typeof argument === 'object' && !('type' in argument) ? (argument as AttestArguments) : {};
  let report = checklist.current;
  if (!report) {
    report = (await client.checklist()) ?? undefined;
    checklist.setReport(report);
  }
  const items = (report?.lists ?? []).flatMap((list) => list.sections.flatMap((section) => section.items));
  let itemId = args.item ?? itemArgument(argument);
  if (!itemId) {
    const picks = items
      .filter((item) => isAttestable(item.status))
      .map((item) => ({ label: item.id, description: item.status, detail: item.text }));
    if (picks.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Lashing: every checklist item is decided by analysis; nothing to attest.'));
      return undefined;
    }
    const choice = await vscode.window.showQuickPick(picks, { title: vscode.l10n.t('Lashing: Attest Checklist Item'), placeHolder: vscode.l10n.t('Item the team has put in place'), matchOnDetail: true });
    if (!choice) return undefined;
    itemId = choice.label;
  }
  const item = items.find((entry) => entry.id === itemId);
  if (report && !item) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Lashing: there is no checklist item {0}.', itemId));
    return undefined;
  }
  const folder = await pickFolder(vscode.l10n.t('Workspace folder whose {0} records the attestation', CONFIG_FILE));
  if (!folder) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Lashing: open a folder to record attestations in its {0}.', CONFIG_FILE));
    return undefined;
  }
  const reason =
    args.reason ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('Attest {0}', itemId),
      prompt: item ? item.text : undefined,
      placeHolder: vscode.l10n.t('How the team meets it, e.g. "SSO with hardware keys for all cluster access (see runbook)"'),
      value: item?.attestation?.reason,
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim().length === 0 ? vscode.l10n.t('A reason is required: reviewers read it in pull requests.') : undefined),
    }));
  if (reason === undefined || reason.trim() === '') return undefined;

  const uri = vscode.Uri.joinPath(folder.uri, CONFIG_FILE);
  const fileExists = await exists(uri);
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  const text = open ? open.getText() : fileExists ? new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)) : undefined;
  const entry: AttestationEntry = { item: itemId, reason: reason.trim(), by: await gitUserName(folder), date: todayIso() };
  let offsets;
  try {
    offsets = attestationEdit(text, entry);
  } catch (error) {
    if (error instanceof AttestationEditError) {
      void vscode.window.showErrorMessage(`Lashing: ${error.message}`);
      return undefined;
    }
    throw error;
  }
  const edit = new vscode.WorkspaceEdit();
  const metadata: vscode.WorkspaceEditEntryMetadata = { label: vscode.l10n.t('Attest checklist item {0}', itemId), needsConfirmation: false };
  if (!fileExists && !open) {
    edit.createFile(uri, { ignoreIfExists: true }, metadata);
    edit.insert(uri, new vscode.Position(0, 0), offsets.newText, metadata);
  } else {
    const document = open ?? (await vscode.workspace.openTextDocument(uri));
    edit.replace(uri, new vscode.Range(document.positionAt(offsets.start), document.positionAt(offsets.end)), offsets.newText, metadata);
  }
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Lashing: could not edit {0}.', CONFIG_FILE));
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument(uri);
  if (!args.noSave) await document.save();
  const line = document.getText().split(/\r?\n/).findIndex((value) => new RegExp(`^\\s*-\\s*item:\\s*${itemId.replace('.', '\\.')}\\s*$`).test(value));
  if (!args.item) {
    const position = new vscode.Position(Math.max(0, line), 0);
    await vscode.window.showTextDocument(document, { preview: true, preserveFocus: true, selection: new vscode.Range(position, position) });
  }
  return uri;
}

/** Opens `.lashing.yaml` at the attestation of an item. */
export async function openConfig(itemId?: unknown): Promise<void> {
  const folder = firstFolder();
  if (!folder) return;
  const uri = vscode.Uri.joinPath(folder.uri, CONFIG_FILE);
  if (!(await exists(uri))) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Lashing: {0} does not exist yet.', CONFIG_FILE));
    return;
  }
  const document = await vscode.workspace.openTextDocument(uri);
  const id = typeof itemId === 'string' ? itemId : undefined;
  const line = id ? document.getText().split(/\r?\n/).findIndex((value) => value.includes(`item: ${id}`)) : -1;
  const position = new vscode.Position(Math.max(0, line), 0);
  await vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position) });
}

// ---------------------------------------------------------------------------------------------------------
// Suppress with a reason (the server's quick fix asks the client to prompt for the reason)

export interface SuppressArguments {
  uri: string;
  version: number;
  ruleId: string;
  position: { line: number; character: number };
  prefix: string;
  suffix: string;
  /** Skips the prompt (tests). */
  reason?: string;
}

export async function suppressWithReason(argument: SuppressArguments): Promise<boolean> {
  const uri = vscode.Uri.parse(argument.uri);
  const document = await vscode.workspace.openTextDocument(uri);
  const reason =
    argument.reason ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('Suppress {0}', argument.ruleId),
      prompt: vscode.l10n.t('Why is this acceptable here? The reason is kept in the comment for reviewers.'),
      placeHolder: vscode.l10n.t('e.g. the entrypoint drops privileges with gosu'),
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim().length === 0 ? vscode.l10n.t('A reason is required.') : undefined),
    }));
  if (reason === undefined || reason.trim() === '') return false;
  if (document.version !== argument.version) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Lashing: the file changed meanwhile; run the quick fix again.'));
    return false;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, new vscode.Position(argument.position.line, argument.position.character), `${argument.prefix}${reason.trim().replace(/\r?\n/g, ' ')}${argument.suffix}`);
  return vscode.workspace.applyEdit(edit);
}
