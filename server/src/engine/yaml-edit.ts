// Text edits on YAML that keep the file beautiful: no re-serialisation, comments kept, the file's
// own indentation (2 or 4 spaces), sequence style (flush `- ` at the parent's column or indented),
// line breaks (LF / CRLF) and flow style (`{a: 1}`, `[a, b]`) respected.

import { isMap, isPair, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { SourceText } from './source';
import type { TextEdit } from './types';
import { getPair, nodeEnd, nodeStart, pairKey, resolveNode } from './yaml';

export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue };

export interface YamlStyle {
  /** Spaces per nesting level of maps. */
  indent: number;
  /** Extra spaces before `- ` relative to the parent key (0 = flush). */
  sequenceIndent: number;
}

const styleCache = new WeakMap<SourceText, YamlStyle>();

/** The file's indentation style, learnt from its block maps and sequences. */
export function detectStyle(source: SourceText): YamlStyle {
  const cached = styleCache.get(source);
  if (cached) return cached;
  const indentVotes = new Map<number, number>();
  const seqVotes = new Map<number, number>();
  let previousIndent = -1;
  let previousOpens = false;
  const lines = Math.min(source.lineCount, 5000);
  for (let line = 0; line < lines; line++) {
    const text = source.lineText(line);
    const trimmed = text.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const indent = text.length - trimmed.length;
    if (previousOpens) {
      if (trimmed.startsWith('- ') || trimmed === '-') {
        const delta = indent - previousIndent;
        if (delta >= 0) seqVotes.set(delta, (seqVotes.get(delta) ?? 0) + 1);
      } else if (indent > previousIndent) {
        const delta = indent - previousIndent;
        indentVotes.set(delta, (indentVotes.get(delta) ?? 0) + 1);
      }
    }
    // `key:` (possibly after `- `) with nothing but a comment after it opens a block. (`(?<!\s)` here
    // and below: a match starts only at the first blank of a run; `/\s+#.*$/` is quadratic on long blanks.)
    const withoutComment = trimmed.replace(/(?<!\s)\s+#.*$/, '');
    previousOpens = /:$/.test(withoutComment) && !/^["'].*["']:?$/.test(withoutComment);
    // The column of the key (after any `- ` markers) is what children indent from.
    let keyIndent = indent;
    const dashes = /^(?:-\s+)+/.exec(trimmed);
    if (dashes) keyIndent += dashes[0].length;
    previousIndent = keyIndent;
  }
  const best = (votes: Map<number, number>, fallback: number): number => {
    let result = fallback;
    let count = 0;
    for (const [value, n] of votes) if (n > count || (n === count && value < result)) [result, count] = [value, n];
    return result;
  };
  const indent = best(new Map([...indentVotes].filter(([value]) => value >= 1 && value <= 8)), 2);
  const sequenceIndent = best(new Map([...seqVotes].filter(([value]) => value <= 8)), indent);
  const style = { indent, sequenceIndent };
  styleCache.set(source, style);
  return style;
}

// ---------------------------------------------------------------------------------------------
// Rendering

const PLAIN_SAFE = /^[A-Za-z_./][A-Za-z0-9_./-]*(?: [A-Za-z0-9_./-]+)*$/;
const RESERVED = /^(?:true|false|yes|no|on|off|y|n|null|~)$/i;

export function renderScalar(value: string | number | boolean | null): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (PLAIN_SAFE.test(value) && !RESERVED.test(value) && !/^[0-9.+-]/.test(value)) return value;
  return JSON.stringify(value);
}

/** Flow-style rendering, for values inside `{…}` / `[…]` or empty collections. */
export function renderFlow(value: YamlValue): string {
  if (Array.isArray(value)) return `[${value.map(renderFlow).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    return entries.length === 0 ? '{}' : `{${entries.map(([k, v]) => `${renderKey(k)}: ${renderFlow(v)}`).join(', ')}}`;
  }
  return renderScalar(value);
}

function renderKey(key: string): string {
  return renderScalar(key);
}

function isCollectionValue(value: YamlValue): value is YamlValue[] | { [key: string]: YamlValue } {
  return value !== null && typeof value === 'object' && (Array.isArray(value) ? value.length > 0 : Object.keys(value).length > 0);
}

/** Lines of `key: value` entries in block style at column `column`. */
function renderEntries(entries: Array<{ key: string; value: YamlValue }>, column: number, style: YamlStyle): string[] {
  const lines: string[] = [];
  for (const { key, value } of entries) lines.push(...renderEntry(key, value, column, style));
  return lines;
}

function renderEntry(key: string, value: YamlValue, column: number, style: YamlStyle): string[] {
  const pad = ' '.repeat(column);
  if (!isCollectionValue(value)) return [`${pad}${renderKey(key)}: ${renderFlow(value)}`];
  if (Array.isArray(value)) return [`${pad}${renderKey(key)}:`, ...renderItems(value, column + style.sequenceIndent, style)];
  return [`${pad}${renderKey(key)}:`, ...renderEntries(Object.entries(value).map(([k, v]) => ({ key: k, value: v })), column + style.indent, style)];
}

/** Sequence items (`- …`) with the dash at `column`. */
function renderItems(items: YamlValue[], column: number, style: YamlStyle): string[] {
  const lines: string[] = [];
  for (const item of items) lines.push(...renderItem(item, column, style));
  return lines;
}

function renderItem(item: YamlValue, column: number, style: YamlStyle): string[] {
  const pad = ' '.repeat(column);
  if (!isCollectionValue(item)) return [`${pad}- ${renderFlow(item)}`];
  if (Array.isArray(item)) {
    const inner = renderItems(item, column + 2, style);
    return [`${pad}- ${inner[0].trimStart()}`, ...inner.slice(1)];
  }
  const inner = renderEntries(Object.entries(item).map(([key, value]) => ({ key, value })), column + 2, style);
  return [`${pad}- ${inner[0].trimStart()}`, ...inner.slice(1)];
}

// ---------------------------------------------------------------------------------------------
// Positions

function columnOf(source: SourceText, offset: number): number {
  return offset - source.lineStart(source.positionAt(offset).line);
}

function lineOf(source: SourceText, offset: number): number {
  return source.positionAt(offset).line;
}

/** End offset of a node without trailing whitespace and line breaks (block scalars include them). */
function contentEnd(source: SourceText, node: unknown): number {
  const start = nodeStart(node);
  let end = nodeEnd(node);
  while (end > start && /\s/.test(source.text[end - 1])) end--;
  return end;
}

function pairEnd(source: SourceText, pair: Pair): number {
  const value = pair.value as Node | null;
  if (value && (value as { range?: unknown }).range && contentEnd(source, value) > nodeStart(value)) return contentEnd(source, value);
  // Null value: the end of `key:`.
  const keyEnd = contentEnd(source, pair.key);
  const colon = source.text.indexOf(':', keyEnd);
  return colon >= 0 ? colon + 1 : keyEnd;
}

function pairStart(pair: Pair): number {
  return pair.key ? nodeStart(pair.key) : nodeStart(pair.value);
}

/** True when only whitespace precedes the offset on its line. */
function startsLine(source: SourceText, offset: number): boolean {
  const lineStart = source.lineStart(lineOf(source, offset));
  return source.text.slice(lineStart, offset).trim() === '';
}

function edit(source: SourceText, start: number, end: number, newText: string): TextEdit {
  return { range: source.rangeAt(start, end), newText };
}

/** Offset where text can be inserted before a line's trailing comment (or at its end). */
function beforeTrailingComment(source: SourceText, line: number, from: number): number {
  const lineEnd = source.lineEnd(line);
  const text = source.text.slice(from, lineEnd);
  const match = /(?<!\s)\s+#.*$/.exec(text);
  return match && !/["']/.test(text.slice(0, match.index)) ? from + match.index : from + text.trimEnd().length;
}

// ---------------------------------------------------------------------------------------------
// Edits

export interface MapEntryInput {
  key: string;
  value: YamlValue;
}

/** Adds keys to an existing map (block or flow), after `options.after` or at the end. */
export function insertMapEntries(source: SourceText, map: YAMLMap, entries: MapEntryInput[], options: { after?: string } = {}): TextEdit[] {
  if (entries.length === 0) return [];
  // A key the map already has (e.g. `automountServiceAccountToken: null`) is merged, never
  // inserted a second time: a duplicate key is a YAML error (found by fuzzing). Only own keys
  // count: a key that comes from a `<<` merge may be overridden by an own one.
  const own = (key: string): boolean => map.items.some((pair) => pairKey(pair) === key);
  if (entries.some((entry) => own(entry.key))) {
    return [...mergeEntries(source, map, entries.filter((entry) => own(entry.key))), ...insertMapEntries(source, map, entries.filter((entry) => !own(entry.key)), options)];
  }
  const style = detectStyle(source);
  const eol = source.eol;
  if (map.flow || map.items.length === 0) {
    const close = nodeEnd(map) - 1;
    if (source.text[close] !== '}') return [];
    const rendered = entries.map(({ key, value }) => `${renderKey(key)}: ${renderFlow(value)}`).join(', ');
    if (map.items.length === 0) {
      const inner = source.text.slice(nodeStart(map) + 1, close);
      return [edit(source, nodeStart(map) + 1, close, inner.trim() === '' ? rendered : `${inner}${rendered}`)];
    }
    const afterPair = options.after !== undefined ? map.items.find((pair) => pairKey(pair) === options.after) : undefined;
    const anchor = afterPair ?? map.items[map.items.length - 1];
    const at = pairEnd(source, anchor);
    return [edit(source, at, at, `, ${rendered}`)];
  }
  const firstKey = map.items[0];
  const column = columnOf(source, pairStart(firstKey));
  const afterPair = options.after !== undefined ? map.items.find((pair) => pairKey(pair) === options.after) : undefined;
  const anchor = afterPair ?? map.items[map.items.length - 1];
  const anchorEnd = pairEnd(source, anchor);
  const line = lineOf(source, anchorEnd);
  const at = source.lineEnd(line);
  const lines = renderEntries(entries, column, style);
  return [edit(source, at, at, eol + lines.join(eol))];
}

/**
 * Makes sure the nested maps of `path` exist under `map` and that they hold `entries`, merging
 * with what exists: missing maps and keys are inserted, sequences get missing items appended,
 * differing scalars are set.
 */
export function ensurePath(source: SourceText, map: YAMLMap, path: string[], entries: MapEntryInput[]): TextEdit[] {
  let current = map;
  for (let i = 0; i < path.length; i++) {
    const pair = getPair(current, path[i]);
    if (!pair) {
      let nested: YamlValue = Object.fromEntries(entries.map(({ key, value }) => [key, value]));
      for (let j = path.length - 1; j > i; j--) nested = { [path[j]]: nested };
      return insertMapEntries(source, current, [{ key: path[i], value: nested }]);
    }
    const value = resolveNode(pair.value);
    if (isMap(value)) {
      current = value;
      continue;
    }
    if (value === undefined || (isScalar(value) && (value.value === null || value.value === undefined))) {
      let nested: YamlValue = Object.fromEntries(entries.map(({ key, value: v }) => [key, v]));
      for (let j = path.length - 1; j > i; j--) nested = { [path[j]]: nested };
      return fillNullValue(source, pair, nested as { [key: string]: YamlValue });
    }
    return []; // A scalar or sequence where a map should be: nothing sound to do.
  }
  return mergeEntries(source, current, entries);
}

function mergeEntries(source: SourceText, map: YAMLMap, entries: MapEntryInput[]): TextEdit[] {
  const edits: TextEdit[] = [];
  const missing: MapEntryInput[] = [];
  for (const entry of entries) {
    const pair = getPair(map, entry.key);
    if (!pair) {
      missing.push(entry);
      continue;
    }
    const existing = resolveNode(pair.value);
    const value = entry.value;
    if (Array.isArray(value) && isSeq(existing)) {
      const present = existing.items.map((item) => {
        const node = resolveNode(item);
        return isScalar(node) ? node.value : undefined;
      });
      for (const item of value) {
        if (present.includes(item as never)) continue;
        edits.push(...appendSeqItem(source, existing, item));
        present.push(item as never);
      }
    } else if (value !== null && typeof value === 'object' && !Array.isArray(value) && isMap(existing)) {
      edits.push(...mergeEntries(source, existing, Object.entries(value).map(([key, v]) => ({ key, value: v }))));
    } else if (isScalar(existing) && (existing.value === null || existing.value === undefined) && value !== null) {
      // Also for scalar values: setScalar on an empty `key:` would write `key:false` (a string, not a pair).
      edits.push(...fillNullValue(source, pair, value));
    } else if (isScalar(existing) && !isCollectionValue(value)) {
      if (existing.value !== value) edits.push(setScalar(source, existing, value));
    } else if (existing === undefined && !isCollectionValue(value)) {
      edits.push(...fillNullValue(source, pair, value));
    }
  }
  if (missing.length > 0) edits.push(...insertMapEntries(source, map, missing));
  return edits;
}

/** Gives a key whose value is empty (`key:` or `key: null` / `~`) a value. */
function fillNullValue(source: SourceText, pair: Pair, value: YamlValue): TextEdit[] {
  const style = detectStyle(source);
  const eol = source.eol;
  const keyStart = pairStart(pair);
  const keyLine = lineOf(source, keyStart);
  const keyColumn = columnOf(source, keyStart);
  const valueNode = pair.value as Node | null;
  const edits: TextEdit[] = [];
  let insertAt: number;
  if (valueNode && isScalar(valueNode) && contentEnd(source, valueNode) > nodeStart(valueNode)) {
    // Explicit `null` / `~`: remove it (and the space before it).
    let start = nodeStart(valueNode);
    while (start > 0 && source.text[start - 1] === ' ') start--;
    edits.push(edit(source, start, contentEnd(source, valueNode), ''));
    insertAt = contentEnd(source, valueNode);
  } else {
    const keyEnd = contentEnd(source, pair.key);
    const colon = source.text.indexOf(':', keyEnd);
    insertAt = colon >= 0 ? colon + 1 : keyEnd;
  }
  if (!isCollectionValue(value)) {
    edits.push(edit(source, insertAt, insertAt, ` ${renderFlow(value)}`));
    return edits;
  }
  const lines = Array.isArray(value) ? renderItems(value, keyColumn + style.sequenceIndent, style) : renderEntries(Object.entries(value).map(([key, v]) => ({ key, value: v })), keyColumn + style.indent, style);
  const lineEnd = source.lineEnd(keyLine);
  edits.push(edit(source, lineEnd, lineEnd, eol + lines.join(eol)));
  return edits;
}

/** Replaces a scalar's value, keeping its quoting style where the value allows it. */
export function setScalar(source: SourceText, node: Scalar, value: YamlValue): TextEdit {
  const start = nodeStart(node);
  const end = contentEnd(source, node);
  let text: string;
  if (typeof value === 'string' && node.type === 'QUOTE_DOUBLE') text = JSON.stringify(value);
  else if (typeof value === 'string' && node.type === 'QUOTE_SINGLE') text = `'${value.replace(/'/g, "''")}'`;
  else text = renderFlow(value);
  return edit(source, start, end, text);
}

/** Range of whole lines from the line of `start` to the line of `end`. */
function wholeLines(source: SourceText, start: number, end: number): TextEdit {
  return { range: source.wholeLinesRange(lineOf(source, start), lineOf(source, Math.max(start, end))), newText: '' };
}

/**
 * Edits that empty a block collection that loses its last entry: the parent key gets `{}`/`[]`
 * (or the collection's own text becomes `{}`/`[]` when it starts after `- ` or is a root).
 */
function emptyCollection(source: SourceText, collection: YAMLMap | YAMLSeq, empty: string): TextEdit[] {
  const start = nodeStart(collection);
  const end = contentEnd(source, collection);
  if (!startsLine(source, start)) return [edit(source, start, end, empty)];
  // Find the parent key line: the previous content line ending with `:`.
  let line = lineOf(source, start) - 1;
  while (line >= 0) {
    const trimmed = source.lineText(line).trim();
    if (trimmed !== '' && !trimmed.startsWith('#')) break;
    line--;
  }
  const parentText = line >= 0 ? source.lineText(line).replace(/(?<!\s)\s+#.*$/, '').trimEnd() : '';
  if (line < 0 || !parentText.endsWith(':')) return [edit(source, start, end, empty)];
  const at = beforeTrailingComment(source, line, source.lineStart(line));
  return [edit(source, at, at, ` ${empty}`), wholeLines(source, start, end)];
}

/** Removes a key and its value block. */
export function removePair(source: SourceText, map: YAMLMap, key: string): TextEdit[] {
  const index = map.items.findIndex((pair) => pairKey(pair) === key);
  if (index < 0) return [];
  const pair = map.items[index];
  const start = pairStart(pair);
  const end = pairEnd(source, pair);
  if (map.flow) {
    if (map.items.length === 1) return [edit(source, nodeStart(map) + 1, nodeEnd(map) - 1, '')];
    if (index < map.items.length - 1) return [edit(source, start, pairStart(map.items[index + 1]), '')];
    return [edit(source, pairEnd(source, map.items[index - 1]), end, '')];
  }
  if (map.items.length === 1) return emptyCollection(source, map, '{}');
  if (!startsLine(source, start)) {
    // First key of a sequence item (`- name: x`): the next key moves up onto the dash line.
    const next = map.items[index + 1];
    if (next && index === 0) return [edit(source, start, pairStart(next), '')];
  }
  return [wholeLines(source, start, end)];
}

/** Removes one sequence item (block or flow), leaving `[]` when it was the last one. */
export function removeSeqItem(source: SourceText, seq: YAMLSeq, index: number): TextEdit[] {
  const item = seq.items[index] as Node | Pair | undefined;
  if (item === undefined) return [];
  const itemStart = isPair(item) ? pairStart(item) : nodeStart(item);
  const itemEnd = isPair(item) ? pairEnd(source, item) : contentEnd(source, item);
  if (seq.flow) {
    if (seq.items.length === 1) return [edit(source, nodeStart(seq) + 1, nodeEnd(seq) - 1, '')];
    const startOf = (i: number): number => {
      const it = seq.items[i] as Node | Pair;
      return isPair(it) ? pairStart(it) : nodeStart(it);
    };
    const endOf = (i: number): number => {
      const it = seq.items[i] as Node | Pair;
      return isPair(it) ? pairEnd(source, it) : contentEnd(source, it);
    };
    if (index < seq.items.length - 1) return [edit(source, itemStart, startOf(index + 1), '')];
    return [edit(source, endOf(index - 1), itemEnd, '')];
  }
  if (seq.items.length === 1) return emptyCollection(source, seq, '[]');
  // The item's dash: the last `-` before the item on its line.
  const line = lineOf(source, itemStart);
  const prefix = source.text.slice(source.lineStart(line), itemStart);
  if (/^\s*(?:-\s+)+$/.test(prefix) && prefix.trim() === '-') return [wholeLines(source, itemStart, itemEnd)];
  if (/^\s*-\s*$/.test(prefix)) return [wholeLines(source, itemStart, itemEnd)];
  // Nested dashes (`- - a`): remove just the text.
  return [edit(source, itemStart, itemEnd, '')];
}

/** Appends an item to a sequence (block or flow). */
export function appendSeqItem(source: SourceText, seq: YAMLSeq, value: YamlValue): TextEdit[] {
  const style = detectStyle(source);
  if (seq.flow || seq.items.length === 0) {
    const close = nodeEnd(seq) - 1;
    if (source.text[close] !== ']') return [];
    if (seq.items.length === 0) return [edit(source, nodeStart(seq) + 1, close, renderFlow(value))];
    const last = seq.items[seq.items.length - 1] as Node | Pair;
    const at = isPair(last) ? pairEnd(source, last) : contentEnd(source, last);
    return [edit(source, at, at, `, ${renderFlow(value)}`)];
  }
  const last = seq.items[seq.items.length - 1] as Node | Pair;
  const lastStart = isPair(last) ? pairStart(last) : nodeStart(last);
  const lastEnd = isPair(last) ? pairEnd(source, last) : contentEnd(source, last);
  const firstStart = nodeStart(seq);
  const dashColumn = columnOf(source, firstStart);
  void lastStart;
  const lines = renderItem(value, dashColumn, style);
  const at = source.lineEnd(lineOf(source, lastEnd));
  return [edit(source, at, at, source.eol + lines.join(source.eol))];
}

/** Convenience: a single pair's value node, aliases resolved. */
export function pairValue(pair: Pair | undefined): Node | undefined {
  return pair ? resolveNode(pair.value) : undefined;
}
