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

export function parseYamlDocuments(source: SourceText): YamlDocument[] {
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
  docs.forEach((doc, index) => {
    const contents = doc.contents as Node | null;
    const range: [number, number] = doc.range ? [doc.range[0], doc.range[2]] : [0, text.length];
    const errors: YamlError[] = doc.errors.map((error) => ({
      message: error.message.split('\n')[0],
      range: source.rangeAt(error.pos[0], Math.max(error.pos[0], error.pos[1])),
    }));
    if (text.includes('*')) indexAliases(doc);
    result.push({ index, doc, root: isMap(contents) ? contents : undefined, errors, range, comments: [] });
  });
  // Give each comment to the document whose range holds it (comments between documents go to the next one).
  let docIndex = 0;
  for (const comment of comments) {
    while (docIndex + 1 < result.length && result[docIndex + 1].range[0] <= comment.start) docIndex++;
    if (result.length > 0) result[docIndex].comments.push(comment);
  }
  if (result.length === 0 && comments.length > 0) {
    // A file of comments only: keep them for suppression scanning on an empty document.
    const empty = emptyDocument(source);
    empty.comments = comments;
    result.push(empty);
  }
  return result;
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

/** Every comment token of the CST, in document order. */
function collectCstComments(source: SourceText, tokens: unknown[]): SourceComment[] {
  const found: SourceComment[] = [];
  const seen = new Set<number>();
  const stack: unknown[] = [...tokens].reverse();
  while (stack.length > 0) {
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
    const values = Object.values(token);
    for (let i = values.length - 1; i >= 0; i--) {
      const value = values[i];
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
  let target = line;
  while (target < source.lineCount) {
    const trimmed = source.lineText(target).trim();
    if (trimmed !== '' && !trimmed.startsWith('#')) break;
    target++;
  }
  if (target >= source.lineCount) return { first: line, last: line };
  const last = scopeIndex(source, docs).get(target);
  return { first: line, last: Math.max(target, last ?? target) };
}
