// "Explain Rule": a rule's documentation, from the server, as a virtual Markdown document rendered in the
// editor's Markdown preview (the text itself when no preview is available).

import * as vscode from 'vscode';
import type { LashingClient } from './languageClient';

export const RULE_DOCS_SCHEME = 'lashing-rule';

/** `lashing-rule:/dockerfile/root-user.md` */
export function ruleDocsUri(ruleId: string): vscode.Uri {
  return vscode.Uri.from({ scheme: RULE_DOCS_SCHEME, path: `/${ruleId}.md` });
}

export function ruleIdOfDocsUri(uri: vscode.Uri): string {
  return uri.path.replace(/^\//, '').replace(/\.md$/, '');
}

export class RuleDocsProvider implements vscode.TextDocumentContentProvider {
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly client: LashingClient) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const ruleId = ruleIdOfDocsUri(uri);
    try {
      const markdown = await this.client.explainRule(ruleId);
      return markdown ?? vscode.l10n.t('# Unknown rule\n\nLashing has no rule `{0}`.', ruleId);
    } catch (error) {
      return vscode.l10n.t('# {0}\n\nThe documentation could not be loaded: {1}', ruleId, error instanceof Error ? error.message : String(error));
    }
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}

/** Lashing rule IDs of the diagnostics under the cursor of the active editor. */
function ruleIdsAtCursor(): string[] {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return [];
  const position = editor.selection.active;
  return vscode.languages
    .getDiagnostics(editor.document.uri)
    .filter((diagnostic) => diagnostic.source === 'lashing' && diagnostic.range.contains(position))
    .map((diagnostic) => (typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code ?? '')))
    .filter((id) => id.length > 0);
}

/** Resolves which rule to explain: the argument, the finding under the cursor, or the user's pick. */
export async function pickRule(client: LashingClient, argument: unknown): Promise<string | undefined> {
  if (typeof argument === 'string' && argument.length > 0) return argument;
  if (argument && typeof argument === 'object' && 'ruleId' in argument && typeof (argument as { ruleId: unknown }).ruleId === 'string') return (argument as { ruleId: string }).ruleId;
  const atCursor = [...new Set(ruleIdsAtCursor())];
  if (atCursor.length === 1) return atCursor[0];
  const rules = await client.listRules();
  const preferred = new Set(atCursor);
  const picks = rules
    .filter((rule) => rule.checklist.length > 0 || preferred.has(rule.id))
    .sort((a, b) => Number(preferred.has(b.id)) - Number(preferred.has(a.id)) || a.id.localeCompare(b.id))
    .map((rule) => ({ label: rule.id, description: rule.title, detail: rule.checklist.length > 0 ? vscode.l10n.t('Checklist {0} · default {1}', rule.checklist.join(', '), rule.defaultSeverity) : undefined }));
  const choice = await vscode.window.showQuickPick(picks, { title: vscode.l10n.t('Lashing: Explain Rule'), placeHolder: vscode.l10n.t('Rule to explain'), matchOnDescription: true, matchOnDetail: true });
  return choice?.label;
}

export async function showRuleDocs(ruleId: string): Promise<vscode.Uri> {
  const uri = ruleDocsUri(ruleId);
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch {
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(document, 'markdown');
    await vscode.window.showTextDocument(document, { preview: true });
  }
  return uri;
}
