// "Suppress with a reason" quick fixes: where the comment goes and what it says.

import type { Finding, TextEdit } from './engine/types';
import type { ParsedDocument } from './engine/language';
import type { DockerfileModel } from './dockerfile/model';

export const REASON_PLACEHOLDER = 'TODO: why this is acceptable here';

export interface SuppressionVariant {
  title: string;
  edit: TextEdit;
  /** The inserted text is prefix + reason + suffix (clients that prompt for the reason use these). */
  prefix: string;
  suffix: string;
}

interface StateLike {
  model?: ParsedDocument;
  text: string;
}

function targetLine(model: ParsedDocument, line: number): number {
  if (model.kind === 'dockerfile') {
    const instruction = (model as DockerfileModel).instructions.find((i) => i.range.start.line <= line && line <= i.range.end.line);
    if (instruction) return instruction.range.start.line;
  }
  return line;
}

/** First line after Dockerfile parser directives (`# syntax=`, `# escape=`, `# check=`), which must stay first. */
function fileCommentLine(model: ParsedDocument): number {
  if (model.kind !== 'dockerfile') return 0;
  let line = 0;
  while (line < model.source.lineCount && /^\s*#\s*(?:syntax|escape|check)\s*=/i.test(model.source.lineText(line))) line++;
  return line;
}

export function suppressionEdits(state: StateLike, finding: Finding): SuppressionVariant[] {
  const model = state.model;
  if (!model) return [];
  const eol = model.source.eol;
  const line = targetLine(model, finding.range.start.line);
  const indent = model.source.indentation(line);
  const linePrefix = `${indent}# lashing-ignore ${finding.ruleId} -- `;
  const filePrefix = `# lashing-ignore-file ${finding.ruleId} -- `;
  const at = (l: number): TextEdit['range'] => ({ start: { line: l, character: 0 }, end: { line: l, character: 0 } });
  const fileLine = fileCommentLine(model);
  const variants: SuppressionVariant[] = [
    { title: `Suppress ${finding.ruleId} here (with a reason)`, edit: { range: at(line), newText: linePrefix + REASON_PLACEHOLDER + eol }, prefix: linePrefix, suffix: eol },
  ];
  if (fileLine < model.source.lineCount || fileLine === 0) {
    variants.push({ title: `Suppress ${finding.ruleId} for this file (with a reason)`, edit: { range: at(fileLine), newText: filePrefix + REASON_PLACEHOLDER + eol }, prefix: filePrefix, suffix: eol });
  }
  return variants;
}
