// Helpers shared by Dockerfile rules: ranges of shell words, edits that keep formatting.

import type { Range, TextEdit } from '../engine/types';
import type { MappedText, ShellCommand, ShellWord } from '../engine/shell';
import { commandArgs, programName } from '../engine/shell';
import type { DockerfileModel, DockerInstruction, RunScript, Stage } from './model';
import { stageAncestry } from './model';

/** Document range of a span of mapped text. */
export function mappedRange(model: DockerfileModel, mapped: MappedText, start: number, end: number): Range {
  const [from, to] = mapped.documentSpan(start, end);
  return model.source.rangeAt(from, to);
}

export function wordRange(model: DockerfileModel, run: RunScript, word: ShellWord): Range {
  return mappedRange(model, run.script.source, word.start, word.end);
}

/**
 * Removes a word and the blanks after it (or before it, at the end of a line), leaving the
 * rest of the instruction, its continuations and comments as they were.
 */
export function removeWordEdit(model: DockerfileModel, run: RunScript, word: ShellWord): TextEdit {
  const text = model.source.text;
  let [start, end] = run.script.source.documentSpan(word.start, word.end);
  let after = end;
  while (after < text.length && (text[after] === ' ' || text[after] === '\t')) after++;
  if (after > end && after < text.length && text[after] !== '\n' && text[after] !== '\r') {
    end = after;
  } else {
    let before = start;
    while (before > 0 && (text[before - 1] === ' ' || text[before - 1] === '\t')) before--;
    if (before > 0 && text[before - 1] !== '\n') start = before;
  }
  return { range: model.source.rangeAt(start, end), newText: '' };
}

/** Replaces a word's text in the document. */
export function replaceWordEdit(model: DockerfileModel, run: RunScript, word: ShellWord, newText: string): TextEdit {
  return { range: wordRange(model, run, word), newText };
}

/** Every command of every POSIX-shell RUN script (ONBUILD triggers included), with its script. */
export function* shellCommands(model: DockerfileModel, stage?: Stage): Generator<{ run: RunScript; command: ShellCommand; program: string; args: ShellWord[] }> {
  for (const run of model.runScripts) {
    if (!run.isPosixShell) continue;
    if (stage && run.instruction.stage !== stage) continue;
    for (const command of run.script.commands) {
      yield { run, command, program: programName(command), args: commandArgs(command) };
    }
  }
}

/** Instructions of a stage and of the stages it builds on (for the final image's content). */
export function inheritedInstructions(stage: Stage): DockerInstruction[] {
  return stageAncestry(stage).reverse().flatMap((s) => s.instructions);
}

/** Whether an option like `-k` is among short-option clusters (`-sSkL`) or given long (`--insecure`). */
export function hasOption(args: ShellWord[], short: string | undefined, long: string[]): ShellWord | undefined {
  for (const word of args) {
    const value = word.value;
    if (value === '--') break;
    if (long.some((option) => value === option || value.startsWith(option + '='))) return word;
    if (short && /^-[A-Za-z0-9]+$/.test(value) && !value.startsWith('--') && value.slice(1).includes(short)) return word;
  }
  return undefined;
}

/** The range of an instruction's keyword, the usual anchor for instruction-level findings. */
export function keywordRange(instruction: DockerInstruction): Range {
  return instruction.keywordRange;
}

/** The whole first line of an instruction (for "missing" findings anchored at `FROM`). */
export function firstLineRange(model: DockerfileModel, instruction: DockerInstruction): Range {
  const line = instruction.range.start.line;
  return { start: instruction.range.start, end: { line, character: model.source.lineEnd(line) - model.source.lineStart(line) } };
}

/** Inserts whole lines before the given line, with the file's line breaks. */
export function insertLinesBefore(model: DockerfileModel, line: number, lines: string[]): TextEdit {
  const eol = model.source.eol;
  const position = { line, character: 0 };
  return { range: { start: position, end: position }, newText: lines.map((l) => l + eol).join('') };
}

/** Inserts whole lines after the end of an instruction. */
export function insertLinesAfter(model: DockerfileModel, instruction: DockerInstruction, lines: string[]): TextEdit {
  const eol = model.source.eol;
  const endLine = instruction.range.end.line;
  const end = model.source.lineEnd(endLine);
  const position = model.source.positionAt(end);
  return { range: { start: position, end: position }, newText: lines.map((l) => eol + l).join('') };
}
