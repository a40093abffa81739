// Shell structure and package-manager knowledge shared by the RUN rules:
// - every command of every POSIX RUN, including commands nested in `$(…)`, `<(…)`, backticks and
//   `sh -c '…'` strings, with words mapped to exact document ranges (computed once per model);
// - option parsing per program (short clusters, options that take a value);
// - package managers: which subcommand installs, which arguments are packages, version pinning.

import { MappedText, basename, commandArgs, parseShell, programName, type ShellCommand, type ShellScript, type ShellWord } from '../engine/shell';
import type { Range, TextEdit } from '../engine/types';
import type { DockerfileModel, DockerInstruction, RunScript, Stage } from './model';
import { mappedRange } from './helpers';

// ---------------------------------------------------------------------------------------------
// Command sites: every command, nested ones included.

export type NestingKind = 'substitution' | 'process' | 'string';

export interface CommandSite {
  /** The RUN script; for nested commands a derived script whose source maps the nested text. */
  run: RunScript;
  command: ShellCommand;
  /** Program name (basename), '' when the command has none. */
  program: string;
  /** Words after the program. */
  args: ShellWord[];
  instruction: DockerInstruction;
  stage: Stage;
  /** Document order of the command within the model (nested commands follow their host). */
  order: number;
  /** For nested commands: the command and word that hold them. */
  parent?: { site: CommandSite; word: ShellWord; kind: NestingKind };
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh']);
const MAX_DEPTH = 4;
const MAX_NESTED_SCRIPTS = 2000;
const siteCache = new WeakMap<DockerfileModel, CommandSite[]>();

/** All commands of all POSIX RUN scripts (ONBUILD triggers and heredocs included), nested ones too. */
export function commandSites(model: DockerfileModel): CommandSite[] {
  const cached = siteCache.get(model);
  if (cached) return cached;
  const sites: CommandSite[] = [];
  let order = 0;
  // Nested scripts parsed so far: bounded so that pathological input stays linear.
  let nestedBudget = MAX_NESTED_SCRIPTS;
  const visit = (run: RunScript, script: ShellScript, depth: number, parent: CommandSite['parent'], scanSubstitutions: boolean): void => {
    const scriptRun = script === run.script ? run : { ...run, script };
    for (const command of script.commands) {
      const site: CommandSite = {
        run: scriptRun,
        command,
        program: programName(command),
        args: commandArgs(command),
        instruction: run.instruction,
        stage: run.instruction.stage,
        order: order++,
        parent,
      };
      sites.push(site);
      if (depth >= MAX_DEPTH || nestedBudget <= 0) continue;
      const codeWord = shellCodeWord(site);
      for (const word of command.words) {
        if (scanSubstitutions) {
          for (const span of substitutionSpans(word.raw)) {
            if (nestedBudget-- <= 0) break;
            const nested = parseShell(subText(script.source, word.start + span.start, word.start + span.end));
            visit(run, nested, depth + 1, { site, word, kind: span.kind }, true);
          }
        }
        if (word === codeWord) {
          const inner = stringInterior(word);
          if (inner && nestedBudget-- > 0) {
            // A double-quoted string's substitutions are expanded by the outer shell (found above).
            const nested = parseShell(subText(script.source, inner.start, inner.end));
            visit(run, nested, depth + 1, { site, word, kind: 'string' }, word.raw.startsWith("'"));
          }
        }
      }
    }
  };
  for (const run of model.runScripts) {
    if (!run.isPosixShell) continue;
    visit(run, run.script, 0, undefined, true);
  }
  siteCache.set(model, sites);
  return sites;
}

/** The top-level site of a nested one (the command written in the RUN itself). */
export function rootSite(site: CommandSite): CommandSite {
  let current = site;
  while (current.parent) current = current.parent.site;
  return current;
}

/** The code argument of `sh -c CODE` / `bash -ec CODE`, if the command is a shell given a string. */
export function shellCodeWord(site: CommandSite): ShellWord | undefined {
  if (!SHELLS.has(site.program)) return undefined;
  for (let i = 0; i < site.args.length; i++) {
    const value = site.args[i].value;
    if (value === '--') return undefined;
    if (/^-[A-Za-z]*c[A-Za-z]*$/.test(value)) {
      // `-o name` options may sit between; the first operand after -c is the code.
      for (let j = i + 1; j < site.args.length; j++) {
        const next = site.args[j].value;
        if (next === '-o' || next === '+o') {
          j++;
          continue;
        }
        if (next.startsWith('-') || next.startsWith('+')) continue;
        return site.args[j];
      }
      return undefined;
    }
    if (!value.startsWith('-') && !value.startsWith('+')) return undefined;
  }
  return undefined;
}

function stringInterior(word: ShellWord): { start: number; end: number } | undefined {
  const raw = word.raw;
  const quote = raw[0];
  if (raw.length >= 2 && (quote === "'" || quote === '"') && raw[raw.length - 1] === quote) {
    if (quote === "'" && raw.slice(1, -1).includes("'")) return undefined;
    return { start: word.start + 1, end: word.end - 1 };
  }
  if (!/["'\\]/.test(raw)) return { start: word.start, end: word.end };
  return undefined;
}

/** Spans (relative to `raw`) of the insides of `$(…)`, `<(…)`, `>(…)` and backticks, outermost only. */
export function substitutionSpans(raw: string): Array<{ start: number; end: number; kind: NestingKind }> {
  const spans: Array<{ start: number; end: number; kind: NestingKind }> = [];
  if (!/[$<>`]/.test(raw)) return spans;
  let inSingle = false;
  let inDouble = false;
  let i = 0;
  while (i < raw.length) {
    const c = raw[i];
    if (inSingle) {
      if (c === "'") inSingle = false;
      i++;
      continue;
    }
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === "'" && !inDouble) {
      inSingle = true;
      i++;
      continue;
    }
    if (c === '"') {
      inDouble = !inDouble;
      i++;
      continue;
    }
    if ((c === '$' || (!inDouble && (c === '<' || c === '>'))) && raw[i + 1] === '(') {
      if (c === '$' && raw[i + 2] === '(') {
        i += 3; // arithmetic expansion
        continue;
      }
      const close = matchingParen(raw, i + 2);
      spans.push({ start: i + 2, end: close, kind: c === '$' ? 'substitution' : 'process' });
      i = close + 1;
      continue;
    }
    if (c === '`') {
      let j = i + 1;
      while (j < raw.length && raw[j] !== '`') j += raw[j] === '\\' ? 2 : 1;
      spans.push({ start: i + 1, end: Math.min(j, raw.length), kind: 'substitution' });
      i = j + 1;
      continue;
    }
    i++;
  }
  return spans;
}

function matchingParen(raw: string, from: number): number {
  let depth = 1;
  let i = from;
  while (i < raw.length) {
    const c = raw[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === "'") {
      const close = raw.indexOf("'", i + 1);
      i = close < 0 ? raw.length : close + 1;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0) return i;
    }
    i++;
  }
  return raw.length;
}

/** A slice of mapped text, keeping the document offsets. */
function subText(parent: MappedText, from: number, to: number): MappedText {
  const end = Math.max(from, to);
  const text = parent.text.slice(from, end);
  const offsets = new Int32Array(text.length + 1);
  for (let k = 0; k < text.length; k++) offsets[k] = parent.documentOffset(from + k);
  offsets[text.length] = text.length > 0 ? parent.documentOffset(end - 1) + 1 : parent.documentOffset(from);
  return new MappedText(text, offsets);
}

// ---------------------------------------------------------------------------------------------
// Ranges and edits on sites.

export function siteWordRange(model: DockerfileModel, site: CommandSite, word: ShellWord): Range {
  return mappedRange(model, site.run.script.source, word.start, word.end);
}

/** Document offsets [start, end) of a word. */
export function wordOffsets(site: CommandSite, word: ShellWord): [number, number] {
  return site.run.script.source.documentSpan(word.start, word.end);
}

/** Range of a substring of a word's raw text (e.g. `gpgcheck=0` inside an echo string), or the word. */
export function substringRange(model: DockerfileModel, site: CommandSite, word: ShellWord, pattern: RegExp): Range {
  const match = pattern.exec(word.raw);
  if (!match) return siteWordRange(model, site, word);
  const start = word.start + match.index;
  return mappedRange(model, site.run.script.source, start, start + match[0].length);
}

/**
 * Removes the words first..last (one span) and the blanks after them (or before them at the end
 * of a line), keeping the rest of the instruction as written.
 */
export function removeWordsEdit(model: DockerfileModel, site: CommandSite, first: ShellWord, last: ShellWord = first): TextEdit {
  const text = model.source.text;
  const source = site.run.script.source;
  let start = source.documentOffset(first.start);
  let end = source.documentSpan(last.start, last.end)[1];
  const whole = removeOwnLine(model, start, end);
  if (whole) return whole;
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

/**
 * When the span is alone on a continuation line, removes that line (or, on the instruction's last
 * line, the continuation that leads to it) instead of leaving a line with only a `\`.
 */
function removeOwnLine(model: DockerfileModel, start: number, end: number): TextEdit | undefined {
  const { source, escapeChar } = model;
  const text = source.text;
  const startPos = source.positionAt(start);
  const endPos = source.positionAt(end);
  if (startPos.line !== endPos.line || startPos.line === 0) return undefined;
  const line = startPos.line;
  const lineStart = source.lineStart(line);
  const lineEnd = source.lineEnd(line);
  if (text.slice(lineStart, start).trim() !== '') return undefined;
  const rest = text.slice(end, lineEnd).trim();
  const previous = source.lineText(line - 1).trimEnd();
  if (!previous.endsWith(escapeChar)) return undefined;
  if (rest === escapeChar) {
    return { range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, newText: '' };
  }
  if (rest !== '') return undefined;
  // Last line of the instruction: drop the previous line's continuation too.
  const previousStart = source.lineStart(line - 1);
  let cut = previousStart + previous.length - escapeChar.length;
  while (cut > previousStart && (text[cut - 1] === ' ' || text[cut - 1] === '\t')) cut--;
  return { range: source.rangeAt(cut, lineEnd), newText: '' };
}

/** Removes one option: a letter from a short cluster (`-sSkL` → `-sSL`), or the option and its value. */
export function removeOptionEdit(model: DockerfileModel, site: CommandSite, option: ParsedOption): TextEdit {
  const { word } = option;
  if (option.clusterIndex !== undefined && word.raw === word.value && word.value.length > 2 && !option.valueWord && option.value === undefined) {
    const newText = word.value.slice(0, option.clusterIndex) + word.value.slice(option.clusterIndex + 1);
    return { range: siteWordRange(model, site, word), newText };
  }
  return removeWordsEdit(model, site, word, option.valueWord ?? word);
}

/** Inserts text right after a word. */
export function insertAfterWordEdit(model: DockerfileModel, site: CommandSite, word: ShellWord, newText: string): TextEdit {
  const end = site.run.script.source.documentSpan(word.start, word.end)[1];
  const position = model.source.positionAt(end);
  return { range: { start: position, end: position }, newText };
}

/** Deletes an instruction's whole lines. */
export function removeInstructionEdit(model: DockerfileModel, instruction: DockerInstruction): TextEdit {
  return { range: model.source.wholeLinesRange(instruction.range.start.line, instruction.range.end.line), newText: '' };
}

const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', 'for', 'case', 'esac', 'in', '!', '{', '}']);

function startsWithReserved(command: ShellCommand | undefined): boolean {
  return command !== undefined && command.words.length > 0 && RESERVED.has(command.words[0].raw);
}

/**
 * Removes a whole top-level command from its `&&`/`;` chain (or the instruction when it is the
 * only command). Undefined when the command sits in a pipe, an `||`, a compound command or a
 * nested script, where removing it would change the meaning.
 */
export function removeCommandEdit(model: DockerfileModel, site: CommandSite): TextEdit | undefined {
  if (site.parent) return undefined;
  const { command } = site;
  const commands = site.run.script.commands;
  const index = commands.indexOf(command);
  if (index < 0 || startsWithReserved(command)) return undefined;
  const previous = commands[index - 1];
  const next = commands[index + 1];
  const chain = new Set(['&&', ';', '\n']);
  if (previous && !chain.has(previous.separator)) return undefined;
  const source = site.run.script.source;
  if (!previous && !next) {
    if (site.run.script.source !== site.instruction.argumentsText) return undefined;
    return removeInstructionEdit(model, site.instruction);
  }
  if (next) {
    if (!chain.has(command.separator) || startsWithReserved(next)) return undefined;
    const start = source.documentOffset(command.words[0].start);
    const end = source.documentOffset(next.words[0].start);
    return { range: model.source.rangeAt(start, end), newText: '' };
  }
  // Last command: remove from the end of the previous command.
  if (!previous || startsWithReserved(previous)) return undefined;
  const lastOfPrevious = previous.words[previous.words.length - 1];
  const start = source.documentSpan(lastOfPrevious.start, lastOfPrevious.end)[1];
  const lastWord = command.words[command.words.length - 1];
  const end = source.documentSpan(lastWord.start, lastWord.end)[1];
  return { range: model.source.rangeAt(start, end), newText: '' };
}

/** Appends text after the last word of the script that holds the site (`… && rm -rf …`). */
export function appendToScriptEdit(model: DockerfileModel, site: CommandSite, newText: string): TextEdit | undefined {
  // Text appended after an open quote would join the quoted string, not run as a command.
  if (site.parent || site.run.script.unterminated) return undefined;
  const commands = site.run.script.commands;
  const last = commands[commands.length - 1];
  if (!last || last.words.length === 0) return undefined;
  const word = last.words[last.words.length - 1];
  if (word.raw.startsWith('<<')) return undefined; // a heredoc operator: the body follows
  const end = site.run.script.source.documentSpan(word.start, word.end)[1];
  const position = model.source.positionAt(end);
  return { range: { start: position, end: position }, newText };
}

// ---------------------------------------------------------------------------------------------
// Options.

export interface OptionSpec {
  /** Short option letters that take a value (`-o file`, `-ofile`). */
  shortWithValue?: string;
  /** Long options that take a value when not written `--name=value`. */
  longWithValue?: readonly string[];
  /** Go-style single-dash long options (`-ldflags x`): no short clusters. */
  singleDashLong?: boolean;
}

export interface ParsedOption {
  /** The word holding the option (for clusters, shared by several options). */
  word: ShellWord;
  /** `-k`, `--insecure`, `-ldflags`. */
  name: string;
  value?: string;
  /** The separate word holding the value, when not attached. */
  valueWord?: ShellWord;
  /** Letter position inside a short cluster (1-based), for cluster edits. */
  clusterIndex?: number;
}

export interface ParsedArgs {
  options: ParsedOption[];
  operands: ShellWord[];
}

const longOptionSets = new WeakMap<OptionSpec, ReadonlySet<string>>();

function longOptionSet(spec: OptionSpec): ReadonlySet<string> {
  let set = longOptionSets.get(spec);
  if (!set) longOptionSets.set(spec, (set = new Set(spec.longWithValue ?? [])));
  return set;
}

export function parseArgs(args: readonly ShellWord[], spec: OptionSpec): ParsedArgs {
  const options: ParsedOption[] = [];
  const operands: ShellWord[] = [];
  const longWithValue = longOptionSet(spec);
  const shortWithValue = spec.shortWithValue ?? '';
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    const value = word.value;
    if (value === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (value.length < 2 || value[0] !== '-' || isRedirection(word)) {
      if (!isRedirection(word)) operands.push(word);
      else if (/^[0-9]*[<>]+&?$/.test(word.raw)) i++; // `> file`: skip the target
      continue;
    }
    if (value.startsWith('--') || spec.singleDashLong) {
      const eq = value.indexOf('=');
      if (eq > 0) {
        options.push({ word, name: value.slice(0, eq), value: value.slice(eq + 1) });
      } else if (longWithValue.has(value) && i + 1 < args.length) {
        options.push({ word, name: value, value: args[i + 1].value, valueWord: args[i + 1] });
        i++;
      } else {
        options.push({ word, name: value });
      }
      continue;
    }
    // A short cluster: -sSkL, -o file, -ofile, -qO-.
    for (let k = 1; k < value.length; k++) {
      const letter = value[k];
      if (shortWithValue.includes(letter)) {
        if (k + 1 < value.length) {
          options.push({ word, name: '-' + letter, value: value.slice(k + 1), clusterIndex: k });
        } else if (i + 1 < args.length) {
          options.push({ word, name: '-' + letter, value: args[i + 1].value, valueWord: args[i + 1], clusterIndex: k });
          i++;
        } else {
          options.push({ word, name: '-' + letter, clusterIndex: k });
        }
        break;
      }
      options.push({ word, name: '-' + letter, clusterIndex: k });
    }
  }
  return { options, operands };
}

/** `>file`, `2>&1`, `<in`, `>>log`: a redirection, not an argument. */
export function isRedirection(word: ShellWord): boolean {
  return /^[0-9]*(?:[<>]|>>|&>|<<<?-?)/.test(word.raw) && !word.raw.startsWith('<(') && !word.raw.startsWith('>(');
}

export function findOption(parsed: ParsedArgs, ...names: string[]): ParsedOption | undefined {
  return parsed.options.find((option) => names.includes(option.name));
}

/** Targets of output redirections (`> file`, `>>file`, `| tee -a file`) of a command. */
export function redirectTargets(site: CommandSite): string[] {
  const targets: string[] = [];
  const words = site.command.words;
  for (let i = 0; i < words.length; i++) {
    const match = /^[0-9]*(?:>>?|&>)\|?(.*)$/.exec(words[i].raw);
    if (!match || words[i].raw.startsWith('>(')) continue;
    if (match[1] === '' || match[1] === '&') {
      if (match[1] === '' && i + 1 < words.length) targets.push(words[i + 1].value);
    } else if (!match[1].startsWith('&')) {
      targets.push(words[i].value.replace(/^[0-9]*(?:>>?|&>)\|?/, ''));
    }
  }
  let next = site.command.next;
  while (next) {
    const program = programName(next);
    if (program === 'tee') targets.push(...commandArgs(next).filter((word) => !word.value.startsWith('-')).map((word) => word.value));
    next = next.next;
  }
  return targets;
}

// ---------------------------------------------------------------------------------------------
// Downloads.

const CURL_SPEC: OptionSpec = {
  shortWithValue: 'AbcCdDeEFHKmoPQrtTuUwxXyYz',
  longWithValue: ['--output', '--header', '--data', '--data-raw', '--data-binary', '--data-urlencode', '--user', '--url', '--proxy', '--request', '--cacert', '--capath', '--cert', '--key', '--config', '--connect-timeout', '--max-time', '--retry', '--retry-delay', '--retry-max-time', '--write-out', '--user-agent', '--referer', '--cookie', '--cookie-jar', '--continue-at', '--dump-header', '--form', '--range', '--upload-file', '--limit-rate', '--resolve', '--interface', '--proto', '--proto-redir', '--output-dir', '--max-filesize', '--cert-type', '--key-type', '--pinnedpubkey', '--ciphers', '--tls-max', '--proxy-user', '--oauth2-bearer', '--variable', '--expand-url'],
};
const WGET_SPEC: OptionSpec = {
  shortWithValue: 'oOaeiBtTwQUPlARDXI',
  longWithValue: ['--output-document', '--output-file', '--append-output', '--execute', '--input-file', '--base', '--tries', '--timeout', '--wait', '--quota', '--user-agent', '--directory-prefix', '--level', '--accept', '--reject', '--domains', '--header', '--user', '--password', '--ca-certificate', '--ca-directory', '--certificate', '--private-key', '--post-data', '--post-file', '--method', '--body-data', '--load-cookies', '--save-cookies'],
};

const curlCache = new WeakMap<CommandSite, ParsedArgs>();

export function curlArgs(site: CommandSite): ParsedArgs {
  let parsed = curlCache.get(site);
  if (!parsed) curlCache.set(site, (parsed = parseArgs(site.args, CURL_SPEC)));
  return parsed;
}
export function wgetArgs(site: CommandSite): ParsedArgs {
  return parseArgs(site.args, WGET_SPEC);
}

/** Whether the command is curl/wget (or `busybox wget`) writing the download to standard output. */
export function isDownloadToStdout(site: CommandSite): boolean {
  if (site.program === 'curl') {
    const parsed = curlArgs(site);
    if (findOption(parsed, '-V', '--version', '-h', '--help', '-M', '--manual')) return false;
    const output = findOption(parsed, '-o', '--output');
    if (output && output.value !== '-' && output.value !== '/dev/stdout') return false;
    if (findOption(parsed, '-O', '--remote-name', '--remote-name-all')) return false;
    return true;
  }
  let args = site.args;
  if (site.program === 'busybox') {
    if (args[0]?.value !== 'wget') return false;
    args = args.slice(1);
  } else if (site.program !== 'wget') {
    return false;
  }
  const parsed = parseArgs(args, WGET_SPEC);
  if (findOption(parsed, '-V', '--version', '-h', '--help')) return false;
  const output = findOption(parsed, '-O', '--output-document');
  return output !== undefined && (output.value === '-' || output.value === '/dev/stdout');
}

export function isDownloader(site: CommandSite): boolean {
  return site.program === 'curl' || site.program === 'wget' || (site.program === 'busybox' && site.args[0]?.value === 'wget');
}

// ---------------------------------------------------------------------------------------------
// Package managers.

export type PackageFamily = 'apt' | 'apk' | 'rpm' | 'zypper' | 'pip' | 'npm' | 'gem' | 'go' | 'cargo';
export type PackageAction = 'install' | 'update' | 'upgrade' | 'remove' | 'clean' | 'config' | 'other';

/** The families that install operating-system packages. */
export const SYSTEM_FAMILIES: ReadonlySet<PackageFamily> = new Set(['apt', 'apk', 'rpm', 'zypper']);

export interface PackageInvocation {
  site: CommandSite;
  family: PackageFamily;
  /** Normalised manager: `apt-get`, `apt`, `apk`, `yum`, `dnf`, `microdnf`, `zypper`, `pip` (`uv` for `uv pip`), `npm`, `yarn`, `pnpm`, `gem`, `go`, `cargo`. */
  manager: string;
  programWord: ShellWord;
  /** The subcommand word (`install`, `add`, `in`, `makecache` …). */
  subcommand?: ShellWord;
  /** The subcommand's canonical name (`install` for `in`, `i`, `add` …). */
  subcommandName: string;
  action: PackageAction;
  /** All options, before and after the subcommand. */
  options: ParsedOption[];
  /** Operands after the subcommand (packages for install/remove). */
  operands: ShellWord[];
  /** Set for `group install` / `groupinstall`: operands are groups. */
  groups?: boolean;
  /** Set for `module install`: operands are modules, pinned by a stream (`nodejs:18`). */
  modules?: boolean;
}

interface ManagerDef {
  family: PackageFamily;
  spec: OptionSpec;
  actions: Record<string, PackageAction>;
  canonical?: Record<string, string>;
}

const APT: ManagerDef = {
  family: 'apt',
  spec: { shortWithValue: 'octa', longWithValue: ['--option', '--config-file', '--target-release', '--default-release', '--host-architecture', '--build-profiles'] },
  actions: { install: 'install', reinstall: 'install', update: 'update', upgrade: 'upgrade', 'dist-upgrade': 'upgrade', 'full-upgrade': 'upgrade', 'build-dep': 'other', remove: 'remove', purge: 'remove', autoremove: 'remove', autopurge: 'remove', clean: 'clean', autoclean: 'clean' },
};
const APK: ManagerDef = {
  family: 'apk',
  spec: { shortWithValue: 'Xpt', longWithValue: ['--repository', '--root', '--virtual', '--arch', '--cache-dir', '--keys-dir', '--repositories-file', '--timeout', '--wait', '--cache-max-age'] },
  actions: { add: 'install', update: 'update', upgrade: 'upgrade', del: 'remove', cache: 'clean', fix: 'other' },
  canonical: { add: 'add' },
};
const RPM: ManagerDef = {
  family: 'rpm',
  spec: { shortWithValue: 'cxdeR', longWithValue: ['--config', '--exclude', '--setopt', '--enablerepo', '--disablerepo', '--repo', '--repoid', '--releasever', '--installroot', '--disableexcludes', '--downloaddir', '--destdir', '--repofrompath', '--color', '--rpmverbosity', '--forcearch', '--enableplugin', '--disableplugin', '--comment'] },
  actions: { install: 'install', reinstall: 'install', localinstall: 'install', groupinstall: 'install', 'install-n': 'install', makecache: 'update', update: 'upgrade', upgrade: 'upgrade', 'update-minimal': 'upgrade', 'upgrade-minimal': 'upgrade', 'distro-sync': 'upgrade', remove: 'remove', erase: 'remove', autoremove: 'remove', groupremove: 'remove', clean: 'clean', 'config-manager': 'config' },
};
const ZYPPER: ManagerDef = {
  family: 'zypper',
  spec: { shortWithValue: 'RcrpDCt', longWithValue: ['--root', '--config', '--repo', '--plus-repo', '--reposd-dir', '--cache-dir', '--from', '--type', '--name'] },
  actions: { install: 'install', in: 'install', refresh: 'update', ref: 'update', update: 'upgrade', up: 'upgrade', 'dist-upgrade': 'upgrade', dup: 'upgrade', patch: 'upgrade', remove: 'remove', rm: 'remove', clean: 'clean', cc: 'clean', addrepo: 'config', ar: 'config', modifyrepo: 'config', mr: 'config' },
  canonical: { in: 'install', ref: 'refresh', up: 'update', dup: 'dist-upgrade', rm: 'remove', cc: 'clean', ar: 'addrepo', mr: 'modifyrepo' },
};
const PIP: ManagerDef = {
  family: 'pip',
  spec: {
    shortWithValue: 'rceitfC',
    longWithValue: ['--requirement', '--constraint', '--editable', '--index-url', '--extra-index-url', '--find-links', '--trusted-host', '--target', '--prefix', '--root', '--src', '--upgrade-strategy', '--platform', '--python-version', '--implementation', '--abi', '--only-binary', '--no-binary', '--progress-bar', '--cache-dir', '--log', '--proxy', '--retries', '--timeout', '--exists-action', '--cert', '--client-cert', '--global-option', '--install-option', '--config-settings', '--report', '--python', '--root-user-action', '--keyring-provider', '--use-feature', '--use-deprecated', '--build-option', '--group', '--allow-insecure-host'],
  },
  actions: { install: 'install', uninstall: 'remove', config: 'config', cache: 'clean', download: 'other', wheel: 'other' },
};
const NPM: ManagerDef = {
  family: 'npm',
  spec: { shortWithValue: 'wCF', longWithValue: ['--prefix', '--registry', '--cache', '--tag', '--workspace', '--omit', '--include', '--loglevel', '--userconfig', '--globalconfig', '--location', '--install-strategy', '--cwd', '--modules-folder', '--network-timeout', '--filter', '--dir'] },
  actions: {
    install: 'install', i: 'install', in: 'install', ins: 'install', inst: 'install', insta: 'install', instal: 'install', isnt: 'install', isnta: 'install', isntal: 'install', isntall: 'install', add: 'install', ci: 'install', 'clean-install': 'install', 'install-clean': 'install', ic: 'install',
    uninstall: 'remove', remove: 'remove', rm: 'remove', r: 'remove', un: 'remove', update: 'upgrade', up: 'upgrade', upgrade: 'upgrade', config: 'config', c: 'config', set: 'config', cache: 'clean',
  },
  canonical: { i: 'install', in: 'install', ins: 'install', inst: 'install', insta: 'install', instal: 'install', isnt: 'install', isnta: 'install', isntal: 'install', isntall: 'install', 'clean-install': 'ci', 'install-clean': 'ci', ic: 'ci', c: 'config' },
};
const GEM: ManagerDef = {
  family: 'gem',
  spec: { shortWithValue: 'vinPg', longWithValue: ['--version', '--install-dir', '--bindir', '--source', '--trust-policy', '--platform', '--build-root', '--file', '--document'] },
  actions: { install: 'install', i: 'install', update: 'upgrade', uninstall: 'remove' },
  canonical: { i: 'install' },
};
const GO: ManagerDef = {
  family: 'go',
  spec: { singleDashLong: true, longWithValue: ['-o', '-tags', '-ldflags', '-gcflags', '-asmflags', '-mod', '-modfile', '-p', '-pkgdir', '-toolexec', '-overlay', '-C', '-exec', '-pgo', '-buildmode', '-compiler', '-installsuffix', '-gccgoflags'] },
  actions: { install: 'install', get: 'install' },
};
const CARGO: ManagerDef = {
  family: 'cargo',
  spec: { shortWithValue: 'jZ', longWithValue: ['--version', '--vers', '--git', '--branch', '--tag', '--rev', '--path', '--root', '--index', '--registry', '--target', '--target-dir', '--features', '--profile', '--jobs', '--bin', '--example', '--config'] },
  actions: { install: 'install', uninstall: 'remove' },
};

function managerOf(program: string): { def: ManagerDef; manager: string } | undefined {
  switch (program) {
    case 'apt-get':
    case 'apt':
      return { def: APT, manager: program };
    case 'apk':
      return { def: APK, manager: 'apk' };
    case 'yum':
    case 'dnf':
    case 'dnf5':
    case 'dnf-3':
    case 'microdnf':
    case 'tdnf':
      return { def: RPM, manager: program === 'dnf5' || program === 'dnf-3' ? 'dnf' : program };
    case 'zypper':
      return { def: ZYPPER, manager: 'zypper' };
    case 'npm':
    case 'yarn':
    case 'pnpm':
      return { def: NPM, manager: program };
    case 'gem':
      return { def: GEM, manager: 'gem' };
    case 'go':
      return { def: GO, manager: 'go' };
    case 'cargo':
      return { def: CARGO, manager: 'cargo' };
    default:
      if (/^pip[0-9.]*$/.test(program)) return { def: PIP, manager: 'pip' };
      return undefined;
  }
}

const invocationCache = new WeakMap<CommandSite, PackageInvocation | null>();

/** The package-manager invocation a command is, if any. */
export function packageInvocation(site: CommandSite): PackageInvocation | undefined {
  const cached = invocationCache.get(site);
  if (cached !== undefined) return cached ?? undefined;
  const result = computeInvocation(site);
  invocationCache.set(site, result ?? null);
  return result;
}

function computeInvocation(site: CommandSite): PackageInvocation | undefined {
  if (site.command.programIndex < 0) return undefined;
  let programWord = site.command.words[site.command.programIndex];
  let args = site.args;
  let found = managerOf(site.program);
  if (!found && /^python[0-9.]*$/.test(site.program)) {
    // python -m pip …
    const m = args.findIndex((word) => word.value === '-m');
    if (m >= 0 && /^pip[0-9.]*$/.test(args[m + 1]?.value ?? '') && args.slice(0, m).every((word) => word.value.startsWith('-'))) {
      found = { def: PIP, manager: 'pip' };
      programWord = args[m + 1];
      args = args.slice(m + 2);
    }
  }
  if (!found && site.program === 'uv' && args[0]?.value === 'pip') {
    found = { def: PIP, manager: 'uv' };
    programWord = args[0];
    args = args.slice(1);
  }
  if (!found) return undefined;
  const { def, manager } = found;
  const parsed = parseArgs(args, def.spec);
  let operands = parsed.operands;
  let subcommand = operands[0];
  let groups = false;
  let modules = false;
  if (subcommand && manager === 'yarn' && subcommand.value === 'global') {
    operands = operands.slice(1);
    subcommand = operands[0];
  }
  if (subcommand && def.family === 'rpm' && /^(?:group|groups|module)$/.test(subcommand.value) && operands[1]) {
    // `dnf group install "Development Tools"`, `dnf module install nodejs:18`
    if (subcommand.value === 'module') modules = true;
    else groups = true;
    operands = operands.slice(1);
    subcommand = operands[0];
  }
  if (!subcommand) {
    // `yarn` alone installs the project's dependencies.
    if (manager === 'yarn' || manager === 'pnpm') {
      return { site, family: def.family, manager, programWord, subcommandName: 'install', action: 'install', options: parsed.options, operands: [] };
    }
    return { site, family: def.family, manager, programWord, subcommandName: '', action: 'other', options: parsed.options, operands: [] };
  }
  const name = subcommand.value;
  let action: PackageAction = def.actions[name] ?? 'other';
  if (manager === 'yarn' && name === 'install') action = 'install';
  if (def.family === 'rpm' && name === 'groupinstall') groups = true;
  if (manager === 'go' && name === 'get') action = 'install';
  let rest = operands.slice(1);
  // `go run pkg@version args…`: only the first operand is a package, the rest are the program's.
  if (manager === 'go' && name === 'run') {
    action = 'install';
    rest = rest.slice(0, 1);
  }
  // `gem install nokogiri -- --use-system-libraries`: what follows `--` goes to the extension build.
  if (manager === 'gem') {
    const dashes = args.findIndex((word) => word.value === '--');
    if (dashes >= 0) rest = rest.filter((word) => word.start < args[dashes].start);
  }
  return {
    site,
    family: def.family,
    manager,
    programWord,
    subcommand,
    subcommandName: def.canonical?.[name] ?? name,
    action,
    options: parsed.options,
    operands: rest,
    groups: groups || undefined,
    modules: modules || undefined,
  };
}

const allInvocationsCache = new WeakMap<DockerfileModel, PackageInvocation[]>();

/** Every package-manager invocation in the model (nested commands included), in document order. */
export function packageInvocations(model: DockerfileModel): PackageInvocation[] {
  const cached = allInvocationsCache.get(model);
  if (cached) return cached;
  const result: PackageInvocation[] = [];
  for (const site of commandSites(model)) {
    const invocation = packageInvocation(site);
    if (invocation) result.push(invocation);
  }
  allInvocationsCache.set(model, result);
  return result;
}

export function hasOptionNamed(invocation: PackageInvocation, ...names: string[]): ParsedOption | undefined {
  return invocation.options.find((option) => names.includes(option.name));
}

/** A word whose value the build decides (`$PKGS`, `$(cat list)`, `` `…` ``). */
export function isDynamic(word: ShellWord): boolean {
  return /[$`]/.test(word.raw);
}

function isPathOrUrl(value: string): boolean {
  return value.startsWith('.') || value.startsWith('/') || value.startsWith('~') || /^[a-z][a-z0-9+.-]*:\/\//i.test(value) || value.startsWith('file:');
}

/** The package operands of an install (not paths, files, URLs, groups or dynamic words). */
export function installedPackages(invocation: PackageInvocation): ShellWord[] {
  if (invocation.action !== 'install' && invocation.action !== 'remove') return [];
  if (invocation.groups) return [];
  if (invocation.manager === 'npm' && invocation.subcommandName === 'ci') return [];
  return invocation.operands.filter((word) => {
    const value = word.value;
    if (value === '' || isDynamic(word) || isRedirection(word)) return false;
    // A package fetched from version control is pinned by a ref (`@v1.2`, `#commit`): judged by pinState.
    if ((invocation.family === 'pip' || invocation.family === 'npm') && vcsSource(invocation.family, value)) return true;
    if (isPathOrUrl(value)) return false;
    switch (invocation.family) {
      case 'apt':
        return !/\.deb$/.test(value);
      case 'apk':
        return !/\.apk$/.test(value);
      case 'rpm':
      case 'zypper':
        return !/\.rpm$/.test(value) && !value.startsWith('@');
      case 'pip':
        return !/\.(?:whl|tar\.gz|zip|tar\.bz2|tgz)$/.test(value) && !/^(?:git|hg|svn|bzr)\+/.test(value);
      case 'npm':
        return !/\.(?:tgz|tar|tar\.gz)$/.test(value) && !/^(?:git|github|gitlab|bitbucket|gist|file|link|workspace):/.test(value) && !/^git\+/.test(value) && !(value.includes('/') && !value.startsWith('@'));
      case 'go':
        return value !== 'all' && !value.startsWith('.') && !value.startsWith('-') && !/\.go$/.test(value);
      default:
        return true;
    }
  });
}

/**
 * A version-control source (`git+https://host/repo.git@ref`, `git://host/repo#commit`,
 * `github:user/repo`), with whether it names a ref; undefined for other words.
 */
function vcsSource(family: PackageFamily, value: string): { pinned: boolean } | undefined {
  if (family === 'pip') {
    if (!/^(?:git|hg|svn|bzr)\+/.test(value)) return undefined;
    const url = value.replace(/#.*$/, '');
    const scheme = url.indexOf('://');
    // The ref follows `@` in the path (an `@` in the authority, or before `:` in `git@host:repo`, is a user).
    let path: string;
    if (scheme >= 0) {
      const slash = url.indexOf('/', scheme + 3);
      path = slash >= 0 ? url.slice(slash) : '';
    } else {
      path = url.slice(url.indexOf(':') + 1);
    }
    return { pinned: path.includes('@') };
  }
  if (family === 'npm') {
    if (!/^(?:git\+[a-z]+:|git:|github:|gitlab:|bitbucket:|gist:)/.test(value)) return undefined;
    return { pinned: /#./.test(value) };
  }
  return undefined;
}

/** The bare package name (no version, release, architecture or extras), lower-case. */
export function packageName(invocation: PackageInvocation, word: ShellWord): string {
  if (vcsSource(invocation.family, word.value.trim())) return word.value.trim();
  const value = word.value.trim().toLowerCase();
  switch (invocation.family) {
    case 'apt':
      return value.split(/[=/]/)[0].split(':')[0];
    case 'apk':
      return value.split(/[=~<>@]/)[0];
    case 'rpm':
    case 'zypper': {
      const base = value.split(/[=<>\s]/)[0];
      return base.replace(RPM_VERSION_SUFFIX, '').replace(/\.(?:x86_64|aarch64|i686|noarch|ppc64le|s390x)$/, '');
    }
    case 'pip':
      return value.split(/[=<>~!@;[\s]/)[0];
    case 'npm': {
      const at = value.indexOf('@', 1);
      return at > 0 ? value.slice(0, at) : value;
    }
    case 'gem':
      return value.split(':')[0];
    case 'go':
    case 'cargo':
      return value.split('@')[0];
  }
}

/** `-1.2.3`, `-2:1.0-1.el8`: an rpm version (and release) after the name; a digit group with a dot. */
const RPM_VERSION_SUFFIX = /-(?:[0-9]+:)?[0-9][^-\s]*\.[^\s]*$/;

/** How a gem/go/npm style version reads: a number or a range, not a tag like `latest`. */
const VERSION_LIKE = /^[\^~<>=v]*[0-9]/;

export type PinState = 'pinned' | 'unpinned';

/** Whether a package operand names a version (for `installedPackages` words). */
export function pinState(invocation: PackageInvocation, word: ShellWord): PinState {
  const value = word.value.trim();
  const vcs = vcsSource(invocation.family, value);
  if (vcs) return vcs.pinned ? 'pinned' : 'unpinned';
  if (invocation.modules) return /:[^:\s]/.test(value) ? 'pinned' : 'unpinned';
  switch (invocation.family) {
    case 'apt':
      return value.includes('=') ? 'pinned' : 'unpinned';
    case 'apk':
      return /[=~<>]/.test(value) ? 'pinned' : 'unpinned';
    case 'rpm':
      return /[=<>]/.test(value) || value.includes(':') || RPM_VERSION_SUFFIX.test(value.split(/\s/)[0]) ? 'pinned' : 'unpinned';
    case 'zypper':
      return /[=<>]/.test(value) || RPM_VERSION_SUFFIX.test(value) ? 'pinned' : 'unpinned';
    case 'pip':
      return /[=<>~@]/.test(value) ? 'pinned' : 'unpinned';
    case 'npm': {
      const at = value.indexOf('@', 1);
      if (at < 0) return 'unpinned';
      const version = value.slice(at + 1);
      if (version.startsWith('npm:')) return /@[\^~<>=v]*[0-9]/.test(version) ? 'pinned' : 'unpinned';
      return VERSION_LIKE.test(version) ? 'pinned' : 'unpinned';
    }
    case 'gem':
      if (hasOptionNamed(invocation, '-v', '--version')) return 'pinned';
      return /:[^:]*[0-9]/.test(value) ? 'pinned' : 'unpinned';
    case 'go': {
      const at = value.indexOf('@');
      if (at < 0) return invocation.subcommandName === 'get' ? 'unpinned' : 'pinned';
      return /^(?:latest|upgrade|master|main|head|trunk|develop)$/i.test(value.slice(at + 1)) ? 'unpinned' : 'pinned';
    }
    case 'cargo':
      if (hasOptionNamed(invocation, '--version', '--vers', '--path', '--rev', '--tag')) return 'pinned';
      return /@[\^~<>=]*[0-9]/.test(value) ? 'pinned' : 'unpinned';
  }
}

/** How to write a pinned version for a family (for messages). */
export function pinExample(invocation: PackageInvocation, name: string): string {
  if (vcsSource(invocation.family, name)) return invocation.family === 'pip' ? `${name}@<tag or commit>` : `${name}#<tag or commit>`;
  if (invocation.modules) return `${name}:<stream>`;
  switch (invocation.family) {
    case 'apt':
      return `${name}=<version>`;
    case 'apk':
      return `${name}=<version>`;
    case 'rpm':
    case 'zypper':
      return `${name}-<version>`;
    case 'pip':
      return `${name}==<version>`;
    case 'npm':
      return `${name}@<version>`;
    case 'gem':
      return `${name} -v <version>`;
    case 'go':
      return `${name}@v<version>`;
    case 'cargo':
      return `${name}@<version>`;
  }
}

// ---------------------------------------------------------------------------------------------
// Instructions.

/** Sites of one instruction, in order. */
export function instructionSites(model: DockerfileModel, instruction: DockerInstruction): CommandSite[] {
  return commandSites(model).filter((site) => site.instruction === instruction);
}

/** Shell in the shebang/`SHELL` sense: `bash`, `sh` … from a path. */
export function shellName(path: string): string {
  return basename(path.replace(/\\/g, '/')).toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// Configuration written by a command (`echo 'gpgcheck=0' >> x.repo`, `sed -i 's/…/sslverify=0/'`,
// heredoc lines such as `gpgcheck=0` that the tokenizer sees as assignments).

export interface WrittenText {
  word: ShellWord;
  /** The text the word contributes to the written file. */
  text: string;
}

const SED_SPEC: OptionSpec = { shortWithValue: 'efl', longWithValue: ['--expression', '--file', '--line-length'] };

export function writtenTexts(site: CommandSite): WrittenText[] {
  const result: WrittenText[] = [];
  if (site.command.programIndex < 0) {
    // Lines of a here-document inside the script, e.g. `gpgcheck=0`, read as assignments.
    for (const word of site.command.words) result.push({ word, text: word.value });
    return result;
  }
  switch (site.program) {
    case 'echo':
    case 'printf':
      // Only text that goes to a file (`> file`, `>> file`, `| tee file`).
      if (redirectTargets(site).length === 0) break;
      for (const word of site.args) {
        if (isRedirection(word)) break;
        result.push({ word, text: word.value.replace(/\\n/g, '\n') });
      }
      break;
    case 'sed': {
      const parsed = parseArgs(site.args, SED_SPEC);
      const expressions = parsed.options.filter((option) => (option.name === '-e' || option.name === '--expression') && option.valueWord);
      const words = expressions.length > 0 ? expressions.map((option) => option.valueWord as ShellWord) : parsed.operands.slice(0, 1);
      for (const word of words) {
        const replacement = sedReplacements(word.value);
        if (replacement) result.push({ word, text: replacement });
      }
      break;
    }
    default:
      break;
  }
  return result;
}

/** The replacement and appended texts of a sed script (`s/a/b/`, `a text`), joined by newlines. */
function sedReplacements(script: string): string {
  const parts: string[] = [];
  let i = 0;
  while (i < script.length) {
    const s = script.indexOf('s', i);
    if (s < 0) break;
    const delimiter = script[s + 1];
    if (!delimiter || /[A-Za-z0-9\s\\]/.test(delimiter) || (s > 0 && /[A-Za-z0-9_]/.test(script[s - 1]))) {
      i = s + 1;
      continue;
    }
    const middle = findUnescaped(script, delimiter, s + 2);
    if (middle < 0) break;
    const end = findUnescaped(script, delimiter, middle + 1);
    parts.push(script.slice(middle + 1, end < 0 ? script.length : end));
    i = end < 0 ? script.length : end + 1;
  }
  // `a text`, `i text`, `c text` (after an optional address): the rest of the script is written.
  const append = /(?:^|[/;$0-9}])\s*[aic](?:\\|\s)/.exec(script);
  if (append) parts.push(script.slice(append.index + append[0].length));
  return parts.join('\n');
}

function findUnescaped(text: string, char: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') {
      i++;
      continue;
    }
    if (text[i] === char) return i;
  }
  return -1;
}
