// Where and how an attestation is written into `.lashing.yaml`: one minimal text edit that keeps the rest of
// the file (comments, order, formatting) as it is. No editor imports, so it is unit-tested directly.

import { parseDocument, isMap, isSeq, isScalar, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';

export interface AttestationEntry {
  item: string;
  reason: string;
  by?: string;
  date?: string;
}

/** Replace `text.slice(start, end)` with `newText`. */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

export class AttestationEditError extends Error {}

const HEADER = '# Lashing configuration: https://github.com/lashing-security/lashing#configuration';

function quote(value: string): string {
  return JSON.stringify(value);
}

/** The YAML lines of one list entry, each starting with `indent`. */
export function entryLines(entry: AttestationEntry, indent: string, eol: string): string {
  const lines = [`${indent}- item: ${entry.item}`, `${indent}  reason: ${quote(entry.reason.trim())}`];
  if (entry.by) lines.push(`${indent}  by: ${quote(entry.by)}`);
  if (entry.date) lines.push(`${indent}  date: ${quote(entry.date)}`);
  return lines.join(eol) + eol;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset just after the end of the line that holds `offset` (after its line break; text end if none). */
function nextLineStart(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}

function column(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

/** Prefix for text inserted at `offset`: a line break when the file does not end with one. */
function atLineStart(text: string, offset: number, eol: string): string {
  return offset > 0 && text[offset - 1] !== '\n' ? eol : '';
}

function findPair(map: YAMLMap, key: string): Pair<Node, Node | null> | undefined {
  return (map.items as Array<Pair<Node, Node | null>>).find((pair) => isScalar(pair.key) && String(pair.key.value) === key);
}

function nodeEnd(node: Node): number {
  const range = node.range;
  return range ? range[1] : 0;
}

/**
 * The edit that records `entry` in `.lashing.yaml` (`text` undefined: the file does not exist yet).
 * An attestation for the same item is replaced; otherwise the entry is appended to `checklist.attestations`,
 * creating the keys it needs.
 */
export function attestationEdit(text: string | undefined, entry: AttestationEntry): OffsetEdit {
  const source = text ?? '';
  const eol = source.includes('\r\n') ? '\r\n' : '\n';
  const fullBlock = (indent: string) => `${indent}checklist:${eol}${indent}  attestations:${eol}${entryLines(entry, `${indent}    `, eol)}`;
  if (source.trim() === '') return { start: 0, end: source.length, newText: `${HEADER}${eol}${fullBlock('')}` };

  const document = parseDocument(source, { keepSourceTokens: false });
  if (document.errors.length > 0) {
    throw new AttestationEditError(`.lashing.yaml is not valid YAML (${document.errors[0].message.split('\n')[0]}): fix it first.`);
  }
  const root = document.contents as Node | null;
  if (root === null || root === undefined) {
    return { start: source.length, end: source.length, newText: atLineStart(source, source.length, eol) + fullBlock('') };
  }
  if (!isMap(root) || root.flow) throw new AttestationEditError('.lashing.yaml must be a block mapping of settings to add an attestation.');

  const checklistPair = findPair(root, 'checklist');
  if (!checklistPair) {
    const indent = ' '.repeat(column(source, (root.items[0].key as Node).range?.[0] ?? 0));
    const at = source.length;
    return { start: at, end: at, newText: atLineStart(source, at, eol) + fullBlock(indent) };
  }
  const checklistKey = checklistPair.key as Node;
  const checklistIndent = column(source, checklistKey.range?.[0] ?? 0);
  const checklist = checklistPair.value;
  if (checklist === null || checklist === undefined || (isScalar(checklist) && (checklist.value === null || checklist.value === ''))) {
    const at = nextLineStart(source, checklistKey.range?.[1] ?? 0);
    const indent = ' '.repeat(checklistIndent + 2);
    return { start: at, end: at, newText: atLineStart(source, at, eol) + `${indent}attestations:${eol}${entryLines(entry, `${indent}  `, eol)}` };
  }
  if (!isMap(checklist) || checklist.flow) throw new AttestationEditError('`checklist` in .lashing.yaml must be a block mapping to add an attestation.');

  const attestationsPair = findPair(checklist, 'attestations');
  const memberIndent = column(source, (checklist.items[0].key as Node).range?.[0] ?? 0);
  if (!attestationsPair) {
    const at = nextLineStart(source, Math.max(0, nodeEnd(checklist) - 1));
    const indent = ' '.repeat(memberIndent);
    return { start: at, end: at, newText: atLineStart(source, at, eol) + `${indent}attestations:${eol}${entryLines(entry, `${indent}  `, eol)}` };
  }
  const attestationsKey = attestationsPair.key as Node;
  const attestations = attestationsPair.value;
  const keyIndent = column(source, attestationsKey.range?.[0] ?? 0);
  if (attestations === null || attestations === undefined || (isScalar(attestations) && (attestations.value === null || attestations.value === ''))) {
    const at = nextLineStart(source, attestationsKey.range?.[1] ?? 0);
    return { start: at, end: at, newText: atLineStart(source, at, eol) + entryLines(entry, ' '.repeat(keyIndent + 2), eol) };
  }
  if (!isSeq(attestations)) throw new AttestationEditError('`checklist.attestations` in .lashing.yaml must be a list.');
  const seq = attestations as YAMLSeq<Node>;

  if (seq.flow) {
    // `attestations: []` or a flow list: rewrite it as a block list with the existing entries kept.
    const existing = (seq.toJSON() as unknown[]).filter((value): value is Record<string, unknown> => typeof value === 'object' && value !== null);
    const entries = existing
      .filter((value) => value.item !== entry.item)
      .map((value): AttestationEntry => ({ item: String(value.item ?? ''), reason: String(value.reason ?? ''), by: typeof value.by === 'string' ? value.by : undefined, date: value.date !== undefined ? String(value.date) : undefined }));
    entries.push(entry);
    const indent = ' '.repeat(keyIndent + 2);
    const start = (attestationsKey.range?.[1] ?? 0) + source.slice(attestationsKey.range?.[1] ?? 0).indexOf(':') + 1;
    const end = seq.range?.[1] ?? start;
    return { start, end: nextLineStart(source, Math.max(start, end - 1)), newText: eol + entries.map((value) => entryLines(value, indent, eol)).join('') };
  }

  const items = seq.items as Node[];
  if (items.length === 0) {
    const at = nextLineStart(source, attestationsKey.range?.[1] ?? 0);
    return { start: at, end: at, newText: atLineStart(source, at, eol) + entryLines(entry, ' '.repeat(keyIndent + 2), eol) };
  }
  const dashOf = (node: Node): number => {
    const start = node.range?.[0] ?? 0;
    const dash = source.lastIndexOf('-', start);
    return dash >= lineStart(source, start) ? dash : start;
  };
  const dashIndent = ' '.repeat(column(source, dashOf(items[0])));
  const same = items.find((node) => isMap(node) && String((node.toJSON() as Record<string, unknown>).item ?? '').trim() === entry.item);
  if (same) {
    const start = lineStart(source, dashOf(same));
    const end = nextLineStart(source, Math.max(start, nodeEnd(same) - 1));
    return { start, end, newText: entryLines(entry, dashIndent, eol) };
  }
  const last = items[items.length - 1];
  const at = nextLineStart(source, Math.max(0, nodeEnd(last) - 1));
  return { start: at, end: at, newText: atLineStart(source, at, eol) + entryLines(entry, dashIndent, eol) };
}

/** Applies an offset edit (for tests and previews). */
export function applyOffsetEdit(text: string, edit: OffsetEdit): string {
  return text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
}
