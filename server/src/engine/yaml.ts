// YAML parsing with exact positions, shared by the Kubernetes and Compose models.
// One parse per document version: the CST (for comments) and the composed documents (for values).

import { Composer, Parser, isAlias, isCollection, isMap, isPair, isScalar, isSeq, visit, type Document, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { SourceComment } from './language';
import type { SourceText } from './source';
import type { Range } from './types';

export interface YamlError {
  message: string;
  range: Range;
}

export interface YamlDocument {
  /** Zero-based index of the document in the stream. */
  index: number;
  doc: Document.Parsed;
  /** The top-level mapping, when the document is one. */
  root: YAMLMap | undefined;
  errors: YamlError[];
  /** Offsets of the document's content. */
  range: [number, number];
  /** Comments of this document (filled by `parseYamlDocuments`). */
  comments: SourceComment[];
}

const PARSE_OPTIONS = { keepSourceTokens: false, uniqueKeys: false, prettyErrors: false, strict: false, merge: false } as const;
/** Expanding aliases in `toJS` is limited so a "billion laughs" document cannot exhaust memory. */
export const MAX_ALIAS_COUNT = 100;

/** Targets of aliases, resolved once per parse (an alias names the last anchor before it). */
const aliasTargets = new WeakMap<object, Node>();

/**
 * Parses every document of a YAML stream. `previous` is the result of parsing an earlier version
 * of the same file: documents whose text did not change are reused instead of parsed again (see
 * "Incremental re-parsing" below). Reused documents are moved, in place, to their new offsets, so
 * the previous result must not be used afterwards.
 */
export function parseYamlDocuments(source: SourceText, previous?: readonly YamlDocument[]): YamlDocument[] {
  const chunks = splitDocuments(source.text);
  const records = previous && chunks ? chunkRecords.get(previous) : undefined;
  if (chunks && records) {
    const reused = parseIncrementally(source, chunks, records);
    if (reused) return reused;
  }
  const result = parseStream(source);
  if (chunks) recordChunks(source, chunks, result);
  return result;
}

/** One parse of the whole stream (the reference behaviour; the incremental path must match it). */
function parseStream(source: SourceText): YamlDocument[] {
  const text = source.text;
  const result: YamlDocument[] = [];
  let tokens: unknown[];
  try {
    tokens = Array.from(new Parser().parse(text));
  } catch (error) {
    return [failedDocument(source, error)];
  }
  const comments = collectCstComments(source, tokens);
  let docs: Document.Parsed[];
  try {
    docs = Array.from(new Composer(PARSE_OPTIONS).compose(tokens as never)) as Document.Parsed[];
  } catch (error) {
    return [failedDocument(source, error)];
  }
  const anchors = text.includes('*') && text.includes('&');
  docs.forEach((doc, index) => result.push(toYamlDocument(source, doc, index, anchors)));
  assignComments(result, comments);
  if (result.length === 0 && comments.length > 0) {
    // A file of comments only: keep them for suppression scanning on an empty document.
    const empty = emptyDocument(source);
    empty.comments = comments;
    result.push(empty);
  }
  return result;
}

function toYamlDocument(source: SourceText, doc: Document.Parsed, index: number, anchors: boolean): YamlDocument {
  const contents = doc.contents as Node | null;
  const range: [number, number] = doc.range ? [doc.range[0], doc.range[2]] : [0, source.text.length];
  const errors: YamlError[] = doc.errors.map((error) => ({
    message: error.message.split('\n')[0],
    range: source.rangeAt(error.pos[0], Math.max(error.pos[0], error.pos[1])),
  }));
  // Aliases only resolve to anchors of their own document: without `&` in it there is nothing to index.
  if (anchors && source.text.slice(range[0], range[1]).includes('&')) indexAliases(doc);
  return { index, doc, root: isMap(contents) ? contents : undefined, errors, range, comments: [] };
}

/** Gives each comment to the document whose range holds it (comments between documents go to the next one). */
function assignComments(result: YamlDocument[], comments: SourceComment[]): void {
  let docIndex = 0;
  for (const comment of comments) {
    while (docIndex + 1 < result.length && result[docIndex + 1].range[0] <= comment.start) docIndex++;
    if (result.length > 0) result[docIndex].comments.push(comment);
  }
}

// ---------------------------------------------------------------------------------------------
// Incremental re-parsing
//
// A `---` line starts a new document wherever it appears: YAML ends every scalar, quoted string,
// block scalar and flow collection at a document marker in the first column, and the `yaml` lexer
// does the same. So the text between two such lines (a "chunk") parses the same whatever comes
// before or after it, and a chunk whose text is unchanged since the previous version need not be
// parsed again: its document is reused, its node offsets moved by how much the text before it grew
// or shrank. Only edited chunks are parsed, each on its own with a parser whose offsets start at
// the chunk, so their nodes get document offsets directly. Where this reasoning might not hold
// the whole stream is parsed: directives `%…`, `...` end markers, a byte-order mark, lone `\r`
// line breaks, a chunk holding other than one document, and a quoted scalar that is never closed
// (the `yaml` lexer runs it on over `---` lines to the end of the stream; see chunkLocal).
// test/perf/incremental.test.ts checks on random edits that the result (and every rule's
// findings) equals a full parse.

interface ChunkRecord {
  text: string;
  start: number;
  line: number;
  /** The chunk's document (none for comments before the first `---`). */
  document: YamlDocument | undefined;
  /** The chunk's comments (a document's `comments` may also hold those of a preceding comment-only chunk). */
  comments: SourceComment[];
  /** Offsets of the document's errors, to recompute their ranges when the document moves. */
  errorOffsets: Array<[number, number]>;
  /** The document was taken by a later parse (and may have moved): this record is out of date. */
  taken: boolean;
}

const chunkRecords = new WeakMap<readonly YamlDocument[], ChunkRecord[]>();

/** Start and end offsets of the chunks, or undefined when splitting at `---` lines might not be exact. */
function splitDocuments(text: string): Array<[number, number]> | undefined {
  if (text.charCodeAt(0) === 0xfeff || text.startsWith('%') || text.startsWith('...') || text.includes('\n%') || text.includes('\n...')) return undefined;
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== 10) return undefined;
  const starts = [0]; // the first chunk: a document without `---`, comments, or a document with it
  for (let i = text.indexOf('\n---'); i >= 0; i = text.indexOf('\n---', i + 4)) {
    if (isMarkerAt(text, i + 1)) starts.push(i + 1);
  }
  if (starts.length < 2) return undefined; // one document: nothing to reuse
  return starts.map((start, index) => [start, index + 1 < starts.length ? starts[index + 1] : text.length]);
}

function isMarkerAt(text: string, offset: number): boolean {
  if (!text.startsWith('---', offset)) return false;
  const next = text.charCodeAt(offset + 3);
  return Number.isNaN(next) || next === 32 || next === 9 || next === 10 || next === 13;
}

/** Remembers which document and comments came from which chunk, for the next version's parse. */
function recordChunks(source: SourceText, chunks: Array<[number, number]>, result: YamlDocument[]): void {
  // A version with syntax errors is recorded too: its documents can be reused by the next version
  // where their errors stay in their chunk (see chunkLocal).
  if (result.some((document) => !document.doc.range)) return;
  const records: ChunkRecord[] = [];
  let docIndex = 0;
  let commentIndex = 0;
  const comments = result.flatMap((document) => document.comments);
  for (const [start, end] of chunks) {
    let document: YamlDocument | undefined;
    if (docIndex < result.length && result[docIndex].range[0] >= start && result[docIndex].range[0] < end) document = result[docIndex++];
    // Every chunk after the first starts a document, which ends in the chunk; no second one starts there.
    if (!document && start > 0) return;
    if (document && document.range[1] > end) return;
    if (docIndex < result.length && result[docIndex].range[0] < end) return;
    const own: SourceComment[] = [];
    while (commentIndex < comments.length && comments[commentIndex].start < end) own.push(comments[commentIndex++]);
    const errorOffsets = document ? document.doc.errors.map((error): [number, number] => [error.pos[0], error.pos[1]]) : [];
    records.push({ text: source.text.slice(start, end), start, line: source.positionAt(start).line, document, comments: own, errorOffsets, taken: false });
  }
  if (docIndex !== result.length) return;
  chunkRecords.set(result, records);
}

function parseIncrementally(source: SourceText, chunks: Array<[number, number]>, previous: ChunkRecord[]): YamlDocument[] | undefined {
  const available = new Map<string, ChunkRecord[]>();
  for (const record of previous) {
    if (record.taken || (record.document && !chunkLocal(record.document.doc))) continue;
    const list = available.get(record.text);
    if (list) list.push(record);
    else available.set(record.text, [record]);
  }
  const records: ChunkRecord[] = [];
  const anchors = source.text.includes('*') && source.text.includes('&');
  for (const [start, end] of chunks) {
    const text = source.text.slice(start, end);
    const line = source.positionAt(start).line;
    const candidates = available.get(text);
    let record: ChunkRecord | undefined;
    if (candidates && candidates.length > 0) {
      const same = candidates.findIndex((candidate) => candidate.start === start);
      record = moveChunk(source, candidates.splice(same >= 0 ? same : 0, 1)[0], start, line);
    } else {
      record = parseChunk(source, text, start, line, anchors);
      if (!record) return undefined;
    }
    records.push(record);
  }
  const result: YamlDocument[] = [];
  for (const record of records) {
    if (!record.document) continue;
    record.document.index = result.length;
    record.document.comments = [];
    result.push(record.document);
  }
  if (result.length === 0) return undefined;
  assignComments(result, records.flatMap((record) => record.comments));
  chunkRecords.set(result, records);
  return result;
}

/**
 * Whether a chunk's document parses the same alone as within the stream. Syntax errors mostly stay
 * inside their chunk (the next `---` line ends every construct), so the rest of a file being edited
 * is still reused while one document is broken. Not so a quoted scalar that is never closed: the
 * `yaml` lexer runs it on over `---` lines to the end of the stream (`MISSING_CHAR`).
 */
function chunkLocal(doc: Document.Parsed): boolean {
  return doc.errors.every((error) => error.code !== 'MISSING_CHAR');
}

function parseChunk(source: SourceText, text: string, start: number, line: number, anchors: boolean): ChunkRecord | undefined {
  try {
    const parser = new Parser();
    parser.offset = start; // tokens (and so nodes and errors) get offsets in the whole text
    const tokens = Array.from(parser.parse(text));
    const comments = collectCstComments(source, tokens, text);
    const docs = Array.from(new Composer(PARSE_OPTIONS).compose(tokens as never)) as Document.Parsed[];
    if (docs.length > 1 || docs.some((doc) => !doc.range || !chunkLocal(doc))) return undefined;
    if (docs.length === 0 && start > 0) return undefined;
    const document = docs.length === 1 ? toYamlDocument(source, docs[0], 0, anchors) : undefined;
    const errorOffsets = docs.length === 1 ? docs[0].errors.map((error): [number, number] => [error.pos[0], error.pos[1]]) : [];
    return { text, start, line, document, comments, errorOffsets, taken: false };
  } catch {
    return undefined;
  }
}

/** Takes a previous chunk's document and comments for the same text at `start` (moving them if needed). */
function moveChunk(source: SourceText, old: ChunkRecord, start: number, line: number): ChunkRecord {
  old.taken = true;
  const delta = start - old.start;
  const lines = line - old.line;
  const document = old.document;
  let errorOffsets = old.errorOffsets;
  if (delta !== 0) {
    errorOffsets = errorOffsets.map(([from, to]): [number, number] => [from + delta, to + delta]);
    if (document) {
      shiftNode(document.doc.contents, delta);
      const range = document.doc.range as unknown as number[];
      for (let i = 0; i < range.length; i++) range[i] += delta;
      for (const error of [...document.doc.errors, ...document.doc.warnings]) {
        error.pos[0] += delta;
        error.pos[1] += delta;
      }
      document.range = [document.range[0] + delta, document.range[1] + delta];
    }
  }
  if (document && (delta !== 0 || lines !== 0)) {
    document.errors = document.errors.map((error, i) => ({
      message: error.message,
      range: errorOffsets[i] ? source.rangeAt(errorOffsets[i][0], Math.max(errorOffsets[i][0], errorOffsets[i][1])) : error.range,
    }));
  }
  const comments = delta === 0 && lines === 0 ? old.comments : old.comments.map((comment) => ({ ...comment, start: comment.start + delta, end: comment.end + delta, line: comment.line + lines }));
  return { text: old.text, start, line, document, comments, errorOffsets, taken: false };
}

/** Adds `delta` to the offsets of a node and everything in it (iteratively: nesting may be deep). */
function shiftNode(root: unknown, delta: number): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node || typeof node !== 'object') continue;
    const range = (node as { range?: number[] | null }).range;
    if (range) for (let i = 0; i < range.length; i++) range[i] += delta;
    if (isMap(node) || isSeq(node)) {
      for (const item of (node as YAMLMap | YAMLSeq).items as unknown[]) {
        if (isPair(item)) stack.push(item.key, item.value);
        else stack.push(item);
      }
    }
  }
}

function failedDocument(source: SourceText, error: unknown): YamlDocument {
  const doc = emptyDocument(source);
  doc.errors.push({ message: `Cannot parse YAML: ${error instanceof Error ? error.message : String(error)}`, range: source.rangeAt(0, 0) });
  return doc;
}

function emptyDocument(source: SourceText): YamlDocument {
  const doc = Array.from(new Composer(PARSE_OPTIONS).compose([], true))[0] as Document.Parsed;
  return { index: 0, doc, root: undefined, errors: [], range: [0, source.text.length], comments: [] };
}

function indexAliases(doc: Document.Parsed): void {
  const anchors = new Map<string, Node>();
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        if (target) aliasTargets.set(node, target);
      } else if (node.anchor) {
        anchors.set(node.anchor, node);
      }
    },
  });
}

/** CST fields that can hold tokens (see yaml's `CST.Token` types); other fields are scalars. */
const CST_CHILD_FIELDS = ['start', 'key', 'sep', 'value', 'end', 'items', 'props'] as const;

/** Every comment token of the CST, in document order. */
/** `text`: the text the tokens were parsed from (the whole source, or one chunk of it). */
function collectCstComments(source: SourceText, tokens: unknown[], text = source.text): SourceComment[] {
  const found: SourceComment[] = [];
  // Every comment starts at a `#`: with none in the text there is nothing to find, and once as many
  // comments as `#`s are found (none inside a string or a comment) the rest of the walk finds none.
  let hashes = 0;
  for (let i = text.indexOf('#'); i >= 0; i = text.indexOf('#', i + 1)) hashes++;
  if (hashes === 0) return found;
  const seen = new Set<number>();
  const stack: unknown[] = [...tokens].reverse();
  while (stack.length > 0 && found.length < hashes) {
    const item = stack.pop();
    if (!item || typeof item !== 'object') continue;
    if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) stack.push(item[i]);
      continue;
    }
    const token = item as { type?: string; offset?: number; source?: string };
    if (token.type === 'comment' && typeof token.offset === 'number' && typeof token.source === 'string') {
      if (!seen.has(token.offset)) {
        seen.add(token.offset);
        found.push(makeComment(source, token.offset, token.offset + token.source.length));
      }
      continue;
    }
    // Only the fields that hold tokens are walked (Object.values on every token was a tenth of
    // the parse); CST collection items have no `type` and the same fields.
    const fields = item as Record<string, unknown>;
    for (let i = CST_CHILD_FIELDS.length - 1; i >= 0; i--) {
      const value = fields[CST_CHILD_FIELDS[i]];
      if (value && typeof value === 'object') stack.push(value);
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

function makeComment(source: SourceText, start: number, end: number): SourceComment {
  const position = source.positionAt(start);
  const lineStart = source.lineStart(position.line);
  const before = source.text.slice(lineStart, start);
  return { line: position.line, start, end, text: source.text.slice(start + 1, end), ownLine: before.trim() === '' };
}

// ---------------------------------------------------------------------------------------------
// Navigation

/** Follows an alias to the node it names (other nodes are returned as they are). */
export function resolveNode(node: unknown): Node | undefined {
  if (node === null || node === undefined) return undefined;
  if (isAlias(node)) return aliasTargets.get(node);
  if (isScalar(node) || isCollection(node)) return node as Node;
  return undefined;
}

export interface MapEntry {
  pair: Pair;
  key: string;
  /** The value, aliases resolved. */
  value: Node | undefined;
  /** The map that holds the pair: the map itself, or the anchored map merged with `<<`. */
  origin: YAMLMap;
}

function keyString(pair: Pair): string | undefined {
  const key = resolveNode(pair.key);
  if (isScalar(key)) return key.value === null ? '' : String(key.value);
  return undefined;
}

/** The map's own pairs, then pairs merged with `<<: *anchor` (own keys win; each merged pair once). */
export function mapEntries(map: YAMLMap | undefined): MapEntry[] {
  if (!map) return [];
  const entries: MapEntry[] = [];
  const seen = new Set<string>();
  const visiting = new Set<YAMLMap>();
  const collect = (current: YAMLMap, depth: number): void => {
    if (visiting.has(current) || depth > 10) return;
    visiting.add(current);
    const merges: Node[] = [];
    for (const pair of current.items) {
      const key = keyString(pair);
      if (key === undefined) continue;
      if (key === '<<' && isScalar(pair.key) && pair.key.type === 'PLAIN') {
        merges.push(pair.value as Node);
        continue;
      }
      if (seen.has(key)) continue;
      seen.add(key);
      entries.push({ pair, key, value: resolveNode(pair.value), origin: current });
    }
    for (const merge of merges) {
      const raw = resolveNode(merge);
      const sources = isSeq(raw) ? raw.items.map(resolveNode) : [raw];
      for (const merged of sources) if (isMap(merged)) collect(merged, depth + 1);
    }
  };
  collect(map, 0);
  return entries;
}

/** The pair for `key` (own or merged), or undefined. */
export function getPair(map: YAMLMap | undefined, key: string): Pair | undefined {
  if (!map) return undefined;
  let merges = false;
  for (const pair of map.items) {
    const name = keyString(pair);
    if (name === key) return pair;
    if (name === '<<') merges = true;
  }
  if (!merges) return undefined;
  return mapEntries(map).find((entry) => entry.key === key)?.pair;
}

/** The value node under a key path (aliases resolved; merge keys honoured). */
export function getNode(node: unknown, ...path: Array<string | number>): Node | undefined {
  let current = resolveNode(node);
  for (const segment of path) {
    if (current === undefined) return undefined;
    if (typeof segment === 'number') {
      if (!isSeq(current)) return undefined;
      current = resolveNode(current.items[segment]);
    } else {
      if (!isMap(current)) return undefined;
      const pair = getPair(current, segment);
      current = pair ? resolveNode(pair.value) : undefined;
    }
  }
  return current;
}

export function getMap(node: unknown, ...path: Array<string | number>): YAMLMap | undefined {
  const found = getNode(node, ...path);
  return isMap(found) ? found : undefined;
}

export function getSeq(node: unknown, ...path: Array<string | number>): YAMLSeq | undefined {
  const found = getNode(node, ...path);
  return isSeq(found) ? found : undefined;
}

export function getScalar(node: unknown, ...path: Array<string | number>): Scalar | undefined {
  const found = getNode(node, ...path);
  return isScalar(found) ? found : undefined;
}

/** The scalar's value (string, number, boolean, null) under a path, or undefined. */
export function getScalarValue(node: unknown, ...path: Array<string | number>): unknown {
  return getScalar(node, ...path)?.value;
}

/** The string under a path; numbers and booleans are given as their text, other nodes as undefined. */
export function getString(node: unknown, ...path: Array<string | number>): string | undefined {
  const scalar = getScalar(node, ...path);
  if (!scalar || scalar.value === null || scalar.value === undefined) return undefined;
  return typeof scalar.value === 'string' ? scalar.value : scalar.source ?? String(scalar.value);
}

/** Items of a sequence with aliases resolved. */
export function seqItems(seq: YAMLSeq | undefined): Array<Node | undefined> {
  return seq ? seq.items.map(resolveNode) : [];
}

/** Plain JS value of a node, aliases expanded at most MAX_ALIAS_COUNT times; undefined on failure. */
export function toJsValue(doc: Document.Parsed, node: Node | undefined): unknown {
  if (!node) return undefined;
  try {
    return node.toJS(doc, { maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    return undefined;
  }
}

/** The key as plain text (`undefined` for complex keys). */
export function pairKey(pair: Pair): string | undefined {
  return keyString(pair);
}

// ---------------------------------------------------------------------------------------------
// Ranges

/** End offset of a node's own content: trailing line breaks and comments of block collections excluded. */
export function nodeEnd(node: unknown): number {
  const resolved = node as { range?: [number, number, number] } | undefined;
  if (isMap(node) || isSeq(node)) {
    const items = (node as YAMLMap | YAMLSeq).items as unknown[];
    const flow = (node as YAMLMap).flow;
    if (!flow && items.length > 0) {
      const last = items[items.length - 1];
      if (isPair(last)) {
        const value = last.value as Node | null;
        if (value && (value as { range?: unknown }).range) return nodeEnd(value);
        return nodeEnd(last.key);
      }
      return nodeEnd(last);
    }
  }
  return resolved?.range ? resolved.range[1] : 0;
}

export function nodeStart(node: unknown): number {
  const resolved = node as { range?: [number, number, number] } | undefined;
  return resolved?.range ? resolved.range[0] : 0;
}

/** The range of a node's content. */
export function nodeRange(source: SourceText, node: Node | null | undefined): Range {
  if (!node) return source.rangeAt(0, 0);
  return source.rangeAt(nodeStart(node), Math.max(nodeStart(node), nodeEnd(node)));
}

/** The range of a pair's key. */
export function keyRange(source: SourceText, pair: Pair): Range {
  const key = pair.key as Node | null;
  if (key && (key as { range?: unknown }).range) return nodeRange(source, key);
  const value = pair.value as Node | null;
  return value ? source.rangeAt(nodeStart(value), nodeStart(value)) : source.rangeAt(0, 0);
}

/** The range from a pair's key to the end of its value. */
export function pairRange(source: SourceText, pair: Pair): Range {
  const key = pair.key as Node | null;
  const start = key ? nodeStart(key) : nodeStart(pair.value);
  const value = pair.value as Node | null;
  const end = value && (value as { range?: unknown }).range ? nodeEnd(value) : key ? nodeEnd(key) : start;
  return source.rangeAt(start, Math.max(start, end));
}

// ---------------------------------------------------------------------------------------------
// Comments and suppression scopes

/** Every `#` comment (own-line and end-of-line), outside quoted and block scalars. */
export function yamlComments(_source: SourceText, docs: YamlDocument[]): SourceComment[] {
  const result: SourceComment[] = [];
  for (const doc of docs) result.push(...doc.comments);
  return result;
}

/** Per docs array: for each line, the last line of the outermost construct that starts on it. */
const scopeCache = new WeakMap<YamlDocument[], Map<number, number>>();

function scopeIndex(source: SourceText, docs: YamlDocument[]): Map<number, number> {
  let index = scopeCache.get(docs);
  if (index) return index;
  const built = new Map<number, number>();
  const lineOf = (offset: number): number => source.positionAt(offset).line;
  const note = (start: number, end: number): void => {
    if (end < start) return;
    const first = lineOf(start);
    const last = lineOf(Math.max(start, end - 1 >= start ? end - 1 : start));
    const known = built.get(first);
    if (known === undefined || last > known) built.set(first, last);
  };
  // A block map is noted as a whole only as a sequence item or a document root (a comment above
  // `- name: app` covers the item); otherwise its pairs are noted one by one, so a comment above a
  // key never covers its siblings.
  const walk = (node: unknown, depth: number, whole: boolean): void => {
    if (depth > 200) return;
    if (isMap(node)) {
      if (whole) note(nodeStart(node), nodeEnd(node));
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        const value = pair.value as Node | null;
        const start = key && (key as { range?: unknown }).range ? nodeStart(key) : value ? nodeStart(value) : -1;
        if (start >= 0) note(start, value && (value as { range?: unknown }).range ? nodeEnd(value) : key ? nodeEnd(key) : start);
        if (value) walk(value, depth + 1, false);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) walk(item, depth + 1, true);
    } else if (whole && (isScalar(node) || isAlias(node))) {
      note(nodeStart(node), nodeEnd(node));
    }
  };
  for (const doc of docs) walk(doc.doc.contents, 0, true);
  index = built;
  scopeCache.set(docs, index);
  return index;
}

/**
 * The lines a suppression comment covers: an own-line comment covers the key on the next content
 * line and its whole value block (a comment above `- name: app` covers that container).
 */
export function yamlSuppressionScope(source: SourceText, docs: YamlDocument[], line: number): { first: number; last: number } {
  // The next content line, looked up once per file (a scan per comment was quadratic).
  const target = source.nextContentLine(line);
  if (target >= source.lineCount) return { first: line, last: line };
  const last = scopeIndex(source, docs).get(target);
  return { first: line, last: Math.max(target, last ?? target) };
}
