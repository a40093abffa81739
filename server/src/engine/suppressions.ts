// Suppression comments: Lashing's own (`# lashing-ignore <ids> -- <reason>`) and other tools'
// (hadolint, Checkov, Trivy, KICS, BuildKit), mapped to Lashing rule IDs through rule anchors.

import type { RuleMeta } from './types';
import type { SourceComment } from './language';

export interface Suppression {
  /** Lashing rule IDs, or '*' for every rule. */
  ruleIds: string[];
  /** Lines covered (inclusive); whole file when `file` is true. */
  first: number;
  last: number;
  file: boolean;
  /** Lashing's own comment (reported when it lacks a reason or suppresses nothing). */
  own: boolean;
  reason: string;
  comment: SourceComment;
  /** Offsets of the IDs in the comment, for reporting unknown IDs. */
  used: boolean;
  /** For another tool's comment, the IDs it names (normalised): it silences a finding that lists its own anchors only when one of them is named. */
  toolIds?: string[];
}

const OWN = /^\s*lashing-ignore(-file)?\b(.*)$/;
const HADOLINT = /^\s*hadolint\s+(global\s+)?ignore\s*=\s*([A-Za-z0-9_,\s-]+)/;
const CHECKOV = /^\s*checkov:skip=([A-Za-z0-9_]+)(?::\s*(.*))?/;
const TRIVY = /^\s*trivy:ignore:([A-Za-z0-9_-]+)/;
const KICS_LINE = /^\s*kics-scan\s+ignore-line\b/;
const KICS_FILE = /^\s*kics-scan\s+ignore\s*$/;
const KICS_BLOCK = /^\s*kics-scan\s+ignore-block\b/;
const BUILDKIT = /^\s*check\s*=\s*(.*)$/;

/** Normalises another tool's ID for comparison: `AVD-DS-0002`, `DS002` and `DS-0002` are equal. */
export function normalizeToolId(id: string): string {
  const upper = id.trim().toUpperCase().replace(/^AVD-/, '');
  const match = /^([A-Z_]+?)[-_]?0*(\d+)$/.exec(upper);
  if (match && !upper.startsWith('CKV')) return `${match[1]}${match[2]}`;
  return upper;
}

/** Index from other tools' IDs to the Lashing rules that anchor them. */
export class AnchorIndex {
  private readonly byToolId = new Map<string, string[]>();

  constructor(rules: ReadonlyArray<RuleMeta>) {
    for (const rule of rules) {
      const anchors = rule.anchors;
      const ids = [
        ...(anchors.hadolint ?? []),
        ...(anchors.trivy ?? []),
        ...(anchors.checkov ?? []),
        ...(anchors.buildkit ?? []),
        ...(anchors.kubeLinter ?? []),
        ...(anchors.polaris ?? []),
      ];
      for (const id of ids) {
        const key = normalizeToolId(id);
        const list = this.byToolId.get(key) ?? [];
        if (!list.includes(rule.id)) list.push(rule.id);
        this.byToolId.set(key, list);
      }
    }
  }

  lookup(toolId: string): string[] {
    return this.byToolId.get(normalizeToolId(toolId)) ?? [];
  }
}

export function parseSuppressions(
  comments: SourceComment[],
  anchors: AnchorIndex,
  scopeOf: (line: number) => { first: number; last: number },
  lineCount: number,
  options: { checkovFileWide?: boolean } = {},
): Suppression[] {
  const result: Suppression[] = [];
  const add = (comment: SourceComment, ruleIds: string[], file: boolean, own: boolean, reason: string, toolIds?: string[]): void => {
    if (ruleIds.length === 0) return;
    let first = 0;
    let last = lineCount;
    if (!file) {
      if (comment.ownLine) {
        const scope = scopeOf(comment.line + 1);
        first = scope.first;
        last = scope.last;
      } else {
        const scope = scopeOf(comment.line);
        first = Math.min(scope.first, comment.line);
        last = Math.max(scope.last, comment.line);
      }
    }
    result.push({ ruleIds, first, last, file, own, reason, comment, used: false, ...(toolIds ? { toolIds: toolIds.map(normalizeToolId) } : {}) });
  };

  for (const comment of comments) {
    const text = comment.text;
    let match = OWN.exec(text);
    if (match) {
      const rest = match[2];
      const separator = rest.indexOf('--');
      const idsText = separator >= 0 ? rest.slice(0, separator) : rest;
      const reason = separator >= 0 ? rest.slice(separator + 2).trim() : '';
      const ids = idsText.split(/[\s,]+/).filter((id) => id.length > 0);
      add(comment, ids.length > 0 ? ids : ['*'], match[1] !== undefined, true, reason);
      continue;
    }
    if ((match = HADOLINT.exec(text))) {
      const named = match[2].split(/[\s,]+/).filter(Boolean);
      add(comment, named.flatMap((id) => anchors.lookup(id)), match[1] !== undefined, false, '', named);
      continue;
    }
    if ((match = CHECKOV.exec(text))) {
      // Checkov reads a Dockerfile's skip comments wherever they stand, for the whole file.
      add(comment, anchors.lookup(match[1]), options.checkovFileWide === true, false, match[2] ?? '', [match[1]]);
      continue;
    }
    if ((match = TRIVY.exec(text))) {
      add(comment, anchors.lookup(match[1]), false, false, '', [match[1]]);
      continue;
    }
    if (KICS_LINE.test(text) || KICS_BLOCK.test(text)) {
      add(comment, ['*'], false, false, '');
      continue;
    }
    if (KICS_FILE.test(text) && comment.line === 0) {
      add(comment, ['*'], true, false, '');
      continue;
    }
    if ((match = BUILDKIT.exec(text)) && comment.ownLine) {
      const skip = /(?:^|;)\s*skip\s*=\s*([^;]*)/.exec(match[1]);
      if (skip) {
        const names = skip[1].split(',').map((name) => name.trim()).filter(Boolean);
        const ids = names.includes('all') ? [] : names.flatMap((name) => anchors.lookup(name));
        add(comment, ids, true, false, '', names);
      }
    }
  }
  return result;
}

/**
 * Finds the suppression that covers a finding, marking it used. `anchors`: the other tools' IDs of
 * this very finding, when its rule spans several of their checks (ReportInput.anchors).
 */
export function findSuppression(suppressions: Suppression[], ruleId: string, line: number, anchors?: string[]): Suppression | undefined {
  for (const suppression of suppressions) {
    if (!suppression.file && (line < suppression.first || line > suppression.last)) continue;
    if (suppression.toolIds && anchors && suppression.ruleIds.includes(ruleId)) {
      const own = anchors.map(normalizeToolId);
      if (!suppression.toolIds.some((id) => own.includes(id))) continue;
    }
    if (suppression.ruleIds.includes(ruleId) || suppression.ruleIds.includes('*')) {
      suppression.used = true;
      return suppression;
    }
  }
  return undefined;
}
