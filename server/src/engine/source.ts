import type { Position, Range } from './types';

/** The text of a document with fast offset <-> position conversion. */
export class SourceText {
  readonly text: string;
  private readonly lineStarts: number[];

  constructor(text: string) {
    this.text = text;
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** Per line: the first line at or after it that is neither blank nor a `#` comment (built once). */
  private contentLines?: Int32Array;

  /**
   * The first line at or after `line` that is neither blank nor a `#` comment (`lineCount` when
   * none). Suppression scopes skip comment lines with it: scanning forward from every comment made
   * a file of 10,000 consecutive comments take seconds (quadratic, found by fuzzing).
   */
  nextContentLine(line: number): number {
    const count = this.lineStarts.length;
    if (!this.contentLines) {
      const next = new Int32Array(count + 1);
      next[count] = count;
      for (let l = count - 1; l >= 0; l--) {
        const trimmed = this.lineText(l).trim();
        next[l] = trimmed === '' || trimmed.startsWith('#') ? next[l + 1] : l;
      }
      this.contentLines = next;
    }
    return this.contentLines[Math.max(0, Math.min(line, count))];
  }

  /** The line break style the file mostly uses, for inserted text. */
  get eol(): string {
    const firstBreak = this.text.indexOf('\n');
    return firstBreak > 0 && this.text.charCodeAt(firstBreak - 1) === 13 ? '\r\n' : '\n';
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[position.line];
    const end = this.lineEnd(position.line);
    return Math.min(start + Math.max(0, position.character), end);
  }

  rangeAt(startOffset: number, endOffset: number): Range {
    return { start: this.positionAt(startOffset), end: this.positionAt(endOffset) };
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }

  /** Offset of the end of a line's content, before its line break. */
  lineEnd(line: number): number {
    if (line + 1 >= this.lineStarts.length) return this.text.length;
    let end = this.lineStarts[line + 1];
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  /** Leading whitespace of a line. */
  indentation(line: number): string {
    const match = /^[ \t]*/.exec(this.lineText(line));
    return match ? match[0] : '';
  }

  /** Range covering whole lines [first, last], including the last line's break (for deletions). */
  wholeLinesRange(first: number, last: number): Range {
    if (last + 1 < this.lineStarts.length) {
      return { start: { line: first, character: 0 }, end: { line: last + 1, character: 0 } };
    }
    // Last line of the file: also remove the break before it so no empty line remains.
    if (first > 0) {
      const previousEnd = this.lineEnd(first - 1);
      return { start: this.positionAt(previousEnd), end: this.positionAt(this.text.length) };
    }
    return { start: { line: first, character: 0 }, end: this.positionAt(this.text.length) };
  }
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function rangeContains(outer: Range, inner: Range): boolean {
  return comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0;
}

/** Applies non-overlapping edits given in document offsets; used by fixes' tests and the CLI. */
export function applyEdits(source: SourceText, edits: Array<{ range: Range; newText: string }>): string {
  const withOffsets = edits
    .map((edit, index) => ({ start: source.offsetAt(edit.range.start), end: source.offsetAt(edit.range.end), newText: edit.newText, index }))
    // Applied from the end; inserts at the same offset keep their array order in the result (as LSP specifies).
    .sort((a, b) => b.start - a.start || b.end - a.end || b.index - a.index);
  let text = source.text;
  let lastStart = Number.POSITIVE_INFINITY;
  const seen = new Set<string>();
  for (const edit of withOffsets) {
    // The same edit proposed by two findings (e.g. one SHELL line for a stage) is applied once.
    const key = `${edit.start}:${edit.end}:${edit.newText}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (edit.end > lastStart) continue; // overlapping edit: skip rather than corrupt
    text = text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
    lastStart = edit.start;
  }
  return text;
}
