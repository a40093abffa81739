// Status-bar item: finding counts and checklist progress; a click shows the checklist.

import * as vscode from 'vscode';
import type { FindingsSummary } from '../../server/src/protocol';
import type { ChecklistReport } from '../../server/src/checklist/status';
import type { ServerState } from './languageClient';

export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;

  constructor() {
    this.item = vscode.window.createStatusBarItem('lashing.status', vscode.StatusBarAlignment.Left, 50);
    this.item.name = vscode.l10n.t('Lashing');
    this.item.command = 'lashing.showChecklist';
  }

  /** Text of the item, exposed for tests. */
  get text(): string {
    return this.item.text;
  }

  update(state: ServerState, summary: FindingsSummary | undefined, report: ChecklistReport | undefined): void {
    const item = this.item;
    item.backgroundColor = undefined;
    if (state === 'crashed') {
      item.text = '$(error) Lashing';
      item.tooltip = vscode.l10n.t('The Lashing language server is not running. Click to restart it.');
      item.command = 'lashing.restartServer';
      item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
      item.show();
      return;
    }
    item.command = 'lashing.showChecklist';
    if (state !== 'running' || !summary) {
      item.text = '$(sync~spin) Lashing';
      item.tooltip = vscode.l10n.t('Lashing is starting…');
      item.show();
      return;
    }
    const parts = [`$(shield) ${report ? `${report.summary.met}/${report.summary.total}` : 'Lashing'}`];
    parts.push(`$(error) ${summary.errors}`, `$(warning) ${summary.warnings}`);
    if (summary.scanning) parts.unshift('$(sync~spin)');
    item.text = parts.join(' ');
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**Lashing**${summary.scanning ? ` — ${vscode.l10n.t('analysing the workspace…')}` : ''}\n\n`);
    tooltip.appendMarkdown(vscode.l10n.t('{0} errors, {1} warnings, {2} infos, {3} hints in {4} files', summary.errors, summary.warnings, summary.infos, summary.hints, summary.files) + '\n\n');
    if (report) tooltip.appendMarkdown(vscode.l10n.t('Checklist: {0} of {1} items met, {2} not met', report.summary.met, report.summary.total, report.summary.open) + '\n\n');
    tooltip.appendMarkdown(vscode.l10n.t('Click to show the security checklist.'));
    item.tooltip = tooltip;
    item.accessibilityInformation = { label: vscode.l10n.t('Lashing: {0} errors, {1} warnings; checklist {2} of {3} met', summary.errors, summary.warnings, report?.summary.met ?? 0, report?.summary.total ?? 49) };
    item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
