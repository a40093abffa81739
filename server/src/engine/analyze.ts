// The engine's entry point: text in, findings out. Pure and editor-agnostic.

import type { DocumentKind, EffectiveConfig, Finding, Range, Rule, RuleMeta, Severity, WorkspaceContext } from './types';
import type { DocumentUnit, LanguageSupport, Notice, ParsedDocument, PerDocumentSupport } from './language';
import { AnchorIndex, findSuppression, parseSuppressions, type Suppression } from './suppressions';
import { defaultConfig } from './config';
import { suppressionRules } from './suppression-rules';

export interface AnalysisInput {
  path: string;
  text: string;
  config?: EffectiveConfig;
  workspace?: WorkspaceContext;
  /** Forces a kind; otherwise detected from path and content. */
  kind?: DocumentKind;
}

export interface AnalysisResult {
  kind: DocumentKind | undefined;
  findings: Finding[];
  /** Findings silenced by a suppression, with its reason (for reports). */
  suppressed: Array<{ finding: Finding; reason: string }>;
  notices: Notice[];
  /** Internal errors of single rules (the other rules still ran). */
  ruleErrors: Array<{ ruleId: string; error: string }>;
  model?: ParsedDocument;
}

export const NO_WORKSPACE: WorkspaceContext = { fileExists: () => false };

export class Engine {
  private readonly languages = new Map<DocumentKind, LanguageSupport<ParsedDocument>>();
  private readonly anchorIndexes = new Map<DocumentKind, AnchorIndex>();
  readonly rules: RuleMeta[] = [];
  private readonly ruleIds = new Set<string>();

  constructor(
    languages: Array<LanguageSupport<ParsedDocument>>,
    private readonly detect: (path: string, text: string) => DocumentKind | undefined,
  ) {
    for (const language of languages) {
      this.languages.set(language.kind, language);
      this.anchorIndexes.set(language.kind, new AnchorIndex(language.rules));
      for (const rule of [...language.rules, ...suppressionRules(language.kind)]) {
        if (this.ruleIds.has(rule.id)) throw new Error(`Duplicate rule ID ${rule.id}`);
        this.ruleIds.add(rule.id);
        this.rules.push(rule);
      }
    }
  }

  get knownRuleIds(): ReadonlySet<string> {
    return this.ruleIds;
  }

  rule(id: string): RuleMeta | undefined {
    return this.rules.find((rule) => rule.id === id);
  }

  detectKind(path: string, text: string): DocumentKind | undefined {
    return this.detect(path, text);
  }

  /**
   * Parses a document of a known kind (for callers that keep the model, e.g. hover). `previous`,
   * the model of the same file's previous version, lets unchanged parts be reused (the language
   * server passes it on every edit); it must not be used afterwards.
   */
  parse(kind: DocumentKind, text: string, path: string, previous?: ParsedDocument): ParsedDocument | undefined {
    return this.languages.get(kind)?.parse(text, path, previous?.kind === kind ? previous : undefined);
  }

  analyze(input: AnalysisInput): AnalysisResult {
    const kind = input.kind ?? this.detect(input.path, input.text);
    const empty: AnalysisResult = { kind, findings: [], suppressed: [], notices: [], ruleErrors: [] };
    if (!kind) return empty;
    const language = this.languages.get(kind);
    if (!language) return empty;
    const model = language.parse(input.text, input.path);
    return this.analyzeModel(language, model, input);
  }

  /** Analyses a model from `parse` (so a host that also indexes the model parses only once). */
  analyzeParsed(model: ParsedDocument, input: AnalysisInput): AnalysisResult {
    const language = this.languages.get(model.kind);
    if (!language) return { kind: model.kind, findings: [], suppressed: [], notices: [], ruleErrors: [] };
    return this.analyzeModel(language, model, input);
  }

  analyzeModel(language: LanguageSupport<ParsedDocument>, model: ParsedDocument, input: AnalysisInput): AnalysisResult {
    const config = input.config ?? defaultConfig();
    const workspace = input.workspace ?? NO_WORKSPACE;
    const raw: Finding[] = [];
    const ruleErrors: AnalysisResult['ruleErrors'] = [];
    const run = (rules: ReadonlyArray<AnyRule>, target: ParsedDocument, into: Finding[]): number => {
      let errors = 0;
      for (const rule of rules) {
        const severity = severityFor(rule, config);
        if (severity === 'off') continue;
        try {
          rule.check(target, {
            config,
            workspace,
            path: input.path,
            report: (finding) => {
              into.push({
                ruleId: rule.id,
                severity: config.rules[rule.id] !== undefined ? (severity as Severity) : finding.severity ?? (severity as Severity),
                message: finding.message,
                range: finding.range,
                fixes: finding.fixes ?? [],
                ...(finding.anchors ? { anchors: finding.anchors } : {}),
              });
            },
          });
        } catch (error) {
          errors++;
          ruleErrors.push({ ruleId: rule.id, error: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) });
        }
      }
      return errors;
    };
    const perDocument = language.perDocument;
    if (!perDocument) {
      run(language.rules, model, raw);
    } else {
      run(
        language.rules.filter((rule) => !perDocument.ruleIds.has(rule.id)),
        model,
        raw,
      );
      this.runPerDocument(language, perDocument, model, input.path, config, raw, (rules, target, into) => run(rules, target, into));
    }
    // A YAML document with syntax errors (or lone CR line breaks, see editsUnsafe) is read by the parser's error recovery, which can nest keys
    // wrongly: an edit computed from it may land in the wrong map (found by fuzzing). Its fixes stay
    // available, but none is mechanical, so fix-all and "preferred" quick fixes leave it alone.
    const unsafe = editsUnsafe(model);
    if (unsafe) demoteFixes(raw);

    const suppressions = parseSuppressions(
      language.comments(model),
      this.anchorIndexes.get(language.kind) ?? new AnchorIndex([]),
      (line) => language.suppressionScope(model, line),
      model.source.lineCount,
      { checkovFileWide: language.kind === 'dockerfile' },
    );
    const extra = language.extraSuppressions?.(model) ?? [];
    const findings: Finding[] = [];
    const suppressed: AnalysisResult['suppressed'] = [];
    for (const finding of dedupe(raw)) {
      const line = finding.range.start.line;
      const hit = findSuppression(suppressions, finding.ruleId, line, finding.anchors);
      delete finding.anchors; // only for matching suppressions: results keep their usual shape
      if (hit) {
        suppressed.push({ finding, reason: hit.reason });
        continue;
      }
      const annotation = extra.find((entry) => entry.ruleIds.includes(finding.ruleId) && line >= entry.first && line <= entry.last);
      if (annotation) {
        suppressed.push({ finding, reason: 'annotation' });
        continue;
      }
      findings.push(finding);
    }
    // Removing an unused suppression's comment line changes how the parser recovers, too (found by fuzzing).
    const suppressionFindings = this.suppressionFindings(language.kind, suppressions, model, config);
    if (unsafe) demoteFixes(suppressionFindings);
    findings.push(...suppressionFindings);
    findings.sort(compareFindings);
    suppressed.sort((a, b) => compareFindings(a.finding, b.finding));
    return { kind: language.kind, findings, suppressed, notices: language.notices?.(model) ?? [], ruleErrors, model };
  }

  /**
   * Runs the per-document rules of a multi-document file only on documents that are new in this
   * version. A document the incremental parser reused is the same object, moved by whole lines with
   * its text unchanged; when the inputs a per-document rule may read besides the document (path,
   * config, the file-wide edit style and line break) are also unchanged, its findings are the cached
   * ones moved by the document's line delta. Cached findings are never handed out (callers and the
   * engine modify findings), only copies.
   */
  private runPerDocument(
    language: LanguageSupport<ParsedDocument>,
    perDocument: PerDocumentSupport<ParsedDocument>,
    model: ParsedDocument,
    path: string,
    config: EffectiveConfig,
    raw: Finding[],
    run: (rules: ReadonlyArray<AnyRule>, target: ParsedDocument, into: Finding[]) => number,
  ): void {
    const rules = language.rules.filter((rule) => perDocument.ruleIds.has(rule.id));
    if (rules.length === 0) return;
    const documents = perDocument.documents(model);
    const key = `${language.kind}\0${path}\0${configKey(config)}\0${perDocument.fileKey(model)}`;
    const fresh: DocumentUnit[] = [];
    for (const document of documents) {
      const entry = documentFindings.get(document);
      if (entry && entry.key === key) {
        const delta = model.source.positionAt(document.range[0]).line - entry.startLine;
        for (const finding of entry.findings) raw.push(shiftFinding(finding, delta));
      } else {
        fresh.push(document);
      }
    }
    if (fresh.length === 0) return;
    const collected: Finding[] = [];
    const target = fresh.length === documents.length ? model : perDocument.restrict(model, new Set(fresh));
    const errors = run(rules, target, collected);
    for (const finding of collected) raw.push(shiftFinding(finding, 0));
    if (errors > 0) return; // A rule failed: cache nothing, so the next version runs the rules again.

    // Attribute each finding to the document whose lines hold all its positions; a document with a
    // finding that reaches outside its lines (or that cannot be attributed) is not cached.
    const spans = fresh.map((document) => ({
      document,
      first: model.source.positionAt(document.range[0]).line,
      last: model.source.positionAt(Math.max(document.range[0], document.range[1] - 1)).line,
      findings: [] as Finding[],
      cacheable: true,
    }));
    spans.sort((a, b) => a.first - b.first);
    // Documents sharing a line cannot be told apart by lines: cache neither.
    for (let i = 1; i < spans.length; i++) {
      if (spans[i].first <= spans[i - 1].last) spans[i].cacheable = spans[i - 1].cacheable = false;
    }
    for (const finding of collected) {
      const line = finding.range.start.line;
      let low = 0;
      let high = spans.length - 1;
      let found = -1;
      while (low <= high) {
        const mid = (low + high) >> 1;
        if (spans[mid].first <= line) {
          found = mid;
          low = mid + 1;
        } else high = mid - 1;
      }
      const span = found >= 0 ? spans[found] : undefined;
      if (!span || !withinLines(finding, span.first, span.last)) {
        // Not attributable: no document may be cached, as this finding could belong to any of them.
        if (span) span.cacheable = false;
        if (!span) return;
        continue;
      }
      span.findings.push(finding);
    }
    for (const span of spans) {
      if (span.cacheable) documentFindings.set(span.document, { key, startLine: span.first, findings: span.findings });
      else documentFindings.delete(span.document);
    }
  }

  private suppressionFindings(kind: DocumentKind, suppressions: Suppression[], model: ParsedDocument, config: EffectiveConfig): Finding[] {
    const [withoutReason, unused] = suppressionRules(kind);
    const result: Finding[] = [];
    for (const suppression of suppressions) {
      if (!suppression.own) continue;
      const range = model.source.rangeAt(suppression.comment.start, suppression.comment.end);
      const unknown = suppression.ruleIds.filter((id) => id !== '*' && !this.ruleIds.has(id));
      const withoutReasonSeverity = severityFor(withoutReason, config);
      if ((suppression.reason === '' || /^TODO\b/i.test(suppression.reason)) && withoutReasonSeverity !== 'off') {
        result.push({
          ruleId: withoutReason.id,
          severity: withoutReasonSeverity,
          message: 'Suppression without a reason: add `-- <why this is acceptable>` so reviewers can judge it.',
          range,
          fixes: [],
        });
      }
      const unusedSeverity = severityFor(unused, config);
      if (unusedSeverity === 'off') continue;
      if (unknown.length > 0) {
        result.push({ ruleId: unused.id, severity: unusedSeverity, message: `Unknown rule ID ${unknown.map((id) => `"${id}"`).join(', ')} in suppression.`, range, fixes: [] });
      } else if (!suppression.used) {
        result.push({
          ruleId: unused.id,
          severity: unusedSeverity,
          message: 'This suppression suppresses nothing: remove it.',
          range,
          fixes: [{ title: 'Remove the unused suppression', mechanical: true, edits: [removeCommentEdit(model, suppression)] }],
        });
      }
    }
    return result;
  }
}

/** Findings of per-document rules, by document object (see `Engine.runPerDocument`). */
const documentFindings = new WeakMap<object, { key: string; startLine: number; findings: Finding[] }>();
const configKeys = new WeakMap<EffectiveConfig, string>();

function configKey(config: EffectiveConfig): string {
  let key = configKeys.get(config);
  if (key === undefined) {
    key = JSON.stringify(config);
    configKeys.set(config, key);
  }
  return key;
}

function withinLines(finding: Finding, first: number, last: number): boolean {
  const inside = (range: Range): boolean => range.start.line >= first && range.end.line <= last && range.start.line <= range.end.line;
  if (!inside(finding.range)) return false;
  for (const fix of finding.fixes) for (const edit of fix.edits) if (!inside(edit.range)) return false;
  return true;
}

function shiftRange(range: Range, delta: number): Range {
  return { start: { line: range.start.line + delta, character: range.start.character }, end: { line: range.end.line + delta, character: range.end.character } };
}

/** A copy of a finding moved by `delta` lines (a copy even for 0: the engine and its callers modify findings). */
function shiftFinding(finding: Finding, delta: number): Finding {
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    range: shiftRange(finding.range, delta),
    fixes: finding.fixes.map((fix) => ({
      ...fix,
      edits: fix.edits.map((edit) => ({ ...edit, range: shiftRange(edit.range, delta) })),
      ...(fix.newFiles ? { newFiles: fix.newFiles.map((file) => ({ ...file })) } : {}),
    })),
    ...(finding.anchors ? { anchors: [...finding.anchors] } : {}),
  };
}

/** A total order, so the result does not depend on the order rules reported in. */
function compareFindings(a: Finding, b: Finding): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.range.end.line - b.range.end.line ||
    a.range.end.character - b.range.end.character ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

function removeCommentEdit(model: ParsedDocument, suppression: Suppression): { range: import('./types').Range; newText: string } {
  const { comment } = suppression;
  if (comment.ownLine) return { range: model.source.wholeLinesRange(comment.line, comment.line), newText: '' };
  // Trailing comment: remove it and the whitespace before it.
  let start = comment.start;
  while (start > 0 && (model.source.text[start - 1] === ' ' || model.source.text[start - 1] === '\t')) start--;
  return { range: model.source.rangeAt(start, comment.end), newText: '' };
}

export function severityFor(rule: RuleMeta, config: EffectiveConfig): Severity | 'off' {
  return config.rules[rule.id] ?? rule.defaultSeverity;
}

/**
 * One rule may not report the same message twice at the same place (e.g. a stage reached twice): the
 * findings sorted (stably, so the first reported of equal ones comes first) and repeats dropped.
 */
function dedupe(findings: Finding[]): Finding[] {
  findings.sort(compareFindings);
  return findings.filter((finding, index) => index === 0 || !sameFinding(findings[index - 1], finding));
}

function sameFinding(a: Finding, b: Finding): boolean {
  return (
    a.ruleId === b.ruleId &&
    a.message === b.message &&
    a.range.start.line === b.range.start.line &&
    a.range.start.character === b.range.start.character &&
    a.range.end.line === b.range.end.line &&
    a.range.end.character === b.range.end.character
  );
}

export type AnyRule = Rule<ParsedDocument>;

/** Keeps the findings' fixes as offers only: none is applied by fix-all or marked preferred. */
function demoteFixes(findings: Finding[]): void {
  for (const finding of findings) finding.fixes = finding.fixes.map((fix) => (fix.mechanical ? { ...fix, mechanical: false } : fix));
}

/**
 * Whether edits computed from a YAML model (Kubernetes, Compose: `documents: YamlDocument[]`) may
 * land in the wrong place: the document has syntax errors (the parser's recovery can nest keys
 * wrongly), or it uses lone `\r` line breaks, which the `yaml` lexer reads as part of a scalar
 * while editors break the line there (found by fuzzing: a fix appended after `image: x\r` left
 * a stray `\r` after the new value, a syntax error).
 */
export function editsUnsafe(model: unknown): boolean {
  const yamlModel = model as { documents?: unknown; source?: { text?: unknown } } | undefined;
  const documents = yamlModel?.documents;
  if (!Array.isArray(documents)) return false;
  if (documents.some((document: { errors?: unknown[] } | undefined) => (document?.errors?.length ?? 0) > 0)) return true;
  const text = yamlModel?.source?.text;
  return typeof text === 'string' && hasLoneCarriageReturn(text);
}

function hasLoneCarriageReturn(text: string): boolean {
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== 10) return true;
  return false;
}
