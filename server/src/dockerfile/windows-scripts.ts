// PowerShell and cmd text of RUN instructions, for the few rules that look inside Windows images.
//
// The POSIX shell tokenizer does not apply to `SHELL ["powershell", …]` / `SHELL ["cmd", …]` RUNs,
// nor to the code string of `powershell -Command "…"` written in a RUN parsed as POSIX (a Windows
// image without SHELL, whose RUNs the model reads as shell text). This module finds those texts
// and splits them into pipelines of commands of words, with offsets into the RUN's script text so
// that ranges map back to the document. It is a deliberately small scanner (quotes, parentheses,
// statement separators, pipes): enough to find a command and its arguments, linear in the text.

import type { DockerfileModel, RunScript } from './model';
import { commandSites } from './packages';
import type { ShellWord } from '../engine/shell';

export type WindowsLanguage = 'powershell' | 'cmd';

export interface WindowsSegment {
  run: RunScript;
  language: WindowsLanguage;
  /** Offsets of the text in `run.script.source.text`. */
  start: number;
  end: number;
}

export interface WindowsWord {
  /** The word without enclosing quotes. */
  value: string;
  raw: string;
  /** Offsets in `run.script.source.text`. */
  start: number;
  end: number;
}

export interface WindowsCommand {
  words: WindowsWord[];
  /** The command's text (offsets as for words). */
  start: number;
  end: number;
}

/** Commands joined by `|`, in order. */
export type WindowsPipeline = WindowsCommand[];

const POWERSHELL = /^(?:powershell|pwsh)(?:\.exe)?$/i;
const POWERSHELL_PROGRAM = /^(?:powershell|pwsh)$/;
const CMD = /^cmd(?:\.exe)?$/i;
const COMMAND_OPTION = /^-(?:c|command)$/i;
/** PowerShell options that take a value (so the value is not the command). */
const POWERSHELL_OPTION_WITH_VALUE = /^-(?:ExecutionPolicy|ep|ex|InputFormat|if|OutputFormat|of|WindowStyle|w|Version|v|ConfigurationName|config|WorkingDirectory|wd|SettingsFile|PSConsoleFile)$/i;
const MAX_NESTING = 2;

const cache = new WeakMap<DockerfileModel, WindowsSegment[]>();

function basename(value: string): string {
  const normalized = value.replace(/\\/g, '/');
  return normalized.slice(normalized.lastIndexOf('/') + 1);
}

/** The PowerShell and cmd texts of the Dockerfile's RUN instructions (cached per model). */
export function windowsSegments(model: DockerfileModel): WindowsSegment[] {
  const cached = cache.get(model);
  if (cached) return cached;
  const segments: WindowsSegment[] = [];
  for (const run of model.runScripts) {
    if (run.isPosixShell) continue;
    const program = basename(run.shell[0] ?? '');
    const language: WindowsLanguage | undefined = POWERSHELL.test(program) ? 'powershell' : CMD.test(program) ? 'cmd' : undefined;
    if (!language) continue;
    addWithNested(segments, { run, language, start: 0, end: run.script.source.text.length }, 0);
  }
  // `powershell -Command "…"` in RUNs read as POSIX shell (Windows images without SHELL, or a
  // Linux image with pwsh): the code words are PowerShell.
  for (const site of commandSites(model)) {
    if (!POWERSHELL.test(site.program)) continue;
    const code = powershellCode(site.args);
    if (code) addWithNested(segments, { run: site.run, language: 'powershell', start: code.start, end: code.end }, 1);
  }
  cache.set(model, segments);
  return segments;
}

function addWithNested(segments: WindowsSegment[], segment: WindowsSegment, depth: number): void {
  segments.push(segment);
  if (depth >= MAX_NESTING) return;
  for (const pipeline of windowsPipelines(segment)) {
    for (const command of pipeline) {
      if (!POWERSHELL_PROGRAM.test(windowsProgram(command))) continue;
      const code = powershellCode(command.words.slice(1));
      if (code) addWithNested(segments, { run: segment.run, language: 'powershell', start: code.start, end: code.end }, depth + 1);
    }
  }
}

/** The span of the code given to `powershell` on its command line (`-Command CODE…`, or the first operand), without enclosing quotes. */
function powershellCode(args: ReadonlyArray<Pick<ShellWord, 'value' | 'raw' | 'start' | 'end'>>): { start: number; end: number } | undefined {
  let first = -1;
  for (let i = 0; i < args.length; i++) {
    const value = args[i].value;
    if (COMMAND_OPTION.test(value)) {
      first = i + 1;
      break;
    }
    if (/^-(?:f|file|EncodedCommand|e|ec)$/i.test(value)) return undefined;
    if (value.startsWith('-')) {
      if (POWERSHELL_OPTION_WITH_VALUE.test(value)) i++;
      continue;
    }
    first = i;
    break;
  }
  if (first < 0 || first >= args.length) return undefined;
  const last = args.length - 1;
  let start = args[first].start;
  let end = args[last].end;
  if (first === last) {
    const raw = args[first].raw;
    const quote = raw[0];
    if ((quote === '"' || quote === "'") && raw.length >= 2 && raw[raw.length - 1] === quote) {
      start++;
      end--;
    }
  }
  return end > start ? { start, end } : undefined;
}

/**
 * Splits a segment into pipelines of commands. PowerShell: statements end at `;`, a line end,
 * `{`, `}`, `&&`, `||`; quotes are '…' and "…" (backtick escapes); parentheses group. cmd:
 * commands end at `&`, `&&`, `||`, a line end, `(`, `)`; quotes are "…" (caret escapes).
 */
export function windowsPipelines(segment: WindowsSegment): WindowsPipeline[] {
  const text = segment.run.script.source.text;
  const powershell = segment.language === 'powershell';
  const pipelines: WindowsPipeline[] = [];
  let pipeline: WindowsPipeline = [];
  let words: WindowsWord[] = [];
  let commandStart = -1;
  let wordStart = -1;
  let depth = 0;
  let quote = '';

  const endWord = (at: number): void => {
    if (wordStart < 0) return;
    const raw = text.slice(wordStart, at);
    words.push({ value: unquote(raw), raw, start: wordStart, end: at });
    wordStart = -1;
  };
  const endCommand = (at: number): void => {
    endWord(at);
    if (words.length > 0) pipeline.push({ words, start: commandStart, end: at });
    words = [];
    commandStart = -1;
  };
  const endPipeline = (at: number): void => {
    endCommand(at);
    if (pipeline.length > 0) pipelines.push(pipeline);
    pipeline = [];
  };

  for (let i = segment.start; i < segment.end; i++) {
    const c = text[i];
    if (quote) {
      if (powershell && c === '`') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || (powershell && c === "'")) {
      if (wordStart < 0) wordStart = i;
      if (commandStart < 0) commandStart = i;
      quote = c;
      continue;
    }
    if ((powershell && c === '`') || (!powershell && c === '^')) {
      if (wordStart < 0) wordStart = i;
      if (commandStart < 0) commandStart = i;
      i++;
      continue;
    }
    if (powershell && (c === '(' || c === ')')) {
      if (c === '(') depth++;
      else if (depth > 0) depth--;
      if (wordStart < 0) wordStart = i;
      if (commandStart < 0) commandStart = i;
      continue;
    }
    if (depth > 0) continue;
    if (c === '|') {
      if (text[i + 1] === '|') {
        endPipeline(i);
        i++;
      } else endCommand(i);
      continue;
    }
    if (c === '\n' || c === '\r' || (powershell ? c === ';' || c === '{' || c === '}' || (c === '&' && text[i + 1] === '&') : c === '&' || c === '(' || c === ')')) {
      endPipeline(i);
      if (c === '&' && text[i + 1] === '&') i++;
      continue;
    }
    if (c === ' ' || c === '\t') {
      endWord(i);
      continue;
    }
    if (powershell && c === '#' && wordStart < 0) {
      // A comment runs to the end of the line.
      while (i + 1 < segment.end && text[i + 1] !== '\n') i++;
      continue;
    }
    if (wordStart < 0) wordStart = i;
    if (commandStart < 0) commandStart = i;
  }
  endPipeline(segment.end);
  return pipelines;
}

function unquote(raw: string): string {
  if (raw.length >= 2 && (raw[0] === '"' || raw[0] === "'") && raw[raw.length - 1] === raw[0]) return raw.slice(1, -1);
  return raw;
}

/** The program of a command: its first word's file name, lower case, without `.exe`. */
export function windowsProgram(command: WindowsCommand): string {
  const first = command.words[0];
  if (!first) return '';
  // `@` before a cmd command only turns off its echo.
  return basename(first.value.replace(/^@/, '')).toLowerCase().replace(/\.exe$/, '');
}
