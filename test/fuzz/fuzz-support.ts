// Shared material of the fuzz tests: the seed, the seed corpus (files in test/fuzz/corpus plus the
// fixtures of every rule test), and the invariants every analysed document must satisfy.

import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { DockerfileParser } from 'dockerfile-ast';
import { parseAllDocuments } from 'yaml';
import { createEngine } from '../../server/src/languages';
import { defaultConfig } from '../../server/src/engine/config';
import { SourceText, applyEdits } from '../../server/src/engine/source';
import { fixAllText } from '../../server/src/engine/fix-all';
import type { AnalysisResult } from '../../server/src/engine/analyze';
import type { DocumentKind, EffectiveConfig, Range, TextEdit } from '../../server/src/engine/types';
import { REPO_ROOT } from './regex-scan';

/** Fixed, so a failure reproduces; `LASHING_FUZZ_SEED` explores other inputs locally. */
export const FUZZ_SEED = Number(process.env.LASHING_FUZZ_SEED ?? 20_250_607);

export const engine = createEngine();

/** A configuration that turns every rule on (hint-level and `off`-by-default rules included). */
export const ALL_RULES_CONFIG: EffectiveConfig = (() => {
  const config = defaultConfig();
  for (const rule of engine.rules) config.rules[rule.id] = rule.defaultSeverity === 'off' ? 'hint' : rule.defaultSeverity;
  config.trustedRegistries = ['docker.io', 'ghcr.io/example', 'registry.example.com'];
  return config;
})();

export interface CorpusDocument {
  name: string;
  /** The path the engine sees (decides the kind). */
  path: string;
  kind: DocumentKind;
  text: string;
}

export const PATH_FOR: Record<DocumentKind, string> = { dockerfile: 'Dockerfile', kubernetes: 'deploy.yaml', compose: 'compose.yaml' };

function kindOfText(text: string): DocumentKind | undefined {
  if (/^FROM\s/im.test(text)) return 'dockerfile';
  if (/^services:/m.test(text)) return 'compose';
  if (/apiVersion:/.test(text) && /kind:/.test(text)) return 'kubernetes';
  return undefined;
}

function filesUnder(dir: string, suffix: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const result: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) result.push(...filesUnder(full, suffix));
    else if (entry.name.endsWith(suffix)) result.push(full);
  }
  return result.sort();
}

/** The hand-written corpus of realistic files (test/fuzz/corpus). */
export function handCorpus(): CorpusDocument[] {
  const dir = path.join(REPO_ROOT, 'test', 'fuzz', 'corpus');
  return fs
    .readdirSync(dir)
    .sort()
    .map((name) => {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      const kind: DocumentKind = name.endsWith('.Dockerfile') ? 'dockerfile' : /compose/.test(name) ? 'compose' : 'kubernetes';
      return { name: `corpus/${name}`, path: kind === 'compose' ? name : kind === 'dockerfile' ? 'Dockerfile' : name, kind, text };
    });
}

/**
 * Every multi-line string literal in the rule tests that looks like a container file, with the
 * ⟦…⟧ range markers removed: the fixtures the rule authors wrote are the best seeds for mutation.
 */
export function fixtureCorpus(): CorpusDocument[] {
  const found = new Map<string, CorpusDocument>();
  for (const file of filesUnder(path.join(REPO_ROOT, 'test', 'rules'), '.ts')) {
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node): void => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
        const text = node.text.replace(/[⟦⟧]/g, '');
        const kind = text.includes('\n') ? kindOfText(text) : undefined;
        if (kind && !found.has(text)) {
          const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
          found.set(text, { name: `${path.relative(REPO_ROOT, file)}:${line}`, path: PATH_FOR[kind], kind, text });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return [...found.values()];
}

// ---------------------------------------------------------------------------------------------
// Invariants

export interface Stats {
  documents: number;
  analyses: number;
  fixesApplied: number;
  slowestMs: number;
  slowestName: string;
}

export function newStats(): Stats {
  return { documents: 0, analyses: 0, fixesApplied: 0, slowestMs: 0, slowestName: '' };
}

/** CPU milliseconds per analysis: generous (a normal document takes a few), a hang takes far longer. */
export const TIME_BOUND_MS = 2_000;

/**
 * CPU milliseconds the process spent in `run` (all threads). CPU time, not wall time: other
 * processes on a busy machine do not inflate it, so the bound catches hangs without flaking.
 */
export function cpuTime<T>(run: () => T): { value: T; ms: number } {
  const before = process.cpuUsage();
  const value = run();
  const used = process.cpuUsage(before);
  return { value, ms: (used.user + used.system) / 1000 };
}

export function timedAnalyze(stats: Stats, name: string, filePath: string, text: string, config: EffectiveConfig = ALL_RULES_CONFIG, boundMs = TIME_BOUND_MS): AnalysisResult {
  const { value: result, ms } = cpuTime(() => engine.analyze({ path: filePath, text, config }));
  stats.analyses++;
  if (ms > stats.slowestMs) {
    stats.slowestMs = ms;
    stats.slowestName = `${name} (${text.length} chars)`;
  }
  if (ms > boundMs) throw new Error(`analysis took ${ms.toFixed(0)} ms of CPU (bound ${boundMs} ms): ${name}\n${preview(text)}`);
  return result;
}

export function preview(text: string): string {
  return JSON.stringify(text.length > 600 ? `${text.slice(0, 600)}…` : text);
}

function positionInside(source: SourceText, position: { line: number; character: number }): boolean {
  if (!Number.isInteger(position.line) || !Number.isInteger(position.character)) return false;
  if (position.line < 0 || position.line >= source.lineCount || position.character < 0) return false;
  return position.character <= source.lineEnd(position.line) - source.lineStart(position.line);
}

export function rangeProblem(source: SourceText, range: Range): string | undefined {
  if (!positionInside(source, range.start) || !positionInside(source, range.end)) return `range ${JSON.stringify(range)} outside the document (${source.lineCount} lines)`;
  if (source.offsetAt(range.start) > source.offsetAt(range.end)) return `range ${JSON.stringify(range)} ends before it starts`;
  return undefined;
}

/**
 * A measure of how broken a document is; a fix must not raise it. Undefined when it cannot be
 * measured: the `yaml` composer catches a stack overflow on deep nesting (RESOURCE_EXHAUSTION) and
 * how far it got depends on the stack left, so the same text counted different errors each time.
 */
export function parseDamage(kind: DocumentKind, text: string): number | undefined {
  if (kind === 'dockerfile') {
    // dockerfile-ast accepts anything; breakage shows as instructions with unknown keywords
    // (a broken continuation turns the next line into one) or FROM instructions lost.
    const known = new Set(['FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL']);
    const instructions = DockerfileParser.parse(text).getInstructions();
    return instructions.filter((instruction) => !known.has(instruction.getKeyword().toUpperCase())).length;
  }
  const docs = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: true, strict: false }) as unknown as Iterable<{ errors: Array<{ code: string }> }>;
  let errors = 0;
  for (const doc of docs) {
    if (doc.errors.some((error) => error.code === 'RESOURCE_EXHAUSTION')) return undefined;
    errors += doc.errors.length;
  }
  return errors;
}

/** Whether `after` parses worse than the original (whose damage is `before`). */
function damaged(kind: DocumentKind, before: number | undefined, after: string): boolean {
  if (before === undefined) return false;
  const now = parseDamage(kind, after);
  return now === undefined || now > before;
}

/** Whether a YAML model (compose, kubernetes) holds documents with syntax errors. */
export function yamlSyntaxErrors(result: AnalysisResult): boolean {
  const documents = (result.model as { documents?: Array<{ errors: unknown[] }> } | undefined)?.documents;
  return Array.isArray(documents) && documents.some((document) => document.errors.length > 0);
}

/** The document's line break style, when it has only one. */
export function lineBreaks(text: string): 'crlf' | 'lf' | 'cr' | undefined {
  const crlf = text.includes('\r\n');
  const bareLf = /(?<!\r)\n/.test(text);
  const bareCr = /\r(?!\n)/.test(text);
  if (crlf && !bareLf && !bareCr) return 'crlf';
  if (!crlf && bareLf && !bareCr) return 'lf';
  if (!crlf && !bareLf && bareCr) return 'cr';
  return undefined;
}

function keepsLineBreaks(before: string, after: string): boolean {
  const style = lineBreaks(before);
  if (style === undefined || after === before) return true;
  const now = lineBreaks(after);
  return now === style || now === undefined && !/[\r\n]/.test(after);
}

function editsProblem(source: SourceText, edits: TextEdit[]): string | undefined {
  const spans: Array<[number, number]> = [];
  for (const edit of edits) {
    const problem = rangeProblem(source, edit.range);
    if (problem) return `edit ${problem}`;
    if (typeof edit.newText !== 'string') return 'edit without text';
    spans.push([source.offsetAt(edit.range.start), source.offsetAt(edit.range.end)]);
  }
  spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (let i = 1; i < spans.length; i++) if (spans[i][0] < spans[i - 1][1]) return `overlapping edits ${JSON.stringify(spans)}`;
  return undefined;
}

export interface CheckOptions {
  /** Apply every mechanical fix one by one (costly: one re-analysis each). */
  eachFix?: boolean;
  fixAll?: boolean;
}

/**
 * The invariants: the analysis ends within the bound and without rule errors; every range is
 * inside the document; every mechanical fix has valid edits and leaves text that parses no worse
 * and analyses without errors; fix-all does too, and is idempotent.
 */
export function checkDocument(stats: Stats, name: string, filePath: string, text: string, options: CheckOptions = { eachFix: true, fixAll: true }): void {
  stats.documents++;
  const fail = (message: string): never => {
    throw new Error(`${message}\n  document ${name} at ${filePath}: ${preview(text)}`);
  };
  const result = timedAnalyze(stats, name, filePath, text);
  if (result.ruleErrors.length > 0) fail(`rule errors: ${result.ruleErrors.map((e) => `${e.ruleId}: ${e.error.split('\n').slice(0, 3).join(' ')}`).join('; ')}`);
  if (!result.kind) return;
  const source = new SourceText(text);
  for (const finding of result.findings) {
    const problem = rangeProblem(source, finding.range);
    if (problem) fail(`${finding.ruleId}: ${problem}`);
    for (const fix of finding.fixes) {
      const editProblem = editsProblem(source, fix.edits);
      if (editProblem) fail(`${finding.ruleId} fix "${fix.title}": ${editProblem}`);
    }
  }
  for (const notice of result.notices) if (notice.line < 0 || notice.line >= source.lineCount) fail(`notice on line ${notice.line} outside the document`);
  const damage = parseDamage(result.kind, text);
  if (options.eachFix) {
    for (const finding of result.findings) {
      const fix = finding.fixes.find((candidate) => candidate.mechanical);
      if (!fix) continue;
      const fixed = applyEdits(source, fix.edits);
      stats.fixesApplied++;
      if (damaged(result.kind, damage, fixed)) fail(`${finding.ruleId} fix "${fix.title}" breaks the document:\n  after: ${preview(fixed)}`);
      if (!keepsLineBreaks(text, fixed)) fail(`${finding.ruleId} fix "${fix.title}" changes the line breaks (${lineBreaks(text)}):\n  after: ${preview(fixed)}`);
      const again = timedAnalyze(stats, `${name} after ${finding.ruleId} fix`, filePath, fixed);
      if (again.ruleErrors.length > 0) fail(`${finding.ruleId} fix "${fix.title}" leads to rule errors: ${again.ruleErrors.map((e) => e.ruleId).join(', ')}\n  after: ${preview(fixed)}`);
    }
  }
  if (options.fixAll) {
    const input = { path: filePath, text, config: ALL_RULES_CONFIG };
    const { value: once, ms } = cpuTime(() => fixAllText(engine, input));
    if (ms > TIME_BOUND_MS * 5) fail(`fix-all took ${ms.toFixed(0)} ms of CPU`);
    const twice = fixAllText(engine, { ...input, text: once });
    if (twice !== once) fail(`fix-all is not idempotent:\n  once:  ${preview(once)}\n  twice: ${preview(twice)}`);
    if (once !== text && damaged(result.kind, damage, once)) fail(`fix-all breaks the document:\n  after: ${preview(once)}`);
    if (!keepsLineBreaks(text, once)) fail(`fix-all changes the line breaks (${lineBreaks(text)}):\n  after: ${preview(once)}`);
    const after = timedAnalyze(stats, `${name} after fix-all`, filePath, once);
    if (after.ruleErrors.length > 0) fail(`fix-all leads to rule errors: ${after.ruleErrors.map((e) => e.ruleId).join(', ')}`);
    // Fix-all reaches a fixed point: no mechanical fix is left, unless it refused the document
    // (syntax errors) and returned it unchanged.
    if (!yamlSyntaxErrors(result)) {
      const left = after.findings.filter((finding) => finding.fixes.some((fix) => fix.mechanical && !fix.newFiles && fix.edits.length > 0));
      if (left.length > 0) fail(`fix-all does not converge: ${left.map((f) => `${f.ruleId} "${f.fixes[0].title}" ${JSON.stringify(f.fixes[0].edits)}`).join('; ')}\n  after: ${preview(once)}`);
    }
  }
}
