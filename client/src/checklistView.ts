// The "Security Checklist" view: the practice guide's two checklists with a status per item, the findings
// of each item by file (a click opens the exact range), the rules that check it, repository evidence and
// attestations. Shows "N of 49 met", a badge with the open count, and can filter to what is not met.

import * as vscode from 'vscode';
import type { ChecklistFinding, ChecklistItem, ChecklistList, ChecklistReport, ChecklistSection, ItemStatus } from '../../server/src/checklist/status';

export const VIEW_ID = 'lashing.checklist';
export const FILTER_CONTEXT_KEY = 'lashing.checklist.filter';
/** True once a checklist arrived from the server (the view's welcome content uses it). */
export const LOADED_CONTEXT_KEY = 'lashing.checklist.loaded';

export type ChecklistFilter = 'all' | 'notMet';

export type ChecklistNode =
  | { type: 'list'; list: ChecklistList }
  | { type: 'section'; list: ChecklistList; section: ChecklistSection }
  | { type: 'item'; item: ChecklistItem }
  | { type: 'file'; item: ChecklistItem; path: string; uri?: string; findings: ChecklistFinding[] }
  | { type: 'finding'; item: ChecklistItem; finding: ChecklistFinding }
  | { type: 'evidence'; item: ChecklistItem; evidence: NonNullable<ChecklistItem['evidence']>[number] }
  | { type: 'attestation'; item: ChecklistItem }
  | { type: 'rules'; item: ChecklistItem }
  | { type: 'rule'; item: ChecklistItem; ruleId: string };

const STATUS_TEXT: Record<ItemStatus, string> = {
  met: 'met',
  'not-met': 'not met',
  'not-applicable': 'not applicable',
  manual: 'manual',
  attested: 'attested',
  evidenced: 'evidenced',
};

/** Statuses that count as met in "N of 49 met". */
export function isSatisfied(status: ItemStatus): boolean {
  return status === 'met' || status === 'attested' || status === 'evidenced';
}

/** Items an attestation can decide: those no analysis decides. */
export function isAttestable(status: ItemStatus): boolean {
  return status === 'manual' || status === 'not-applicable' || status === 'evidenced' || status === 'attested';
}

function statusIcon(item: ChecklistItem): vscode.ThemeIcon {
  switch (item.status) {
    case 'met':
      return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    case 'not-met': {
      const severities = new Set(item.findings.map((finding) => finding.severity));
      if (severities.has('error')) return new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
      if (severities.has('warning')) return new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
      return new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground'));
    }
    case 'not-applicable':
      return new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'));
    case 'manual':
      return new vscode.ThemeIcon('question');
    case 'attested':
      return new vscode.ThemeIcon('verified', new vscode.ThemeColor('testing.iconPassed'));
    case 'evidenced':
      return new vscode.ThemeIcon('verified-filled', new vscode.ThemeColor('testing.iconPassed'));
  }
}

/** "not met · 3 findings", "met", "evidenced"… as the item's description. */
export function itemDescription(item: ChecklistItem): string {
  if (item.status === 'not-met') return `${STATUS_TEXT[item.status]} · ${item.findings.length} finding${item.findings.length === 1 ? '' : 's'}`;
  return STATUS_TEXT[item.status];
}

function groupByFile(findings: ChecklistFinding[]): Array<{ path: string; uri?: string; findings: ChecklistFinding[] }> {
  const groups = new Map<string, { path: string; uri?: string; findings: ChecklistFinding[] }>();
  for (const finding of findings) {
    let group = groups.get(finding.path);
    if (!group) {
      group = { path: finding.path, uri: finding.uri, findings: [] };
      groups.set(finding.path, group);
    }
    group.findings.push(finding);
  }
  return [...groups.values()];
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

export class ChecklistProvider implements vscode.TreeDataProvider<ChecklistNode>, vscode.Disposable {
  private report: ChecklistReport | undefined;
  private filter: ChecklistFilter = 'all';
  private readonly changeEmitter = new vscode.EventEmitter<ChecklistNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private view: vscode.TreeView<ChecklistNode> | undefined;

  constructor(private readonly resolveUri: (path: string, uri?: string) => vscode.Uri | undefined) {
    void vscode.commands.executeCommand('setContext', FILTER_CONTEXT_KEY, this.filter);
  }

  attach(view: vscode.TreeView<ChecklistNode>): void {
    this.view = view;
    this.updateView();
  }

  get current(): ChecklistReport | undefined {
    return this.report;
  }

  get currentFilter(): ChecklistFilter {
    return this.filter;
  }

  setReport(report: ChecklistReport | undefined): void {
    if ((this.report === undefined) !== (report === undefined)) void vscode.commands.executeCommand('setContext', LOADED_CONTEXT_KEY, report !== undefined);
    this.report = report;
    this.updateView();
    this.changeEmitter.fire(undefined);
  }

  setFilter(filter: ChecklistFilter): void {
    this.filter = filter;
    void vscode.commands.executeCommand('setContext', FILTER_CONTEXT_KEY, filter);
    this.updateView();
    this.changeEmitter.fire(undefined);
  }

  private updateView(): void {
    const view = this.view;
    if (!view) return;
    const report = this.report;
    if (!report) {
      view.description = undefined;
      view.badge = undefined;
      view.message = undefined;
      return;
    }
    const { met, total, open, counts } = report.summary;
    view.description = vscode.l10n.t('{0} of {1} met', met, total);
    view.badge = open > 0 ? { value: open, tooltip: vscode.l10n.t('{0} checklist items not met', open) } : undefined;
    // The message is visible also when the view is alone in its container (where the description is not shown).
    const parts = [vscode.l10n.t('{0} of {1} met', met, total), vscode.l10n.t('{0} not met', open)];
    if (counts.manual > 0) parts.push(vscode.l10n.t('{0} manual', counts.manual));
    if (counts['not-applicable'] > 0) parts.push(vscode.l10n.t('{0} not applicable', counts['not-applicable']));
    const summary = parts.join(' · ');
    if (this.filter === 'notMet') view.message = open === 0 ? vscode.l10n.t('Every item Lashing can check is met ({0}).', summary) : vscode.l10n.t('Showing the items that are not met ({0}).', summary);
    else view.message = summary;
  }

  private visibleItems(section: ChecklistSection): ChecklistItem[] {
    return this.filter === 'notMet' ? section.items.filter((item) => item.status === 'not-met') : section.items;
  }

  getChildren(node?: ChecklistNode): ChecklistNode[] {
    const report = this.report;
    if (!report) return [];
    if (!node) {
      return report.lists
        .filter((list) => this.filter === 'all' || list.sections.some((section) => this.visibleItems(section).length > 0))
        .map((list) => ({ type: 'list', list }));
    }
    switch (node.type) {
      case 'list':
        return node.list.sections.filter((section) => this.visibleItems(section).length > 0).map((section) => ({ type: 'section', list: node.list, section }));
      case 'section':
        return this.visibleItems(node.section).map((item) => ({ type: 'item', item }));
      case 'item': {
        const item = node.item;
        const children: ChecklistNode[] = groupByFile(item.findings).map((group) => ({ type: 'file', item, ...group }));
        for (const evidence of item.evidence ?? []) children.push({ type: 'evidence', item, evidence });
        if (item.attestation) children.push({ type: 'attestation', item });
        if (item.rules.length > 0) children.push({ type: 'rules', item });
        return children;
      }
      case 'file':
        return node.findings.map((finding) => ({ type: 'finding', item: node.item, finding }));
      case 'rules':
        return node.item.rules.map((ruleId) => ({ type: 'rule', item: node.item, ruleId }));
      default:
        return [];
    }
  }

  getTreeItem(node: ChecklistNode): vscode.TreeItem {
    switch (node.type) {
      case 'list': {
        const items = node.list.sections.flatMap((section) => section.items);
        const met = items.filter((item) => isSatisfied(item.status)).length;
        const tree = new vscode.TreeItem(node.list.title, vscode.TreeItemCollapsibleState.Expanded);
        tree.id = `list:${node.list.id}`;
        tree.description = vscode.l10n.t('{0} of {1} met', met, items.length);
        tree.iconPath = new vscode.ThemeIcon('checklist');
        tree.contextValue = 'lashing.list';
        return tree;
      }
      case 'section': {
        const items = node.section.items;
        const met = items.filter((item) => isSatisfied(item.status)).length;
        const open = items.filter((item) => item.status === 'not-met').length;
        const tree = new vscode.TreeItem(`${node.section.number}. ${node.section.title}`, vscode.TreeItemCollapsibleState.Expanded);
        tree.id = `section:${node.list.id}${node.section.number}`;
        tree.description = open > 0 ? vscode.l10n.t('{0} of {1} met · {2} not met', met, items.length, open) : vscode.l10n.t('{0} of {1} met', met, items.length);
        tree.contextValue = 'lashing.section';
        return tree;
      }
      case 'item': {
        const item = node.item;
        const hasChildren = item.findings.length > 0 || (item.evidence?.length ?? 0) > 0 || item.attestation !== undefined || item.rules.length > 0;
        const tree = new vscode.TreeItem(`${item.id} ${item.text}`, hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        tree.id = `item:${item.id}`;
        tree.description = itemDescription(item);
        tree.iconPath = statusIcon(item);
        tree.contextValue = `lashing.item.${item.status}`;
        tree.accessibilityInformation = { label: `${item.id} ${item.text} Status: ${itemDescription(item)}. ${item.note}.` };
        const tooltip = new vscode.MarkdownString(undefined, true);
        tooltip.appendMarkdown(`**${item.id}** ${escapeMarkdown(item.text)}\n\n`);
        tooltip.appendMarkdown(`**${escapeMarkdown(STATUS_TEXT[item.status])}** — ${escapeMarkdown(item.note)}\n\n`);
        if (item.rules.length > 0) tooltip.appendMarkdown(`Checked by: ${item.rules.map((rule) => `\`${rule}\``).join(', ')}\n\n`);
        for (const evidence of item.evidence ?? []) tooltip.appendMarkdown(`Evidence: ${escapeMarkdown(evidence.what)} (${escapeMarkdown(`${evidence.path}:${evidence.line}`)})\n\n`);
        if (item.attestation) tooltip.appendMarkdown(`Attested: ${escapeMarkdown(item.attestation.reason)}${item.attestation.by ? ` — ${escapeMarkdown(item.attestation.by)}` : ''}${item.attestation.date ? `, ${escapeMarkdown(item.attestation.date)}` : ''}\n\n`);
        if (isAttestable(item.status)) tooltip.appendMarkdown(`$(verified) ${vscode.l10n.t('Attest it from the context menu: the reason is written to `.lashing.yaml`.')}`);
        tree.tooltip = tooltip;
        return tree;
      }
      case 'file': {
        const uri = this.resolveUri(node.path, node.uri);
        const tree = new vscode.TreeItem(node.path, vscode.TreeItemCollapsibleState.Expanded);
        tree.id = `file:${node.item.id}:${node.path}`;
        tree.resourceUri = uri;
        tree.description = `${node.findings.length} finding${node.findings.length === 1 ? '' : 's'}`;
        tree.iconPath = vscode.ThemeIcon.File;
        tree.contextValue = 'lashing.file';
        return tree;
      }
      case 'finding': {
        const finding = node.finding;
        const uri = this.resolveUri(finding.path, finding.uri);
        const tree = new vscode.TreeItem(finding.message, vscode.TreeItemCollapsibleState.None);
        tree.id = `finding:${node.item.id}:${finding.path}:${finding.line}:${finding.column}:${finding.ruleId}`;
        tree.description = `${finding.ruleId} · ${vscode.l10n.t('Ln {0}, Col {1}', finding.line, finding.column)}`;
        tree.tooltip = `${finding.path}:${finding.line}:${finding.column} — ${finding.ruleId}\n${finding.message}`;
        tree.iconPath = new vscode.ThemeIcon(finding.severity === 'error' ? 'error' : finding.severity === 'warning' ? 'warning' : 'info');
        tree.contextValue = 'lashing.finding';
        if (uri) {
          const selection = new vscode.Range(finding.line - 1, finding.column - 1, finding.endLine - 1, finding.endColumn - 1);
          tree.command = { title: vscode.l10n.t('Open'), command: 'vscode.open', arguments: [uri, { selection, preview: true } satisfies vscode.TextDocumentShowOptions] };
        }
        return tree;
      }
      case 'evidence': {
        const evidence = node.evidence;
        const uri = this.resolveUri(evidence.path, evidence.uri);
        const tree = new vscode.TreeItem(vscode.l10n.t('Evidence: {0}', evidence.what), vscode.TreeItemCollapsibleState.None);
        tree.id = `evidence:${node.item.id}:${evidence.path}:${evidence.line}:${evidence.what}`;
        tree.description = `${evidence.path}:${evidence.line}`;
        tree.iconPath = new vscode.ThemeIcon('link');
        tree.contextValue = 'lashing.evidence';
        if (uri) {
          const selection = new vscode.Range(evidence.line - 1, 0, evidence.line - 1, 0);
          tree.command = { title: vscode.l10n.t('Open'), command: 'vscode.open', arguments: [uri, { selection, preview: true } satisfies vscode.TextDocumentShowOptions] };
        }
        return tree;
      }
      case 'attestation': {
        const attestation = node.item.attestation;
        const tree = new vscode.TreeItem(vscode.l10n.t('Attested: {0}', attestation?.reason ?? ''), vscode.TreeItemCollapsibleState.None);
        tree.id = `attestation:${node.item.id}`;
        tree.description = [attestation?.by, attestation?.date].filter(Boolean).join(', ');
        tree.iconPath = new vscode.ThemeIcon('verified');
        tree.contextValue = 'lashing.attestation';
        tree.command = { title: vscode.l10n.t('Open .lashing.yaml'), command: 'lashing.openConfig', arguments: [node.item.id] };
        return tree;
      }
      case 'rules': {
        const count = node.item.rules.length;
        const tree = new vscode.TreeItem(count === 1 ? vscode.l10n.t('Checked by 1 rule') : vscode.l10n.t('Checked by {0} rules', count), vscode.TreeItemCollapsibleState.Collapsed);
        tree.id = `rules:${node.item.id}`;
        tree.iconPath = new vscode.ThemeIcon('law');
        tree.contextValue = 'lashing.rules';
        return tree;
      }
      case 'rule': {
        const tree = new vscode.TreeItem(node.ruleId, vscode.TreeItemCollapsibleState.None);
        tree.id = `rule:${node.item.id}:${node.ruleId}`;
        tree.iconPath = new vscode.ThemeIcon('book');
        tree.tooltip = vscode.l10n.t('Explain {0}', node.ruleId);
        tree.contextValue = 'lashing.rule';
        tree.command = { title: vscode.l10n.t('Explain Rule'), command: 'lashing.explainRule', arguments: [node.ruleId] };
        return tree;
      }
    }
  }

  getParent(node: ChecklistNode): ChecklistNode | undefined {
    const report = this.report;
    if (!report) return undefined;
    const itemNode = (item: ChecklistItem): ChecklistNode => ({ type: 'item', item });
    switch (node.type) {
      case 'list':
        return undefined;
      case 'section':
        return { type: 'list', list: node.list };
      case 'item': {
        for (const list of report.lists) for (const section of list.sections) if (section.items.includes(node.item)) return { type: 'section', list, section };
        return undefined;
      }
      case 'finding': {
        const group = groupByFile(node.item.findings).find((entry) => entry.path === node.finding.path);
        return group ? { type: 'file', item: node.item, ...group } : itemNode(node.item);
      }
      case 'rule':
        return { type: 'rules', item: node.item };
      default:
        return itemNode(node.item);
    }
  }

  /** The item node of a checklist item ID, for `reveal`. */
  itemNode(id: string): ChecklistNode | undefined {
    for (const list of this.report?.lists ?? []) for (const section of list.sections) for (const item of section.items) if (item.id === id) return { type: 'item', item };
    return undefined;
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}
