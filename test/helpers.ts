// Test helpers: fixtures with the expected finding ranges marked inline as ⟦…⟧.

import assert from 'node:assert/strict';
import { createEngine } from '../server/src/languages';
import type { AnalysisInput } from '../server/src/engine/analyze';
import { mergeConfig, type ConfigLayer } from '../server/src/engine/config';
import { SourceText, applyEdits } from '../server/src/engine/source';
import { fixAllText } from '../server/src/engine/fix-all';
import type { Finding, Range, WorkspaceContext } from '../server/src/engine/types';

export const engine = createEngine();

const OPEN = '⟦';
const CLOSE = '⟧';

/** Removes ⟦ ⟧ markers and returns the clean text and the marked ranges. */
export function parseMarkers(marked: string): { text: string; ranges: Range[] } {
  let text = '';
  const ranges: Range[] = [];
  const openStack: number[] = [];
  const spans: Array<[number, number]> = [];
  for (const char of marked) {
    if (char === OPEN) openStack.push(text.length);
    else if (char === CLOSE) spans.push([openStack.pop() ?? 0, text.length]);
    else text += char;
  }
  const source = new SourceText(text);
  for (const [start, end] of spans.sort((a, b) => a[0] - b[0] || a[1] - b[1])) ranges.push(source.rangeAt(start, end));
  return { text, ranges };
}

export interface FixtureOptions {
  config?: ConfigLayer;
  workspace?: WorkspaceContext;
}

export function analyze(path: string, text: string, options: FixtureOptions = {}): Finding[] {
  const input: AnalysisInput = { path, text, config: mergeConfig(options.config), workspace: options.workspace };
  const result = engine.analyze(input);
  assert.deepEqual(result.ruleErrors, [], 'no rule may throw');
  return result.findings;
}

export function findingsOf(ruleId: string, path: string, text: string, options: FixtureOptions = {}): Finding[] {
  return analyze(path, text, options).filter((finding) => finding.ruleId === ruleId);
}

function describeRange(range: Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

/**
 * Asserts that `ruleId` reports exactly at the marked ranges (none when nothing is marked).
 * Other rules' findings are ignored.
 */
export function expectFindings(ruleId: string, path: string, marked: string, options: FixtureOptions = {}): Finding[] {
  const { text, ranges } = parseMarkers(marked);
  const findings = findingsOf(ruleId, path, text, options);
  const actual = findings.map((finding) => describeRange(finding.range)).sort();
  const expected = ranges.map(describeRange).sort();
  assert.deepEqual(actual, expected, `${ruleId} findings in:\n${text}\nmessages: ${findings.map((f) => f.message).join(' | ')}`);
  return findings;
}

/**
 * Applies the fix titled `title` (or the first mechanical fix) of the rule's first finding and
 * asserts the result; checks the finding is gone and the text still parses.
 */
export function applyFix(ruleId: string, path: string, text: string, options: FixtureOptions & { title?: string | RegExp } = {}): string {
  const findings = findingsOf(ruleId, path, text, options);
  assert.ok(findings.length > 0, `${ruleId} should report before its fix`);
  const finding = findings[0];
  const fix = finding.fixes.find((candidate) =>
    options.title === undefined ? candidate.mechanical : typeof options.title === 'string' ? candidate.title === options.title : options.title.test(candidate.title),
  );
  assert.ok(fix, `${ruleId}: no fix ${String(options.title ?? '(mechanical)')} among ${finding.fixes.map((f) => f.title).join(', ')}`);
  return applyEdits(new SourceText(text), fix.edits);
}

/**
 * The round trip every mechanical fix must pass: after applying it the finding is gone (at that
 * place), the document still parses without rule errors, and fix-all is idempotent.
 */
export function assertFixRoundTrip(ruleId: string, path: string, text: string, expected: string, options: FixtureOptions & { title?: string | RegExp } = {}): void {
  const before = findingsOf(ruleId, path, text, options);
  const fixed = applyFix(ruleId, path, text, options);
  assert.equal(fixed, expected);
  const after = findingsOf(ruleId, path, fixed, options);
  assert.ok(after.length < before.length, `${ruleId} should report less after its fix:\n${fixed}`);
  const input = { path, text, config: mergeConfig(options.config), workspace: options.workspace };
  const once = fixAllText(engine, input);
  const twice = fixAllText(engine, { ...input, text: once });
  assert.equal(twice, once, 'fix-all applied twice changes nothing the second time');
  const result = engine.analyze({ ...input, text: once });
  assert.deepEqual(result.ruleErrors, []);
}

/** A small deterministic PRNG (mulberry32): random test inputs that a failure can reproduce. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export { assert };
