// Minimal glob matching for ignore paths (`**`, `*`, `?`, `{a,b}`, `[abc]`), in linear time.
//
// Globs come from `.lashing.yaml` and settings, which a hostile repository controls. They used to
// be compiled to a backtracking RegExp, where `*a*a*a*a*a*b` or `**/**/**/**/x` take exponential
// time on a long path and `[z-a]` threw. They are now compiled to a small automaton (Thompson NFA)
// and simulated state-set by state-set: O(path length × pattern length), never throws.

/** One NFA state: consumes a character matching `test`, or splits to two states, or accepts. */
type State =
  | { kind: 'char'; test: (c: string) => boolean; next: number }
  | { kind: 'split'; next: number; other: number }
  | { kind: 'match' };

interface Matcher {
  states: State[];
  start: number;
  /** Anchored at the root (pattern with a slash), or at any path segment (like .gitignore). */
  anchored: boolean;
}

const MAX_CACHE = 1000;
const cache = new Map<string, Matcher>();

/** A fragment under construction: its entry state and the states whose `next` is still open. */
interface Fragment {
  start: number;
  /** Patches the fragment's exits to point at `target`. */
  patch: (target: number) => void;
}

function compile(glob: string): Matcher {
  let pattern = glob.trim().replace(/\\/g, '/');
  if (pattern.startsWith('./')) pattern = pattern.slice(2);
  // A pattern without a slash matches at any depth, like .gitignore.
  const anchored = pattern.includes('/') && !pattern.startsWith('**/');
  if (pattern.startsWith('/')) pattern = pattern.slice(1);
  if (pattern.endsWith('/')) pattern += '**';

  const states: State[] = [];
  const add = (state: State): number => states.push(state) - 1;
  const notSlash = (c: string): boolean => c !== '/';
  const any = (): boolean => true;

  /** A single-character step. */
  const char = (test: (c: string) => boolean): Fragment => {
    const index = add({ kind: 'char', test, next: -1 });
    return { start: index, patch: (target) => ((states[index] as { next: number }).next = target) };
  };
  /** `x*` for a one-character step x. */
  const star = (test: (c: string) => boolean): Fragment => {
    const split = add({ kind: 'split', next: -1, other: -1 });
    const step = add({ kind: 'char', test, next: split });
    (states[split] as { next: number }).next = step;
    return { start: split, patch: (target) => ((states[split] as { other: number }).other = target) };
  };
  /** `(?:[^/]*\/)*`: zero or more whole segments. */
  const segments = (): Fragment => {
    const split = add({ kind: 'split', next: -1, other: -1 });
    const inner = add({ kind: 'split', next: -1, other: -1 });
    const rest = add({ kind: 'char', test: notSlash, next: inner });
    const slash = add({ kind: 'char', test: (c) => c === '/', next: split });
    Object.assign(states[split], { next: inner });
    Object.assign(states[inner], { next: rest, other: slash });
    return { start: split, patch: (target) => ((states[split] as { other: number }).other = target) };
  };
  /** Concatenation of fragments; an empty sequence is an epsilon step. */
  const sequence = (parts: Fragment[]): Fragment => {
    if (parts.length === 0) {
      const split = add({ kind: 'split', next: -1, other: -1 });
      return { start: split, patch: (target) => Object.assign(states[split], { next: target, other: target }) };
    }
    for (let i = 0; i + 1 < parts.length; i++) parts[i].patch(parts[i + 1].start);
    return { start: parts[0].start, patch: parts[parts.length - 1].patch };
  };
  /** Alternation of sequences. */
  const alternation = (alternatives: Fragment[]): Fragment => {
    if (alternatives.length === 1) return alternatives[0];
    let start = alternatives[alternatives.length - 1].start;
    for (let i = alternatives.length - 2; i >= 0; i--) start = add({ kind: 'split', next: alternatives[i].start, other: start });
    return { start, patch: (target) => alternatives.forEach((alternative) => alternative.patch(target)) };
  };

  let i = 0;
  /** Parses until the end or, inside braces, an unmatched `,` or `}`. */
  const parseSequence = (depth: number): Fragment => {
    const parts: Fragment[] = [];
    while (i < pattern.length) {
      const c = pattern[i];
      if (depth > 0 && (c === ',' || c === '}')) break;
      if (c === '*') {
        if (pattern[i + 1] === '*') {
          if (pattern[i + 2] === '/') {
            parts.push(segments());
            i += 3;
          } else {
            parts.push(star(any));
            i += 2;
          }
        } else {
          parts.push(star(notSlash));
          i++;
        }
      } else if (c === '?') {
        parts.push(char(notSlash));
        i++;
      } else if (c === '{') {
        i++;
        const alternatives = [parseSequence(depth + 1)];
        while (pattern[i] === ',') {
          i++;
          alternatives.push(parseSequence(depth + 1));
        }
        if (pattern[i] === '}') i++; // an unclosed brace runs to the end, as before
        parts.push(alternation(alternatives));
      } else if (c === '[') {
        const close = pattern.indexOf(']', i + 1);
        if (close > i + 1) {
          parts.push(char(characterClass(pattern.slice(i + 1, close))));
          i = close + 1;
        } else {
          parts.push(char((x) => x === '['));
          i++;
        }
      } else {
        parts.push(char((x) => x === c));
        i++;
      }
    }
    return sequence(parts);
  };
  const body = parseSequence(0);
  // A `}` or `,` outside braces is literal: parseSequence(0) never stops on them.
  const match = add({ kind: 'match' });
  body.patch(match);
  return { states, start: body.start, anchored };
}

/** `[abc]`, `[a-z]`, `[!abc]` / `[^abc]` as a character test (an empty range such as `z-a` matches nothing). */
function characterClass(content: string): (c: string) => boolean {
  const negated = content.startsWith('!') || content.startsWith('^');
  const body = negated ? content.slice(1) : content;
  const singles = new Set<string>();
  const ranges: Array<[number, number]> = [];
  for (let k = 0; k < body.length; k++) {
    if (body[k + 1] === '-' && k + 2 < body.length) {
      ranges.push([body.charCodeAt(k), body.charCodeAt(k + 2)]);
      k += 2;
    } else singles.add(body[k]);
  }
  return (c) => {
    const code = c.charCodeAt(0);
    const inClass = singles.has(c) || ranges.some(([low, high]) => code >= low && code <= high);
    return inClass !== negated;
  };
}

function matcherFor(glob: string): Matcher {
  let matcher = cache.get(glob);
  if (!matcher) {
    if (cache.size >= MAX_CACHE) cache.clear();
    matcher = compile(glob);
    cache.set(glob, matcher);
  }
  return matcher;
}

/** Adds a state and everything reachable from it without consuming a character. */
function addState(states: State[], set: Set<number>, index: number): void {
  const stack = [index];
  while (stack.length > 0) {
    const current = stack.pop() as number;
    if (current < 0 || set.has(current)) continue;
    set.add(current);
    const state = states[current];
    if (state.kind === 'split') stack.push(state.other, state.next);
  }
}

/**
 * Whether a `/`-separated path matches the glob: the whole path or a leading part of it that ends
 * at a `/` (a matched folder covers its contents); unanchored globs may start at any segment.
 */
export function matchesGlob(relativePath: string, glob: string): boolean {
  const { states, start, anchored } = matcherFor(glob);
  const path = relativePath;
  let current = new Set<number>();
  for (let position = 0; ; position++) {
    if (position === 0 || (!anchored && path[position - 1] === '/')) addState(states, current, start);
    if (position === path.length || path[position] === '/') {
      for (const index of current) if (states[index].kind === 'match') return true;
    }
    if (position === path.length || current.size === 0) {
      if (position === path.length) return false;
      if (anchored) return false;
      continue;
    }
    const c = path[position];
    const next = new Set<number>();
    for (const index of current) {
      const state = states[index];
      if (state.kind === 'char' && state.test(c)) addState(states, next, state.next);
    }
    current = next;
  }
}

/** Whether a `/`-separated path relative to the workspace root matches any pattern. */
export function matchesAnyGlob(relativePath: string, globs: readonly string[]): boolean {
  const path = relativePath.replace(/\\/g, '/');
  return globs.some((glob) => glob.trim() !== '' && matchesGlob(path, glob));
}
