// A small POSIX shell tokenizer for RUN commands: enough structure (commands, words,
// pipes, separators) for security rules, with every word mapped back to document offsets.

/** Text assembled from pieces of a document, with the document offset of every character. */
export class MappedText {
  readonly text: string;
  /** offsets[i] is the document offset of text[i]; offsets[text.length] is the end. */
  private readonly offsets: Int32Array;

  constructor(text: string, offsets: Int32Array) {
    this.text = text;
    this.offsets = offsets;
  }

  static contiguous(text: string, documentOffset: number): MappedText {
    const offsets = new Int32Array(text.length + 1);
    for (let i = 0; i <= text.length; i++) offsets[i] = documentOffset + i;
    return new MappedText(text, offsets);
  }

  /** Document offset of a position in this text (end positions map to just after the previous char). */
  documentOffset(index: number): number {
    if (index <= 0) return this.offsets[0];
    if (index >= this.text.length) return this.offsets[this.text.length];
    return this.offsets[index];
  }

  /** Document offsets [start, end) covering text[start, end). */
  documentSpan(start: number, end: number): [number, number] {
    const from = this.documentOffset(start);
    const to = end > start ? this.documentOffset(end - 1) + 1 : from;
    return [from, to];
  }
}

/** Builds a MappedText incrementally from document slices. */
export class MappedTextBuilder {
  private parts: string[] = [];
  private offsets: number[] = [];
  private length = 0;
  private endOffset = 0;

  append(documentText: string, start: number, end: number): void {
    if (end <= start) return;
    this.parts.push(documentText.slice(start, end));
    for (let i = start; i < end; i++) this.offsets.push(i);
    this.length += end - start;
    this.endOffset = end;
  }

  /** Adds synthetic text (e.g. a space for a removed line continuation) mapped to one document offset. */
  appendSynthetic(text: string, documentOffset: number): void {
    this.parts.push(text);
    for (let i = 0; i < text.length; i++) this.offsets.push(documentOffset);
    this.length += text.length;
    this.endOffset = documentOffset;
  }

  build(): MappedText {
    const offsets = new Int32Array(this.length + 1);
    for (let i = 0; i < this.length; i++) offsets[i] = this.offsets[i];
    offsets[this.length] = this.endOffset;
    return new MappedText(this.parts.join(''), offsets);
  }
}

export interface ShellWord {
  /** The word with quotes removed and escapes resolved. */
  value: string;
  /** The word as written. */
  raw: string;
  /** Span in the MappedText (raw). */
  start: number;
  end: number;
}

export type ShellSeparator = '&&' | '||' | ';' | '|' | '&' | '\n' | '';

export interface ShellCommand {
  /** All words, including leading `VAR=value` assignments. */
  words: ShellWord[];
  /** Index of the program word (after assignments and wrappers such as sudo/env), or -1. */
  programIndex: number;
  /** The separator that ends this command. */
  separator: ShellSeparator;
  /** The command this one pipes into, if `|` follows it. */
  next?: ShellCommand;
  /** Index among all commands of the script. */
  index: number;
}

export interface ShellScript {
  source: MappedText;
  commands: ShellCommand[];
  /** A quote, backquote or `$(` left open: the text ends inside it, so anything appended lands inside too. */
  unterminated?: boolean;
}

const WRAPPERS = new Set(['sudo', 'env', 'exec', 'nohup', 'time', 'command', 'doas', 'xargs', 'nice', 'stdbuf', 'timeout']);
const WRAPPER_OPTIONS_WITH_VALUE: Record<string, Set<string>> = {
  sudo: new Set(['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U']),
  env: new Set(['-u', '-C', '-S']),
  xargs: new Set(['-n', '-I', '-L', '-P', '-s', '-d', '-E', '-a']),
  nice: new Set(['-n']),
  timeout: new Set(['-s', '-k']),
  doas: new Set(['-u', '-C']),
};

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/;

export function isAssignment(raw: string): boolean {
  return ASSIGNMENT.test(raw);
}

/** Reserved words that may open a command (`then apt-get …`, `do pip …`, `! grep …`). */
const RESERVED_PREFIXES = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!']);

/** Index of the program word: after reserved words, assignments and wrappers (`sudo`, `env` …); -1 when none. */
export function findProgramIndex(words: ShellWord[]): number {
  let i = 0;
  while (i < words.length && (RESERVED_PREFIXES.has(words[i].raw) || isAssignment(words[i].raw))) i++;
  while (i < words.length && WRAPPERS.has(basename(words[i].value))) {
    const wrapper = basename(words[i].value);
    i++;
    const withValue = WRAPPER_OPTIONS_WITH_VALUE[wrapper];
    while (i < words.length) {
      const value = words[i].value;
      if (value === '--') {
        i++;
        break;
      }
      if (wrapper === 'env' && isAssignment(words[i].raw)) {
        i++;
        continue;
      }
      if (wrapper === 'timeout' && /^\d+(\.\d+)?[smhd]?$/.test(value)) {
        i++;
        continue;
      }
      if (!value.startsWith('-') || value === '-') break;
      i += withValue?.has(value) ? 2 : 1;
    }
  }
  return i < words.length ? i : -1;
}

export function basename(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash >= 0 ? path.slice(slash + 1) : path;
}

/** Tokenizes shell text. Never throws; unbalanced quotes run to the end of the text. */
export function parseShell(source: MappedText): ShellScript {
  const text = source.text;
  const commands: ShellCommand[] = [];
  let words: ShellWord[] = [];
  let i = 0;
  const n = text.length;
  let unterminated = false;

  const endCommand = (separator: ShellSeparator): void => {
    if (words.length === 0) {
      if (separator === '|' && commands.length > 0) commands[commands.length - 1].separator = '|';
      return;
    }
    const command: ShellCommand = { words, programIndex: findProgramIndex(words), separator, index: commands.length };
    const previous = commands[commands.length - 1];
    if (previous && previous.separator === '|') previous.next = command;
    commands.push(command);
    words = [];
  };

  while (i < n) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\n') {
      endCommand('\n');
      i++;
      continue;
    }
    if (c === '#') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === ';') {
      endCommand(';');
      i += text[i + 1] === ';' ? 2 : 1;
      continue;
    }
    if (c === '&') {
      if (text[i + 1] === '&') {
        endCommand('&&');
        i += 2;
      } else if (text[i + 1] === '>') {
        i += 2; // &> redirection
      } else {
        endCommand('&');
        i++;
      }
      continue;
    }
    if (c === '|') {
      if (text[i + 1] === '|') {
        endCommand('||');
        i += 2;
      } else {
        endCommand('|');
        i += text[i + 1] === '&' ? 2 : 1;
      }
      continue;
    }
    if ((c === '(' || c === ')' || c === '{' || c === '}') && words.length === 0) {
      // Subshell and group delimiters at command start: the inner commands are parsed as commands.
      i++;
      continue;
    }
    if (c === ')') {
      endCommand(';');
      i++;
      continue;
    }
    // A word.
    const start = i;
    let value = '';
    let depth = 0; // $( ... ) and <( ... ) nesting inside the word
    while (i < n) {
      const ch = text[i];
      if (ch === '&' && i > start && (text[i - 1] === '>' || text[i - 1] === '<')) {
        // `2>&1`, `>&2`: a descriptor duplication, part of the redirection word.
        value += ch;
        i++;
        continue;
      }
      if (ch === '`') {
        // Legacy command substitution: kept whole inside the word.
        const close = text.indexOf('`', i + 1);
        if (close < 0) unterminated = true;
        const stop = close < 0 ? n : close + 1;
        value += text.slice(i, stop);
        i = stop;
        continue;
      }
      if (depth === 0 && (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === ';' || ch === '|' || ch === '&')) break;
      if (depth === 0 && ch === ')') break;
      if (ch === '\\' && i + 1 < n) {
        value += text[i + 1] === '\n' ? '' : text[i + 1];
        i += 2;
        continue;
      }
      if (ch === "'") {
        const close = text.indexOf("'", i + 1);
        if (close < 0) unterminated = true;
        const stop = close < 0 ? n : close;
        value += text.slice(i + 1, stop);
        i = stop + 1;
        continue;
      }
      if (ch === '"') {
        i++;
        while (i < n && text[i] !== '"') {
          if (text[i] === '\\' && i + 1 < n && '"\\$`'.includes(text[i + 1])) {
            value += text[i + 1];
            i += 2;
            continue;
          }
          value += text[i];
          i++;
        }
        if (i >= n) unterminated = true;
        i++;
        continue;
      }
      if ((ch === '$' || ch === '<' || ch === '>') && text[i + 1] === '(') {
        depth++;
        value += ch + '(';
        i += 2;
        continue;
      }
      if (ch === '(' && depth > 0) depth++;
      if (ch === ')' && depth > 0) depth--;
      value += ch;
      i++;
    }
    if (i > n) i = n;
    if (depth > 0) unterminated = true;
    words.push({ value, raw: text.slice(start, i), start, end: i });
  }
  endCommand('');
  return { source, commands, unterminated };
}

export function programName(command: ShellCommand): string {
  return command.programIndex >= 0 ? basename(command.words[command.programIndex].value) : '';
}

/** Words after the program (its arguments). */
export function commandArgs(command: ShellCommand): ShellWord[] {
  return command.programIndex >= 0 ? command.words.slice(command.programIndex + 1) : [];
}
