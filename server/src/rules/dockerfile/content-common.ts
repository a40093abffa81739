// Helpers shared by the Dockerfile content rules (COPY/ADD/VOLUME arguments, ARG/ENV properties,
// edits that remove one argument or flag and keep the rest of the line as it was).

import type { Property } from 'dockerfile-ast';
import type { DockerfileModel, DockerFlag, DockerInstruction } from '../../dockerfile/model';
import { heredocsOf, parseJsonArray } from '../../dockerfile/model';
import type { Range, TextEdit } from '../../engine/types';

export interface PathArgument {
  /** The path as the builder sees it (quotes removed). */
  value: string;
  /** The path text itself (inside the quotes of the JSON form). */
  range: Range;
  /** The whole argument (with quotes in the JSON form), for removal. */
  outerRange: Range;
  /** A heredoc (`<<EOF`) standing in for a file. */
  heredoc: boolean;
}

function stripQuotes(value: string): { value: string; quoted: boolean } {
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value[value.length - 1] === value[0]) return { value: value.slice(1, -1), quoted: true };
  return { value, quoted: false };
}

interface HeredocNode {
  getContentRange(): Range | null;
  getStartRange(): Range;
}

/**
 * The path arguments of COPY, ADD or VOLUME after the flags, in both the JSON and the shell form.
 * Heredoc bodies are not arguments; the `<<EOF` markers are (flagged `heredoc`).
 */
export function pathArguments(model: DockerfileModel, instruction: DockerInstruction): PathArgument[] {
  const source = model.source;
  const node = instruction.node as unknown as { getJSONStrings?(): Array<{ getRange(): Range; getJSONRange(): Range; getJSONValue(): string }>; getHeredocs?(): HeredocNode[] };
  if (instruction.isExecForm && typeof node.getJSONStrings === 'function') {
    const strings = node.getJSONStrings();
    const parsed = parseJsonArray(instruction.argumentsText.text) ?? [];
    return strings.map((string, index) => ({
      value: parsed.length === strings.length ? parsed[index] : string.getJSONValue(),
      range: string.getJSONRange(),
      outerRange: string.getRange(),
      heredoc: false,
    }));
  }
  const heredocs: HeredocNode[] = typeof node.getHeredocs === 'function' ? (heredocsOf(instruction.node) as unknown as HeredocNode[]) : [];
  // The command line ends where the first heredoc body starts.
  let limit = Number.POSITIVE_INFINITY;
  for (const heredoc of heredocs) {
    const content = heredoc.getContentRange();
    const start = content ? source.offsetAt(content.start) : source.lineEnd(heredoc.getStartRange().end.line) + 1;
    limit = Math.min(limit, start);
  }
  const result: PathArgument[] = [];
  for (const argument of instruction.args) {
    if (source.offsetAt(argument.range.start) >= limit) break;
    const raw = argument.value;
    const { value, quoted } = stripQuotes(raw);
    const range = quoted ? source.rangeAt(source.offsetAt(argument.range.start) + 1, source.offsetAt(argument.range.end) - 1) : argument.range;
    result.push({ value, range, outerRange: argument.range, heredoc: /^<<-?/.test(raw) });
  }
  return result;
}

/** Sources of a COPY/ADD: every path argument but the destination. */
export function copySources(model: DockerfileModel, instruction: DockerInstruction): PathArgument[] {
  const args = pathArguments(model, instruction);
  return args.length >= 2 ? args.slice(0, -1) : [];
}

export function flagNamed(instruction: DockerInstruction, name: string): DockerFlag | undefined {
  return instruction.flags.find((flag) => flag.name.toLowerCase() === name);
}

/** `/a/b/` → `/a/b`, `./x` → `x`. */
export function normalisePath(path: string): string {
  let p = path.trim();
  while (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  while (p.startsWith('./') && p.length > 2) p = p.slice(2);
  return p;
}

export function basename(path: string): string {
  const p = normalisePath(path);
  const slash = p.lastIndexOf('/');
  return slash >= 0 ? p.slice(slash + 1) : p;
}

/**
 * Removes the text [start, end) and the blanks after it (or, at the end of a line or before a
 * line continuation, the blanks before it).
 */
export function removeSpanEdit(model: DockerfileModel, start: number, end: number): TextEdit {
  const text = model.source.text;
  let after = end;
  while (after < text.length && (text[after] === ' ' || text[after] === '\t')) after++;
  const atLineEnd = after >= text.length || text[after] === '\n' || text[after] === '\r' || text[after] === model.escapeChar;
  if (!atLineEnd) return { range: model.source.rangeAt(start, after), newText: '' };
  let before = start;
  while (before > 0 && (text[before - 1] === ' ' || text[before - 1] === '\t')) before--;
  if (before > 0 && text[before - 1] !== '\n' && text[before - 1] !== '\r') start = before;
  return { range: model.source.rangeAt(start, end), newText: '' };
}

/** Removes a whole instruction (its lines, continuation lines included). */
export function removeInstructionEdit(model: DockerfileModel, instruction: DockerInstruction): TextEdit {
  return { range: model.source.wholeLinesRange(instruction.range.start.line, instruction.range.end.line), newText: '' };
}

/**
 * Removes one of several arguments: from its start to the next one's start, or (the last one) from
 * the previous one's end. In the JSON form this takes the comma with it.
 */
export function removeListItemEdit(items: Array<{ outerRange: Range }>, index: number): TextEdit {
  const item = items[index];
  if (index + 1 < items.length) return { range: { start: item.outerRange.start, end: items[index + 1].outerRange.start }, newText: '' };
  const previous = items[index - 1];
  return { range: { start: previous.outerRange.end, end: item.outerRange.end }, newText: '' };
}

/** Properties (`NAME=value` pairs) of an ARG or ENV node, [] for anything else. */
export function propertiesOf(node: unknown): Property[] {
  const candidate = node as { getProperties?(): Property[] };
  if (typeof candidate.getProperties !== 'function') return [];
  try {
    return candidate.getProperties();
  } catch {
    return [];
  }
}

/** Folder of a `/`-separated path ('' for a bare file name). */
export function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash >= 0 ? path.slice(0, slash) : '';
}

/** `http(s)://…` download. */
export function isUrl(value: string): boolean {
  return /^https?:\/\//i.test(value);
}

/** A git repository reference ADD clones: `git@host:repo`, `git://…`, `ssh://…`, `https://….git[#ref]`. */
export function isGitRef(value: string): boolean {
  if (/^git@[^:/\s]+:/.test(value) || /^(?:git|ssh|git\+ssh|git\+https?):\/\//i.test(value)) return true;
  if (!isUrl(value)) return false;
  const hash = value.indexOf('#');
  const base = hash >= 0 ? value.slice(0, hash) : value;
  return /\.git\/?$/i.test(base);
}

/** Whether ADD extracts this local source (a tar archive, possibly compressed). */
export function isArchive(value: string): boolean {
  return /\.(?:tar|tgz|taz|tbz|tbz2|tb2|txz|tlz|tzst|tar\.(?:gz|bz2|xz|lz|lzma|zst|z)|gz|bz2|xz|lzma|zst|z)$/i.test(value.trim());
}

/** Docker socket and other container runtime sockets, as paths in the container or on the host. */
export const RUNTIME_SOCKETS = new Set([
  '/var/run/docker.sock',
  '/run/docker.sock',
  '/var/run/containerd/containerd.sock',
  '/run/containerd/containerd.sock',
  '/var/run/crio/crio.sock',
  '/run/crio/crio.sock',
  '/var/run/podman/podman.sock',
  '/run/podman/podman.sock',
  '/var/run/buildkit/buildkitd.sock',
  '/run/buildkit/buildkitd.sock',
  '/var/run/cri-dockerd.sock',
  '/run/cri-dockerd.sock',
]);

export function isRuntimeSocket(path: string): boolean {
  let p = path.trim();
  while (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  p = p.replace(/\/{2,}/g, '/');
  return RUNTIME_SOCKETS.has(p);
}
