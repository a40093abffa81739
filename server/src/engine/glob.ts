// Minimal glob matching for ignore paths (`**`, `*`, `?`, `{a,b}`, `[abc]`), linear regexes only.

const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  const cached = cache.get(glob);
  if (cached) return cached;
  let pattern = glob.trim().replace(/\\/g, '/');
  if (pattern.startsWith('./')) pattern = pattern.slice(2);
  // A pattern without a slash matches at any depth, like .gitignore.
  const anchored = pattern.includes('/') && !pattern.startsWith('**/');
  if (pattern.startsWith('/')) pattern = pattern.slice(1);
  if (pattern.endsWith('/')) pattern += '**';
  let source = '';
  let braceDepth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        const slashAfter = pattern[i + 2] === '/';
        source += slashAfter ? '(?:[^/]*/)*' : '.*';
        i += slashAfter ? 2 : 1;
      } else source += '[^/]*';
    } else if (c === '?') source += '[^/]';
    else if (c === '{') {
      braceDepth++;
      source += '(?:';
    } else if (c === '}' && braceDepth > 0) {
      braceDepth--;
      source += ')';
    } else if (c === ',' && braceDepth > 0) source += '|';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close > i + 1) {
        source += '[' + pattern.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
        i = close;
      } else source += '\\[';
    } else source += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  while (braceDepth-- > 0) source += ')';
  const regex = new RegExp(`${anchored ? '^' : '(?:^|/)'}${source}(?:/.*)?$`);
  cache.set(glob, regex);
  return regex;
}

/** Whether a `/`-separated path relative to the workspace root matches any pattern. */
export function matchesAnyGlob(relativePath: string, globs: readonly string[]): boolean {
  const path = relativePath.replace(/\\/g, '/');
  return globs.some((glob) => glob.trim() !== '' && globToRegExp(glob).test(path));
}
