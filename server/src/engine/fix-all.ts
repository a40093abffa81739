// Fix-all: applies every mechanical fix, re-analysing between passes so fixes that touch the same
// text do not collide, and returns one minimal edit (atomic for the editor).

import { editsUnsafe, type Engine, type AnalysisInput } from './analyze';
import { SourceText, applyEdits } from './source';
import type { TextEdit } from './types';

/** Fixes that touch the same place are applied in separate passes, so allow enough of them. */
const MAX_PASSES = 24;

export function fixAllText(engine: Engine, input: AnalysisInput): string {
  let text = input.text;
  for (let pass = 0; ; pass++) {
    const result = engine.analyze({ ...input, text });
    // YAML with a syntax error (from the start, or one a fix introduced): the parser's recovery can
    // nest keys wrongly, so edits could land in the wrong map (found by fuzzing: a Compose key was
    // appended into `image:` on every pass, 24 times). Fix-all is all or nothing: nothing changes.
    if (editsUnsafe(result.model)) return input.text;
    if (pass === MAX_PASSES) {
      // Still fixing after MAX_PASSES: some fix does not remove its finding and would be applied
      // again and again. All or nothing again: the document is left as it was.
      const pending = result.findings.some((finding) => finding.fixes.some((fix) => fix.mechanical && !fix.newFiles && fix.edits.length > 0));
      return pending ? input.text : text;
    }
    const source = new SourceText(text);
    // A fix whose edits overlap or touch those of a fix already taken in this pass waits for the
    // next pass: two YAML fixes that both insert at the same place (e.g. each creating a missing
    // `securityContext:`) would otherwise produce duplicate keys. Re-analysis makes the later fix
    // merge into what the earlier one created.
    const taken: Array<[number, number]> = [];
    const edits: TextEdit[] = [];
    for (const finding of result.findings) {
      const fix = finding.fixes.find((candidate) => candidate.mechanical && !candidate.newFiles);
      if (!fix || fix.edits.length === 0) continue;
      const spans = fix.edits.map((edit): [number, number] => [source.offsetAt(edit.range.start), source.offsetAt(edit.range.end)]);
      if (spans.some(([start, end]) => taken.some(([takenStart, takenEnd]) => start <= takenEnd && takenStart <= end))) continue;
      taken.push(...spans);
      edits.push(...fix.edits);
    }
    if (edits.length === 0) break;
    const next = applyEdits(source, edits);
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
