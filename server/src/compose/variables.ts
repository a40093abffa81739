// Compose variable interpolation (`$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
// `${VAR:?error}`, `${VAR:+alt}`, `$$`), resolved statically: a default is taken, anything that
// depends on the environment leaves the value unresolved. Linear scan, no regex backtracking.

export interface Interpolated {
  /** The text with `$$` unescaped and variables replaced by their defaults where they have one. */
  value: string;
  /** True when some variable had no usable default (its text is left as written). */
  unresolved: boolean;
  /** True when the text uses variables at all. */
  hasVariables: boolean;
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

/** Index of the `}` that closes the `${` whose content starts at `from`, or -1. */
function closingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '$' && text[i + 1] === '$') {
      i++;
    } else if (c === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (c === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

export function interpolate(text: string, depth = 0): Interpolated {
  if (!text.includes('$')) return { value: text, unresolved: false, hasVariables: false };
  let value = '';
  let unresolved = false;
  let hasVariables = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c !== '$') {
      value += c;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      value += '$';
      i += 2;
      continue;
    }
    if (next === '{') {
      const close = closingBrace(text, i + 2);
      if (close < 0) {
        // Unterminated: keep the rest as written.
        value += text.slice(i);
        unresolved = true;
        hasVariables = true;
        break;
      }
      hasVariables = true;
      const body = text.slice(i + 2, close);
      let nameEnd = 0;
      while (nameEnd < body.length && NAME_CHAR.test(body[nameEnd])) nameEnd++;
      const rest = body.slice(nameEnd);
      let fallback: string | undefined;
      if (rest.startsWith(':-')) fallback = rest.slice(2);
      else if (rest.startsWith('-')) fallback = rest.slice(1);
      if (fallback !== undefined && depth < 8) {
        const inner = interpolate(fallback, depth + 1);
        value += inner.value;
        if (inner.unresolved) unresolved = true;
      } else {
        value += text.slice(i, close + 1);
        unresolved = true;
      }
      i = close + 1;
      continue;
    }
    if (next !== undefined && NAME_START.test(next)) {
      let end = i + 2;
      while (end < text.length && NAME_CHAR.test(text[end])) end++;
      value += text.slice(i, end);
      hasVariables = true;
      unresolved = true;
      i = end;
      continue;
    }
    value += c;
    i++;
  }
  return { value, unresolved, hasVariables };
}

/** True when the whole text is one variable reference (`${VAR}`, `${VAR:-x}`, `$VAR`). */
export function isSingleVariable(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.startsWith('${')) return closingBrace(trimmed, 2) === trimmed.length - 1;
  if (trimmed.startsWith('$') && trimmed.length > 1 && NAME_START.test(trimmed[1])) {
    for (let i = 2; i < trimmed.length; i++) if (!NAME_CHAR.test(trimmed[i])) return false;
    return true;
  }
  return false;
}

/**
 * Splits on `separator` outside `${…}` references, giving each segment's offsets in `text`.
 * `C:\path` and `C:/path` drive letters stay whole when `driveLetters` is set.
 */
export function splitOutsideVariables(text: string, separator: string, driveLetters = false): Array<{ text: string; start: number; end: number }> {
  const segments: Array<{ text: string; start: number; end: number }> = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '$' && text[i + 1] === '$') {
      i += 2;
      continue;
    }
    if (c === '$' && text[i + 1] === '{') {
      const close = closingBrace(text, i + 2);
      i = close < 0 ? text.length : close + 1;
      continue;
    }
    if (c === separator) {
      const isDrive = driveLetters && i - start === 1 && /[A-Za-z]/.test(text[start]) && (text[i + 1] === '\\' || text[i + 1] === '/');
      if (!isDrive) {
        segments.push({ text: text.slice(start, i), start, end: i });
        start = i + 1;
      }
    }
    i++;
  }
  segments.push({ text: text.slice(start), start, end: text.length });
  return segments;
}
