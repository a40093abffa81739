// Finds every regular expression literal (and `new RegExp('literal')`) in the server sources with
// the TypeScript parser, and builds adversarial inputs from each expression's own alphabet.

import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

export interface FoundRegex {
  file: string;
  line: number;
  regex: RegExp;
  text: string;
}

export const REPO_ROOT = findRepoRoot(__dirname);

function findRepoRoot(start: string): string {
  // Compiled tests live in out/test/... or another outDir; the sources are where package.json
  // names the project "lashing". Fall back to the current directory (npm test runs at the root).
  for (const candidate of [process.cwd(), start, path.resolve(start, '../..'), path.resolve(start, '../../..')]) {
    const pkg = path.join(candidate, 'package.json');
    if (fs.existsSync(pkg) && fs.existsSync(path.join(candidate, 'server', 'src')) && /"name":\s*"lashing"/.test(fs.readFileSync(pkg, 'utf8'))) return candidate;
  }
  return process.cwd();
}

export function sourceFiles(dir: string): string[] {
  const result: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) result.push(...sourceFiles(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) result.push(full);
  }
  return result.sort();
}

/** Every regex literal and `new RegExp(<string literal>[, <flags literal>])` in the files. */
export function findRegexes(files: string[]): FoundRegex[] {
  const found: FoundRegex[] = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
    const add = (node: ts.Node, regex: RegExp): void => {
      found.push({ file: path.relative(REPO_ROOT, file), line: sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1, regex, text: node.getText().slice(0, 160) });
    };
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const literal = node.getText();
        const slash = literal.lastIndexOf('/');
        add(node, new RegExp(literal.slice(1, slash), literal.slice(slash + 1)));
      } else if (ts.isNewExpression(node) && node.expression.getText() === 'RegExp' && node.arguments && node.arguments.length > 0 && ts.isStringLiteralLike(node.arguments[0])) {
        const flags = node.arguments[1] && ts.isStringLiteralLike(node.arguments[1]) ? node.arguments[1].text : '';
        add(node, new RegExp(node.arguments[0].text, flags));
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
  }
  return found;
}

const CLASS_SAMPLES: Record<string, string[]> = {
  s: [' ', '\t', '\n'],
  S: ['a', '-'],
  w: ['a', '0', '_'],
  W: [' ', '-', '/'],
  d: ['0'],
  D: ['a', ' '],
  b: [],
  B: [],
  n: ['\n'],
  r: ['\r'],
  t: ['\t'],
};

/**
 * Characters the expression reacts to: its literal characters, samples of its escapes and classes
 * (`\s`, `\w`, …) and of bracket ranges, plus a few characters every tokenizer treats specially.
 */
const BASE_ALPHABET = ['a', ' ', '\n', '-', '\\', '"', '$', '{', '=', '/', ':', '.', '#', '0'];

export function alphabetOf(regex: RegExp, withBase = true): string[] {
  const chars = new Set<string>(withBase ? BASE_ALPHABET : []);
  const source = regex.source;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      i++;
      if (CLASS_SAMPLES[next]) for (const sample of CLASS_SAMPLES[next]) chars.add(sample);
      else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(source.slice(i + 1, i + 5))) {
        chars.add(String.fromCharCode(parseInt(source.slice(i + 1, i + 5), 16)));
        i += 4;
      } else if (next === 'x' && /^[0-9a-fA-F]{2}$/.test(source.slice(i + 1, i + 3))) {
        chars.add(String.fromCharCode(parseInt(source.slice(i + 1, i + 3), 16)));
        i += 2;
      } else if (next !== '' && !/[0-9kpPcu]/.test(next)) chars.add(next);
    } else if (!'()[]{}|?*+^$'.includes(c)) chars.add(c);
    else if (c === '{' || c === '}' || c === '$' || c === '[' || c === '(' || c === '|') chars.add(c);
  }
  if (regex.flags.includes('i')) for (const c of [...chars]) chars.add(c.toUpperCase());
  return [...chars].filter((c) => c.length === 1);
}

/** Literal runs of the expression (e.g. `FROM`, `apiVersion:`), used as prefixes before a pump. */
export function literalRuns(regex: RegExp): string[] {
  const runs = new Set<string>();
  let current = '';
  const source = regex.source;
  const flush = (): void => {
    if (current.length >= 2) runs.add(current);
    current = '';
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      i++;
      if (/[.\-/\\$(){}[\]|*+?^:#=@"'`!<>,;&%~]/.test(next)) current += next;
      else if (next === 's') {
        current += ' ';
      } else flush();
    } else if ('()[]{}|^$.'.includes(c)) flush();
    else if ('*+?'.includes(c)) {
      // The quantified character is optional or repeated: keep it once.
      if (c === '?' && current.length > 0) current = current.slice(0, -1);
      flush();
    } else current += c;
  }
  flush();
  return [...runs].slice(0, 6);
}

export interface Attack {
  name: string;
  prefix: string;
  unit: string;
}

const attackCache = new Map<string, string>();

/** The attack's text: the prefix, then the unit repeated up to about `length` characters, then a suffix no expression expects (so matching fails at the very end and has to backtrack). */
export function attackText(attack: Attack, length: number): string {
  const key = `${length}\u0001${attack.prefix}\u0001${attack.unit}`;
  let text = attackCache.get(key);
  if (text === undefined) {
    text = attack.prefix + attack.unit.repeat(Math.max(1, Math.floor((length - attack.prefix.length) / attack.unit.length))) + '\u0000!';
    if (length <= 10_000) attackCache.set(key, text);
  }
  return text;
}

/** Adversarial inputs for one expression, built from its own alphabet. */
export function attacksFor(regex: RegExp): Attack[] {
  const alphabet = alphabetOf(regex);
  const attacks: Attack[] = [];
  const add = (name: string, prefix: string, unit: string): void => {
    attacks.push({ name, prefix, unit });
  };
  for (const c of alphabet) add(`${JSON.stringify(c)} repeated`, '', c);
  // Two-character pumps: a character and a separator (`a a a …`, `a=a=…`, `${${…`).
  const separators = [' ', '\n', '/', '-', '.', '=', ':', ',', '\\', '"'];
  const pairs = new Set<string>(['${', '$(', '{{', 'a ', 'a\t', '\\\n', '- ', '# ', ' #', '"a', "'a", '\\"', '%2', '&&', '0.', '\r\n', 'a\n']);
  for (const c of alphabetOf(regex, false)) for (const separator of separators) if (c !== separator) pairs.add(c + separator);
  for (const unit of pairs) add(`${JSON.stringify(unit)} repeated`, '', unit);
  // Prefixes the expression needs before it can start backtracking (anchored expressions).
  for (const run of literalRuns(regex)) {
    for (const unit of [' ', 'a', '\t', '\n', 'a ', '=', '-', '.', '/', ':', '0', '"']) add(`${JSON.stringify(run)} then ${JSON.stringify(unit)} repeated`, run, unit);
  }
  return attacks;
}
