// Fix-all: applies every mechanical fix, re-analysing between passes so fixes that touch the same
// text do not collide, and returns one minimal edit (atomic for the editor).

import type { Engine, AnalysisInput } from './analyze';
import { SourceText, applyEdits } from './source';
import type { TextEdit } from './types';

const MAX_PASSES = 6;

export function fixAllText(engine: Engine, input: AnalysisInput): string {
  let text = input.text;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const result = engine.analyze({ ...input, text });
    const edits = result.findings.flatMap((finding) => finding.fixes.find((fix) => fix.mechanical && !fix.newFiles)?.edits ?? []);
    if (edits.length === 0) break;
    const next = applyEdits(new SourceText(text), edits);
    if (next === text) break;
    text = next;
  }
  return text;
}

/** The smallest single edit that turns `before` into `after`, or undefined when equal. */
export function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let prefix = 0;
  const max = Math.min(before.length, after.length);
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  const source = new SourceText(before);
  return { range: source.rangeAt(prefix, before.length - suffix), newText: after.slice(prefix, after.length - suffix) };
}

export function fixAllEdit(engine: Engine, input: AnalysisInput): TextEdit | undefined {
  return minimalEdit(input.text, fixAllText(engine, input));
}
