// Every regular expression in the server's sources, run against adversarial input of 100,000
// characters: no expression may backtrack super-linearly (a crafted line in a workspace file would
// otherwise freeze the language server).
//
// How: the TypeScript parser finds every regex literal (and `new RegExp('literal')`); for each one
// a set of adversarial strings is built from its own alphabet (each character repeated, character
// + separator pairs, its literal runs followed by a pump), each ending in a character that makes
// the match fail at the very end. All candidates are screened at 2,000 characters (a quadratic
// expression is already ~1000x slower than a linear one there; an exponential one times out); the
// slowest candidates of each expression are then run at 100,000 characters, each within 500 ms.
// Matching runs inside `vm` with a timeout, which interrupts even a catastrophic backtrack.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { attacksFor, attackText, findRegexes, REPO_ROOT, sourceFiles, type Attack, type FoundRegex } from './regex-scan';

const SCREEN_LENGTH = 2_000;
const FULL_LENGTH = 100_000;
const BOUND_MS = 500;
/** The slowest screened candidates of each expression that are run at full length. */
const FULL_CANDIDATES = 6;

interface Timing {
  times: number[];
  /** Index of the input being matched when a timeout interrupted the run. */
  started: number;
  timedOut: boolean;
}

const context = vm.createContext({ now: () => performance.now() });
const runner = new vm.Script(`
  for (let i = 0; i < texts.length; i++) {
    state.started = i;
    regex.lastIndex = 0;
    const start = now();
    regex.exec(texts[i]);
    state.times.push(now() - start);
  }
`);

function time(regex: RegExp, texts: string[], timeoutMs: number): Timing {
  const state = { times: [] as number[], started: -1 };
  Object.assign(context, { regex, texts, state });
  try {
    runner.runInContext(context, { timeout: timeoutMs });
    return { times: state.times, started: state.started, timedOut: false };
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw error;
    return { times: state.times, started: state.started, timedOut: true };
  } finally {
    regex.lastIndex = 0;
  }
}

function where(found: FoundRegex): string {
  return `${found.file}:${found.line} ${found.text}`;
}

interface Verdict {
  failure?: string;
  screened: number;
  fullRuns: number;
  slowestMs: number;
  slowestAttack: string;
}

/** Screens every candidate at a short length, then runs the slowest ones at full length. */
function check(regex: RegExp): Verdict {
  const attacks = attacksFor(regex);
  const verdict: Verdict = { screened: attacks.length, fullRuns: 0, slowestMs: 0, slowestAttack: '' };
  const screen = time(regex, attacks.map((attack) => attackText(attack, SCREEN_LENGTH)), BOUND_MS * 4);
  if (screen.timedOut) {
    verdict.failure = `catastrophic backtracking on ${attacks[screen.started].name} (${SCREEN_LENGTH} chars)`;
    return verdict;
  }
  const ranked = attacks.map((attack, i): [Attack, number] => [attack, screen.times[i]]).sort((a, b) => b[1] - a[1]);
  for (const [attack] of ranked.slice(0, FULL_CANDIDATES)) {
    verdict.fullRuns++;
    const full = time(regex, [attackText(attack, FULL_LENGTH)], BOUND_MS);
    const ms = full.timedOut ? BOUND_MS : full.times[0];
    if (ms > verdict.slowestMs) {
      verdict.slowestMs = ms;
      verdict.slowestAttack = attack.name;
    }
    if (full.timedOut) {
      verdict.failure = `over ${BOUND_MS} ms on ${attack.name} (${FULL_LENGTH} chars)`;
      return verdict;
    }
  }
  return verdict;
}

describe('regular expressions against 100,000-character adversarial input', () => {
  const files = sourceFiles(path.join(REPO_ROOT, 'server', 'src'));
  const regexes = findRegexes(files);

  it('finds the expressions of the server sources', () => {
    assert.ok(files.length > 50, `server sources found: ${files.length}`);
    assert.ok(regexes.length > 200, `regular expressions found: ${regexes.length}`);
  });

  it('every expression matches or fails in linear time', () => {
    const failures: string[] = [];
    let screened = 0;
    let fullRuns = 0;
    let slowest = { ms: 0, what: '' };
    const started = Date.now();
    for (const found of regexes) {
      const verdict = check(found.regex);
      screened += verdict.screened;
      fullRuns += verdict.fullRuns;
      if (verdict.slowestMs > slowest.ms) slowest = { ms: verdict.slowestMs, what: `${where(found)} on ${verdict.slowestAttack}` };
      if (verdict.failure) failures.push(`${where(found)}\n    ${verdict.failure}`);
    }
    console.log(
      `regex check: ${regexes.length} expressions in ${files.length} files, ${screened} inputs screened at ${SCREEN_LENGTH} chars, ` +
        `${fullRuns} run at ${FULL_LENGTH} chars, in ${Date.now() - started} ms; slowest ${slowest.ms.toFixed(1)} ms: ${slowest.what}`,
    );
    assert.deepEqual(failures, [], `super-linear regular expressions:\n${failures.join('\n')}`);
  });

  it('the check flags known super-linear shapes (negative controls)', () => {
    for (const bad of [/^(a+)+$/, /\s+$/, /^\s*kind:/m, /\s*\n\s*/g, /^\s*x\s*(?:=\s*(\S*))?\s*$/]) {
      assert.ok(check(bad).failure, `${bad} should be flagged`);
    }
    assert.equal(check(/^[ \t]*kind:/m).failure, undefined, 'a linear expression passes');
  });
});
