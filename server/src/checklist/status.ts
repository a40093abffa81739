// The practice guide's two checklists with a status per item, computed from the workspace's findings,
// the kinds of files present, evidence in the repository and the team's attestations.
// Pure and JSON-serialisable: the language server, the CLI and the VS Code view all use this one model.

import checklistData from './checklist.json';
import type { Attestation, DocumentKind, Range, RuleMeta, SeveritySetting } from '../engine/types';
import { detectEvidence, type Evidence } from './evidence';

export { detectEvidence, isEvidenceCandidate, type Evidence } from './evidence';
import { compareEvidence } from './evidence';

export type ItemStatus = 'met' | 'not-met' | 'not-applicable' | 'manual' | 'attested' | 'evidenced';

export const STATUS_LABEL: Record<ItemStatus, string> = {
  met: 'met',
  'not-met': 'not met',
  'not-applicable': 'not applicable',
  manual: 'manual',
  attested: 'attested',
  evidenced: 'evidenced',
};

/** A finding as the checklist needs it (any finding with a rule ID, a path and a zero-based range). */
export interface ChecklistFindingInput {
  /** Display path, e.g. relative to the workspace folder. */
  path: string;
  /** Optional URI (the editor uses it to open the file). */
  uri?: string;
  ruleId: string;
  message: string;
  range: Range;
  severity?: string;
}

export interface ChecklistInput {
  findings: ReadonlyArray<ChecklistFindingInput>;
  /** Kinds of container files present in the analysed set. */
  kindsPresent: ReadonlySet<DocumentKind> | ReadonlyArray<DocumentKind>;
  /** Repository files that may show a practice (CI workflows, Velero/Falco/Istio manifests, Helm charts…); see `isEvidenceCandidate`. */
  evidenceFiles?: ReadonlyArray<{ path: string; text: string; uri?: string }>;
  /** Evidence already detected (`detectEvidence`), for hosts that keep it per file instead of the texts. */
  evidence?: ReadonlyArray<Evidence>;
  attestations?: ReadonlyArray<Attestation>;
  rules: ReadonlyArray<Pick<RuleMeta, 'id' | 'kind' | 'checklist' | 'title'> & { defaultSeverity?: SeveritySetting }>;
  /**
   * Rules that did not run (turned `off` in the configuration, or inactive such as the untrusted-registry rules
   * while no trusted registry is configured). An item checked only by such rules cannot be decided by Lashing.
   */
  inactiveRules?: ReadonlyArray<string>;
}

/** A finding of an item, with one-based line and column (UTF-16), as editors and terminals show them. */
export interface ChecklistFinding {
  path: string;
  uri?: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  ruleId: string;
  message: string;
  severity?: string;
}

export interface ChecklistItem {
  id: string;
  text: string;
  status: ItemStatus;
  /** Every rule that checks the item (the Checklist column of the rule catalogue). */
  rules: string[];
  /** The kinds of files the item's rules look at. */
  kinds: DocumentKind[];
  findings: ChecklistFinding[];
  /** One sentence that explains the status. */
  note: string;
  evidence?: Array<{ path: string; uri?: string; line: number; what: string }>;
  attestation?: Attestation;
}

export interface ChecklistSection {
  number: number;
  title: string;
  items: ChecklistItem[];
}

export interface ChecklistList {
  id: string;
  title: string;
  sections: ChecklistSection[];
}

export interface ChecklistSummary {
  /** Items satisfied: met, evidenced or attested. */
  met: number;
  total: number;
  /** Items with findings (not met). */
  open: number;
  counts: Record<ItemStatus, number>;
}

export interface ChecklistReport {
  source: string;
  lists: ChecklistList[];
  summary: ChecklistSummary;
}

interface ChecklistData {
  source: string;
  lists: Array<{ id: string; title: string; sections: Array<{ number: number; title: string; items: Array<{ id: string; text: string }> }> }>;
}

const DATA = checklistData as ChecklistData;

const KIND_NAMES: Record<DocumentKind, string> = {
  dockerfile: 'Dockerfiles',
  kubernetes: 'Kubernetes manifests',
  compose: 'Compose files',
};

/** Every checklist item ID in the guide's order. */
export function checklistItemIds(): string[] {
  return DATA.lists.flatMap((list) => list.sections.flatMap((section) => section.items.map((item) => item.id)));
}

function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** `reason (by, date)`, as the checklist shows an attestation. */
export function attestationText(attestation: Attestation): string {
  const by = [attestation.by, attestation.date].filter((part) => part !== undefined && part !== '').join(', ');
  return `${attestation.reason}${by ? ` (${by})` : ''}`;
}

function comparePosition(a: ChecklistFinding, b: ChecklistFinding): number {
  return a.path.localeCompare(b.path) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId);
}

export function computeChecklist(input: ChecklistInput): ChecklistReport {
  const kindsPresent = new Set<DocumentKind>(input.kindsPresent);
  const inactive = new Set(input.inactiveRules ?? []);
  const rulesByItem = new Map<string, Array<ChecklistInput['rules'][number]>>();
  for (const rule of input.rules) {
    for (const item of rule.checklist) {
      const list = rulesByItem.get(item) ?? [];
      list.push(rule);
      rulesByItem.set(item, list);
    }
  }
  const ruleById = new Map(input.rules.map((rule) => [rule.id, rule]));
  const findingsByItem = new Map<string, ChecklistFinding[]>();
  for (const finding of input.findings) {
    const rule = ruleById.get(finding.ruleId);
    if (!rule) continue;
    const entry: ChecklistFinding = {
      path: finding.path,
      ...(finding.uri !== undefined ? { uri: finding.uri } : {}),
      line: finding.range.start.line + 1,
      column: finding.range.start.character + 1,
      endLine: finding.range.end.line + 1,
      endColumn: finding.range.end.character + 1,
      ruleId: finding.ruleId,
      message: finding.message,
      ...(finding.severity !== undefined ? { severity: finding.severity } : {}),
    };
    for (const item of rule.checklist) {
      const list = findingsByItem.get(item) ?? [];
      list.push(entry);
      findingsByItem.set(item, list);
    }
  }
  const evidenceByItem = new Map<string, Evidence[]>();
  for (const evidence of [...detectEvidence(input.evidenceFiles ?? []), ...(input.evidence ?? [])].sort(compareEvidence)) {
    const list = evidenceByItem.get(evidence.item) ?? [];
    list.push(evidence);
    evidenceByItem.set(evidence.item, list);
  }
  const attestationByItem = new Map<string, Attestation>();
  for (const attestation of input.attestations ?? []) attestationByItem.set(attestation.item.trim(), attestation);

  const counts: Record<ItemStatus, number> = { met: 0, 'not-met': 0, 'not-applicable': 0, manual: 0, attested: 0, evidenced: 0 };
  const lists: ChecklistList[] = DATA.lists.map((list) => ({
    id: list.id,
    title: list.title,
    sections: list.sections.map((section) => ({
      number: section.number,
      title: section.title,
      items: section.items.map((item) => {
        const rules = rulesByItem.get(item.id) ?? [];
        const kinds = [...new Set(rules.map((rule) => rule.kind))].sort();
        const activeRules = rules.filter((rule) => !inactive.has(rule.id) && rule.defaultSeverity !== 'off');
        const applicableRules = activeRules.filter((rule) => kindsPresent.has(rule.kind));
        const findings = (findingsByItem.get(item.id) ?? []).sort(comparePosition);
        const evidence = evidenceByItem.get(item.id);
        const attestation = attestationByItem.get(item.id);
        let status: ItemStatus;
        let note: string;
        if (findings.length > 0) {
          status = 'not-met';
          const files = new Set(findings.map((finding) => finding.path)).size;
          note = `${findings.length} finding${findings.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}`;
        } else if (applicableRules.length > 0) {
          status = 'met';
          note = `No findings from ${applicableRules.length} rule${applicableRules.length === 1 ? '' : 's'}`;
        } else if (evidence) {
          status = 'evidenced';
          note = `Shown by the repository: ${[...new Set(evidence.map((entry) => entry.what))].join('; ')}`;
        } else if (attestation) {
          status = 'attested';
          note = attestationText(attestation);
        } else if (rules.length === 0) {
          status = 'manual';
          note = 'No rule can decide it: check it yourself, then attest it';
        } else if (activeRules.length === 0) {
          status = 'manual';
          note = `The rules that check it are turned off or inactive (${rules.map((rule) => rule.id).join(', ')})`;
        } else {
          status = 'not-applicable';
          note = `No ${joinWords(kinds.map((kind) => KIND_NAMES[kind]))} in the analysed files`;
        }
        counts[status]++;
        const result: ChecklistItem = { id: item.id, text: item.text, status, rules: rules.map((rule) => rule.id).sort(), kinds, findings, note };
        if (evidence) result.evidence = evidence.map(({ path, uri, line, what }) => ({ path, ...(uri !== undefined ? { uri } : {}), line, what }));
        if (attestation) result.attestation = { ...attestation };
        return result;
      }),
    })),
  }));
  const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
  return {
    source: DATA.source,
    lists,
    summary: { met: counts.met + counts.attested + counts.evidenced, total, open: counts['not-met'], counts },
  };
}

const STATUS_MARK: Record<ItemStatus, string> = {
  met: '✓',
  'not-met': '✗',
  'not-applicable': '–',
  manual: '?',
  attested: '✓',
  evidenced: '✓',
};

export interface FormatOptions {
  /** Findings listed under a not-met item (the rest are counted). Default 5; Infinity for all. */
  findingsPerItem?: number;
}

/** The checklist as plain text for terminals (the CLI's `lashing checklist`). */
export function formatChecklistText(report: ChecklistReport, options: FormatOptions = {}): string {
  const limit = options.findingsPerItem ?? 5;
  const lines: string[] = [];
  for (const list of report.lists) {
    const items = list.sections.flatMap((section) => section.items);
    const met = items.filter((item) => item.status === 'met' || item.status === 'attested' || item.status === 'evidenced').length;
    lines.push(`${list.title} (${met} of ${items.length} met)`);
    for (const section of list.sections) {
      lines.push(`  ${section.number}. ${section.title}`);
      for (const item of section.items) {
        lines.push(`    ${STATUS_MARK[item.status]} ${item.id} ${item.text}`);
        lines.push(`        ${STATUS_LABEL[item.status]}: ${item.note}`);
        if (item.rules.length > 0) lines.push(`        rules: ${item.rules.join(', ')}`);
        for (const finding of item.findings.slice(0, limit)) {
          lines.push(`        ${finding.path}:${finding.line}:${finding.column} ${finding.ruleId} ${finding.message}`);
        }
        if (item.findings.length > limit) lines.push(`        … and ${item.findings.length - limit} more`);
        for (const evidence of item.evidence ?? []) lines.push(`        evidence: ${evidence.what} (${evidence.path}:${evidence.line})`);
        if (item.attestation && item.status !== 'attested') lines.push(`        attestation: ${attestationText(item.attestation)}`);
      }
    }
    lines.push('');
  }
  const c = report.summary.counts;
  lines.push(
    `${report.summary.met} of ${report.summary.total} met (${c.met} by analysis, ${c.evidenced} evidenced, ${c.attested} attested) · ${c['not-met']} not met · ${c['not-applicable']} not applicable · ${c.manual} manual`,
  );
  return lines.join('\n') + '\n';
}
