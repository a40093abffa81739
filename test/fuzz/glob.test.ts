// Ignore globs come from `.lashing.yaml`, which a hostile repository writes: matching must stay
// linear and never throw, and behave exactly like the former RegExp translation on ordinary input.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { matchesAnyGlob, matchesGlob } from '../../server/src/engine/glob';
import { FUZZ_SEED } from './fuzz-support';

/** The former implementation (a backtracking RegExp), kept as the oracle for small inputs. */
function oracle(glob: string, path: string): boolean | undefined {
  let pattern = glob.trim().replace(/\\/g, '/');
  if (pattern.startsWith('./')) pattern = pattern.slice(2);
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
  try {
    return new RegExp(`${anchored ? '^' : '(?:^|/)'}${source}(?:/.*)?$`).test(path);
  } catch {
    return undefined; // e.g. `[z-a]`: the old code threw here
  }
}

describe('ignore globs', () => {
  it('match like the former RegExp translation (property test)', () => {
    const globChar = fc.constantFrom('a', 'b', '.', '/', '*', '**/', '**', '?', '{a,b}', '{a,{b,}}', '[ab]', '[!a]', '[a-c]', 'x', '-', ',', '}');
    const pathChar = fc.constantFrom('a', 'b', 'c', '.', '/', 'x', '-', ',', '}');
    let runs = 0;
    fc.assert(
      fc.property(fc.array(globChar, { maxLength: 8 }), fc.array(pathChar, { maxLength: 12 }), (globParts, pathParts) => {
        const glob = globParts.join('');
        const path = pathParts.join('');
        runs++;
        const expected = oracle(glob, path);
        if (expected === undefined) return;
        assert.equal(matchesGlob(path, glob), expected, `glob ${JSON.stringify(glob)} on ${JSON.stringify(path)}`);
      }),
      { seed: FUZZ_SEED, numRuns: 3000 },
    );
    assert.ok(runs >= 3000);
  });

  it('match the usual patterns', () => {
    const cases: Array<[string, string, boolean]> = [
      ['vendor/', 'vendor/a/Dockerfile', true],
      ['vendor/', 'src/vendor/Dockerfile', false],
      ['vendored', 'src/vendored/Dockerfile', true],
      ['**/test/**', 'a/b/test/x.yaml', true],
      ['*.yaml', 'deep/dir/x.yaml', true],
      ['charts/*/templates/**', 'charts/web/templates/deploy.yaml', true],
      ['charts/*/templates/**', 'charts/web/values.yaml', false],
      ['{a,b}/Dockerfile', 'b/Dockerfile', true],
      ['[!a]*/x', 'b/x', true],
      ['[!a]*/x', 'a/x', false],
      ['./examples', 'examples/k8s/ns.yaml', true],
    ];
    for (const [glob, path, expected] of cases) assert.equal(matchesAnyGlob(path, [glob]), expected, `${glob} on ${path}`);
  });

  it('never throws and stays fast on hostile globs and long paths', () => {
    const longPath = `${'a/'.repeat(1500)}${'a'.repeat(1000)}`;
    const hostile = [
      '*a*a*a*a*a*a*a*a*a*a*a*a*b',
      '**/**/**/**/**/**/**/**/**/**/x',
      '**a**a**a**a**a**a**b',
      '{a,{a,{a,{a,{a,{a,{a,{a,b}}}}}}}}*b',
      '{a,a}{a,a}{a,a}{a,a}{a,a}{a,a}{a,a}{a,a}{a,a}{a,a}{a,a}{a,a}{a,a}{a,a}{a,a}{a,a}*b',
      '[z-a]',
      '[',
      '{{{{{{',
      '}}},,,',
      '?'.repeat(1000),
      '*'.repeat(1000) + 'b',
      `${'*/'.repeat(400)}b`,
    ];
    for (const glob of hostile) {
      const started = performance.now();
      assert.doesNotThrow(() => matchesAnyGlob(longPath, [glob]), glob);
      const ms = performance.now() - started;
      assert.ok(ms < 2000, `${glob.slice(0, 40)} took ${ms.toFixed(0)} ms`);
    }
  });
});
