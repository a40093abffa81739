// The Dockerfile model: parsed once per document version and shared by every Dockerfile rule.

import { Argument, DockerfileParser, type Dockerfile, type Instruction, type From, type Flag } from 'dockerfile-ast';
import { SourceText } from '../engine/source';
import type { Range } from '../engine/types';
import { MappedText, MappedTextBuilder, findProgramIndex, parseShell, type ShellScript, type ShellWord } from '../engine/shell';
import { parseImageReference, type ImageReference } from '../engine/image';

export interface DockerFlag {
  name: string;
  value: string | null;
  /** The whole `--name=value`. */
  range: Range;
  nameRange: Range;
  valueRange: Range | null;
}

export interface DockerInstruction {
  /** Upper-case keyword, e.g. `RUN`. For an ONBUILD trigger, the trigger's keyword. */
  keyword: string;
  keywordRange: Range;
  /** The whole instruction, continuation lines and heredocs included. */
  range: Range;
  /** Offsets of `range`. */
  startOffset: number;
  endOffset: number;
  flags: DockerFlag[];
  /** Arguments after the flags, as dockerfile-ast splits them. */
  args: Array<{ value: string; range: Range }>;
  /** True for a trigger inside `ONBUILD` (it runs in images built FROM this one). */
  onbuild: boolean;
  stage: Stage;
  node: Instruction;
  /** Arguments text after the flags with line continuations removed, mapped to the document. */
  argumentsText: MappedText;
  /** JSON (exec) form: `["a", "b"]`. */
  isExecForm: boolean;
}

export interface StageBase {
  /** Resolved image reference (ARG defaults substituted). */
  image?: ImageReference;
  /** The image text as written. */
  imageText: string;
  imageRange: Range;
  /** A previous stage this one builds on. */
  stage?: Stage;
  scratch: boolean;
  /** The reference still has variables that could not be resolved. */
  unresolved: boolean;
  /**
   * For an unresolved reference, the earlier named stages it could name once a build argument is
   * given (`FROM binaries-$TARGETOS` → `binaries-linux`, `binaries-darwin`…); empty when none fits.
   */
  candidateStages?: Stage[];
}

export interface Stage {
  index: number;
  name?: string;
  fromInstruction: DockerInstruction;
  base: StageBase;
  instructions: DockerInstruction[];
  /** The shell RUN uses in this stage, per SHELL instructions (exec form). */
  isFinal: boolean;
}

export interface RunScript {
  instruction: DockerInstruction;
  /** Whether the text is POSIX shell (not PowerShell, not a heredoc fed to python, ...). */
  isPosixShell: boolean;
  script: ShellScript;
  /** Shell in effect (`SHELL` instruction), e.g. ['/bin/sh', '-c']. */
  shell: string[];
  /**
   * Exec (JSON) form `RUN ["apt-get", "install", "-y", "curl"]`: one command whose words are the
   * array's strings (values decoded, ranges on the strings with their quotes), run without a shell.
   * Edits inside it would break the JSON, so rules' fixes that touch it are dropped (see rule.ts).
   */
  execForm?: boolean;
}

export interface DockerfileModel {
  kind: 'dockerfile';
  source: SourceText;
  ast: Dockerfile;
  escapeChar: string;
  /** ARGs declared before the first FROM, with their defaults. */
  globalArgs: Map<string, string | undefined>;
  stages: Stage[];
  finalStage?: Stage;
  instructions: DockerInstruction[];
  /** Shell text of every RUN (and ONBUILD RUN), in document order. */
  runScripts: RunScript[];
  /** Comments (`# ...`), with their line numbers. */
  comments: Array<{ line: number; text: string; range: Range }>;
}

const SHELL_PROGRAMS = /^(?:\/(?:usr\/)?bin\/)?(?:env\s+)?(?:sh|bash|ash|dash|zsh|ksh)$/;

export function parseDockerfile(text: string): DockerfileModel {
  const source = new SourceText(text);
  const ast = DockerfileParser.parse(text);
  for (const node of ast.getInstructions()) memoizeArguments(node, source);
  const escapeChar = ast.getEscapeCharacter();
  const instructions: DockerInstruction[] = [];
  const stages: Stage[] = [];
  const globalArgs = new Map<string, string | undefined>();
  const runScripts: RunScript[] = [];
  let currentShell = ['/bin/sh', '-c'];
  let current: Stage | undefined;

  for (const node of ast.getInstructions()) {
    const keyword = node.getKeyword().toUpperCase();
    if (keyword === 'FROM') {
      const from = node as From;
      const placeholder = {} as Stage;
      const instruction = toInstruction(source, node, keyword, false, placeholder, escapeChar);
      const base = resolveBase(from, globalArgs, stages, source);
      current = placeholder;
      Object.assign(current, {
        index: stages.length,
        name: from.getBuildStage()?.toLowerCase() ?? undefined,
        fromInstruction: instruction,
        base,
        instructions: [instruction],
        isFinal: false,
      });
      stages.push(current);
      instructions.push(instruction);
      currentShell = ['/bin/sh', '-c'];
      continue;
    }
    if (!current) {
      if (keyword === 'ARG') {
        for (const arg of node.getArguments()) {
          const value = arg.getValue();
          const eq = value.indexOf('=');
          if (eq > 0) globalArgs.set(value.slice(0, eq), stripQuotes(value.slice(eq + 1)));
          else if (!globalArgs.has(value)) globalArgs.set(value, undefined);
        }
      }
      continue;
    }
    let effective: Instruction = node;
    let effectiveKeyword = keyword;
    let onbuild = false;
    if (keyword === 'ONBUILD') {
      const trigger = (node as unknown as { getTriggerInstruction(): Instruction | null }).getTriggerInstruction();
      if (!trigger) continue;
      memoizeArguments(trigger, source);
      effective = trigger;
      effectiveKeyword = trigger.getKeyword().toUpperCase();
      onbuild = true;
    }
    const instruction = toInstruction(source, effective, effectiveKeyword, onbuild, current, escapeChar);
    current.instructions.push(instruction);
    instructions.push(instruction);
    if (effectiveKeyword === 'SHELL' && !onbuild) {
      const parsed = parseJsonArray(instruction.argumentsText.text);
      if (parsed && parsed.length > 0) currentShell = parsed;
    }
    if (effectiveKeyword === 'RUN') {
      if (!instruction.isExecForm) runScripts.push(...buildRunScripts(source, instruction, currentShell, escapeChar));
      else {
        const exec = buildExecScript(instruction, currentShell);
        if (exec) runScripts.push(exec);
      }
    }
  }
  if (stages.length > 0) stages[stages.length - 1].isFinal = true;

  const comments = ast.getComments().map((comment) => {
    const range = comment.getRange();
    return { line: range.start.line, text: source.text.slice(source.offsetAt(range.start), source.offsetAt(range.end)), range };
  });

  return {
    kind: 'dockerfile',
    source,
    ast,
    escapeChar,
    globalArgs,
    stages,
    finalStage: stages[stages.length - 1],
    instructions,
    runScripts,
    comments,
  };
}

/**
 * dockerfile-ast re-tokenizes an instruction's text on every `getArguments()` call (and calls it
 * internally from `getFlags`, `getHeredocs`, `getImageRange`, `getProperties`…), which made the
 * accessors of the syntax tree cost more than parsing it. The text of a parsed version never
 * changes, so the tokens are computed once per instruction, by `tokenizeArguments` (the same
 * tokens, cheaper). Callers get fresh copies: dockerfile-ast itself modifies the returned array
 * (`shift` of flags) and ranges (FROM's image name range).
 */
function memoizeArguments(node: Instruction, source: SourceText): void {
  const target = node as unknown as { getRawArguments?: () => Argument[] };
  if (typeof target.getRawArguments !== 'function' || Object.prototype.hasOwnProperty.call(target, 'getRawArguments')) return;
  let cached: Argument[] | undefined;
  target.getRawArguments = function (): Argument[] {
    cached ??= tokenizeArguments(source, node);
    return cached.map((argument) => {
      const { start, end } = argument.getRange();
      return new Argument(argument.getValue(), { start: { line: start.line, character: start.character }, end: { line: end.line, character: end.character } });
    });
  };
}

/**
 * An instruction's arguments exactly as dockerfile-ast's `Instruction.getRawArguments` splits them
 * (the same state machine: whitespace splits, the escape character escapes the next character or
 * continues the line, `#` lines inside a continued instruction are comments), but building values
 * from slices of the text instead of one character at a time, and positions from `SourceText`
 * instead of validated `Range` objects. `test/dockerfile/arguments.test.ts` checks it against
 * dockerfile-ast on the test corpora and generated input.
 */
export function tokenizeArguments(source: SourceText, node: Instruction): Argument[] {
  const text = source.text;
  const escapeChar = (node as unknown as { escapeChar: string }).escapeChar;
  const argsStart = source.offsetAt(node.getInstructionRange().end);
  const end = Math.max(argsStart, source.offsetAt(node.getRange().end));
  const at = (index: number): string => (index < end ? text[index] : '');
  // As vscode-languageserver-textdocument's positionAt: an offset between `\r` and `\n` moves before the `\r`.
  const position = (offset: number): { line: number; character: number } => {
    const found = source.positionAt(offset);
    let character = found.character;
    while (character > 0 && (text[offset - 1] === '\r' || text[offset - 1] === '\n')) {
      character--;
      offset--;
    }
    return { line: found.line, character };
  };
  const args: Argument[] = [];
  // The value of the current argument: `value` plus the run of characters [runStart, runEnd).
  let value = '';
  let runStart = -1;
  let runEnd = -1;
  const append = (index: number): void => {
    if (runStart >= 0 && runEnd === index) {
      runEnd = index + 1;
      return;
    }
    if (runStart >= 0) value += text.slice(runStart, runEnd);
    runStart = index;
    runEnd = index + 1;
  };
  const push = (from: number, to: number): void => {
    const whole = runStart >= 0 ? value + text.slice(runStart, runEnd) : value;
    value = '';
    runStart = -1;
    args.push(new Argument(whole, { start: position(from), end: position(to) }));
  };
  let start = false;
  let comment = false;
  let found = -1;
  let escapedWhitespaceDetected = false;
  let escaping = false;
  let escapeMarker = -1;
  for (let i = argsStart; i < end; i++) {
    const char = text[i];
    if (char === ' ' || char === '\t' || char === '\r' || char === '\n') {
      if (escaping) {
        escapedWhitespaceDetected = true;
        if (char === '\r' || char === '\n') {
          escapedWhitespaceDetected = false;
          if (comment) {
            comment = false;
            start = true;
          }
        }
        continue;
      } else if (found !== -1) {
        push(found, escapeMarker === -1 ? i : escapeMarker);
        escapeMarker = -1;
        found = -1;
      }
    } else if (char === escapeChar) {
      const next = at(i + 1);
      if (next === ' ' || next === '\t') {
        for (let j = i + 2; j < end; j++) {
          const following = text[j];
          if (following === ' ' || following === '\t') continue;
          if (following === '\r' || following === '\n') {
            if (following === '\r') j++;
            comment = false;
            escaping = true;
            start = true;
            if (found !== -1) escapeMarker = i;
            i = j;
            break;
          }
          escapeMarker = i;
          if (found === -1) i = j - 1;
          break;
        }
      } else if (next === '\r' || next === '\n') {
        comment = false;
        escaping = true;
        start = true;
        if (found !== -1 && escapeMarker === -1) escapeMarker = i;
        i += next === '\r' ? 2 : 1;
      } else {
        if (escapedWhitespaceDetected && escapeMarker !== -1) {
          push(found, escapeMarker);
          found = -1;
        }
        escapeMarker = -1;
        escapedWhitespaceDetected = false;
        escaping = false;
        if (next === '') break; // the escape character ends the text
        if (next === '$') append(i); // `\$` keeps the escape character
        append(i + 1);
        if (found === -1) found = i;
        i++;
      }
    } else if (!comment) {
      if (start && char === '#') {
        comment = true;
      } else {
        if (escapedWhitespaceDetected && escapeMarker !== -1) {
          push(found, escapeMarker);
          found = -1;
        }
        escapedWhitespaceDetected = false;
        escaping = false;
        escapeMarker = -1;
        append(i);
        if (found === -1) found = i;
      }
      start = false;
    }
  }
  if (found !== -1) push(found, escapeMarker === -1 ? end : escapeMarker);
  return args;
}

function toInstruction(
  source: SourceText,
  node: Instruction,
  keyword: string,
  onbuild: boolean,
  stage: Stage,
  escapeChar: string,
): DockerInstruction {
  const range = node.getRange();
  const flagNodes: Flag[] = typeof (node as { getFlags?: unknown }).getFlags === 'function' ? (node as unknown as { getFlags(): Flag[] }).getFlags() : [];
  const flags = flagNodes.map((flag) => ({
    name: flag.getName(),
    value: flag.getValue(),
    range: flag.getRange(),
    nameRange: flag.getNameRange(),
    valueRange: flag.getValueRange(),
  }));
  const startOffset = source.offsetAt(range.start);
  const endOffset = source.offsetAt(range.end);
  let argsStart = source.offsetAt(node.getInstructionRange().end);
  if (flags.length > 0) argsStart = Math.max(argsStart, source.offsetAt(flags[flags.length - 1].range.end));
  const argumentsText = joinContinuations(source.text, argsStart, endOffset, escapeChar);
  const args = node.getArguments().map((argument) => ({ value: argument.getValue(), range: argument.getRange() }));
  const trimmed = argumentsText.text.trim();
  return {
    keyword,
    keywordRange: node.getInstructionRange(),
    range,
    startOffset,
    endOffset,
    flags,
    args: args.filter((argument) => !flags.some((flag) => source.offsetAt(argument.range.start) < source.offsetAt(flag.range.end) && source.offsetAt(argument.range.start) >= source.offsetAt(flag.range.start))),
    onbuild,
    stage,
    node,
    argumentsText,
    isExecForm: trimmed.startsWith('[') && parseJsonArray(trimmed) !== undefined,
  };
}

/**
 * Joins an instruction's lines: an escape character followed by a line break continues the line,
 * and comment lines inside a continued instruction are dropped, as the Docker builder does.
 */
export function joinContinuations(text: string, start: number, end: number, escapeChar: string): MappedText {
  const builder = new MappedTextBuilder();
  let segmentStart = start;
  let i = start;
  while (i < end) {
    const c = text[i];
    if (c === escapeChar) {
      let j = i + 1;
      while (j < end && (text[j] === ' ' || text[j] === '\t')) j++;
      if (j < end && (text[j] === '\n' || text[j] === '\r')) {
        builder.append(text, segmentStart, i);
        if (text[j] === '\r' && text[j + 1] === '\n') j++;
        j++;
        // Skip comment and empty lines that follow a continuation.
        for (;;) {
          let k = j;
          while (k < end && (text[k] === ' ' || text[k] === '\t')) k++;
          if (k < end && text[k] === '#') {
            while (k < end && text[k] !== '\n') k++;
            j = k + 1;
            continue;
          }
          if (k < end && (text[k] === '\n' || text[k] === '\r') && k > j) {
            j = k + (text[k] === '\r' && text[k + 1] === '\n' ? 2 : 1);
            continue;
          }
          break;
        }
        builder.appendSynthetic(' ', i);
        segmentStart = Math.min(j, end);
        i = segmentStart;
        continue;
      }
      i += 2;
      continue;
    }
    i++;
  }
  builder.append(text, segmentStart, end);
  return builder.build();
}

function buildRunScripts(source: SourceText, instruction: DockerInstruction, shell: string[], escapeChar: string): RunScript[] {
  const shellProgram = shell[0] ?? '';
  const posix = SHELL_PROGRAMS.test(shellProgram.replace(/\\/g, '/')) || /(?:^|\/)(?:sh|bash|ash|dash|zsh|ksh)$/.test(shellProgram);
  const heredocs = heredocsOf(instruction.node);
  if (heredocs.length === 0) {
    return [{ instruction, isPosixShell: posix, script: parseShell(instruction.argumentsText), shell }];
  }
  // The command line is the text up to the end of the first line; each heredoc body is separate text.
  const firstHeredoc = heredocs[0];
  const commandEnd = source.lineEnd(firstHeredoc.getStartRange().start.line);
  const argsStart = instruction.argumentsText.documentOffset(0);
  const commandText = joinContinuations(source.text, argsStart, Math.max(argsStart, commandEnd), escapeChar);
  const scripts: RunScript[] = [{ instruction, isPosixShell: posix, script: parseShell(commandText), shell }];
  const commandWords = commandText.text.trim();
  for (const heredoc of heredocs) {
    const content = heredoc.getContentRange();
    if (!content) continue;
    const body = MappedText.contiguous(
      source.text.slice(source.offsetAt(content.start), source.offsetAt(content.end)),
      source.offsetAt(content.start),
    );
    // `RUN <<EOF` runs the body with the shell; `RUN bash <<EOF` too; `RUN python3 <<EOF` does not.
    const feeder = commandWords.replace(/<<-?\s*["']?[A-Za-z0-9_]+["']?/g, '').trim().split(/\s+/)[0] ?? '';
    const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(body.text);
    let bodyIsShell = posix && (feeder === '' || SHELL_PROGRAMS.test(feeder) || /(?:^|\/)(?:sh|bash|ash|dash|zsh)$/.test(feeder));
    if (shebang) {
      const interpreter = shebang[1].endsWith('/env') ? shebang[2] ?? '' : shebang[1];
      bodyIsShell = /(?:^|\/)(?:sh|bash|ash|dash|zsh|ksh)$/.test(interpreter);
    }
    scripts.push({ instruction, isPosixShell: bodyIsShell, script: parseShell(body), shell });
  }
  return scripts;
}

type HeredocNode = { getName(): string; getContentRange(): Range | null; getStartRange(): Range };

/**
 * An instruction's heredocs. dockerfile-ast's `getHeredocs` throws on some malformed input (a
 * continuation followed by a lone CR, found by fuzzing): such an instruction is read as having none.
 */
export function heredocsOf(node: Instruction): HeredocNode[] {
  const target = node as unknown as { getHeredocs?: () => HeredocNode[] };
  if (typeof target.getHeredocs !== 'function') return [];
  try {
    return target.getHeredocs();
  } catch {
    return [];
  }
}

/**
 * The command of an exec-form RUN: the JSON array's strings as words, in the instruction's
 * arguments text (continuations joined), each word's raw text being the JSON string with its quotes.
 */
function buildExecScript(instruction: DockerInstruction, shell: string[]): RunScript | undefined {
  const source = instruction.argumentsText;
  const text = source.text;
  const words: ShellWord[] = [];
  let i = text.indexOf('[');
  if (i < 0) return undefined;
  i++;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ',') {
      i++;
      continue;
    }
    if (c !== '"') break;
    let j = i + 1;
    while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
    const raw = text.slice(i, j + 1);
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return undefined;
    }
    if (typeof value !== 'string') return undefined;
    words.push({ value, raw, start: i, end: Math.min(j + 1, text.length) });
    i = j + 1;
  }
  if (words.length === 0) return undefined;
  const command = { words, programIndex: findProgramIndex(words), separator: '' as const, index: 0 };
  return { instruction, isPosixShell: true, script: { source, commands: [command] }, shell, execForm: true };
}

function resolveBase(from: From, globalArgs: Map<string, string | undefined>, stages: Stage[], source: SourceText): StageBase {
  const imageRange = from.getImageRange() ?? from.getInstructionRange();
  const imageText = source.text.slice(source.offsetAt(imageRange.start), source.offsetAt(imageRange.end));
  const resolvedText = substituteVariables(imageText, globalArgs);
  const unresolved = /\$/.test(resolvedText);
  const lower = resolvedText.toLowerCase();
  const stage = stages.find((candidate) => candidate.name !== undefined && candidate.name === lower);
  if (stage) return { imageText, imageRange, stage, scratch: false, unresolved: false };
  if (lower === 'scratch') return { imageText, imageRange, scratch: true, unresolved: false };
  const candidateStages = unresolved ? stagesMatching(lower, stages) : undefined;
  return { imageText, imageRange, image: parseImageReference(resolvedText), scratch: false, unresolved, candidateStages };
}

/** The named stages a reference with unresolved variables could name (each variable matches any text). */
function stagesMatching(reference: string, stages: Stage[]): Stage[] {
  if (reference.length > 200) return [];
  const parts = reference.split(/\$\{[^}$]*\}|\$[A-Za-z_][A-Za-z0-9_]*/);
  if (parts.length < 2) return [];
  return stages.filter((stage) => stage.name !== undefined && matchesParts(parts, stage.name));
}

/** Whether `name` is `parts` joined by any text (a glob with `*` between the parts), in linear time. */
function matchesParts(parts: string[], name: string): boolean {
  const first = parts[0];
  const last = parts[parts.length - 1];
  if (name.length < first.length + last.length || !name.startsWith(first) || !name.endsWith(last)) return false;
  let at = first.length;
  const end = name.length - last.length;
  for (const middle of parts.slice(1, -1)) {
    const found = name.indexOf(middle, at);
    if (found < 0 || found + middle.length > end) return false;
    at = found + middle.length;
  }
  return true;
}

/** Substitutes `$NAME`, `${NAME}`, `${NAME:-default}`, `${NAME:+alt}` from ARG defaults. */
export function substituteVariables(text: string, variables: Map<string, string | undefined>): string {
  return text.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::?([-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g, (match, braced, operator, operand, bare) => {
    const name = (braced ?? bare) as string;
    const value = variables.get(name);
    if (operator === '-') return value !== undefined && value !== '' ? value : (operand as string);
    if (operator === '+') return value !== undefined && value !== '' ? (operand as string) : '';
    return value !== undefined ? value : match;
  });
}

/**
 * Records the `name=value` defaults an `ARG` or `ENV` instruction sets (quotes removed) in
 * `variables`, for substituteVariables further down the stage; false for other instructions.
 */
export function recordAssignments(instruction: DockerInstruction, variables: Map<string, string | undefined>): boolean {
  if (instruction.keyword !== 'ARG' && instruction.keyword !== 'ENV') return false;
  for (const argument of instruction.args) {
    const eq = argument.value.indexOf('=');
    if (eq > 0) variables.set(argument.value.slice(0, eq), stripQuotes(argument.value.slice(eq + 1)));
  }
  return true;
}

function stripQuotes(value: string): string {
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value[value.length - 1] === value[0]) return value.slice(1, -1);
  return value;
}

export function parseJsonArray(text: string): string[] | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('[')) return undefined;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    if (Array.isArray(parsed) && parsed.every((item) => typeof item === 'string')) return parsed as string[];
  } catch {
    // not JSON: shell form
  }
  return undefined;
}

/** The stage chain of a stage: itself, then the stages it builds on. */
export function stageAncestry(stage: Stage): Stage[] {
  const chain: Stage[] = [];
  let current: Stage | undefined = stage;
  while (current && !chain.includes(current)) {
    chain.push(current);
    current = current.base.stage;
  }
  return chain;
}

/** The image a stage ultimately builds on (following stage references). */
export function rootImage(stage: Stage): StageBase {
  const chain = stageAncestry(stage);
  return chain[chain.length - 1].base;
}
