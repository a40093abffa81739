// The `$lashing` problem matcher (package.json contributes.problemMatchers) against the CLI's real
// text output: every finding line must match, and the captures must be exactly the finding's file,
// line, column, severity, rule ID and message (compared with the JSON output of the same run).

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '../../..');
const CLI = path.join(REPO, 'dist', 'cli.js');

interface ProblemPattern {
  regexp: string;
  file: number;
  line: number;
  column: number;
  severity: number;
  code: number;
  message: number;
  loop?: boolean;
}

interface ProblemMatcher {
  name: string;
  owner: string;
  source?: string;
  fileLocation: string | string[];
  pattern: ProblemPattern | ProblemPattern[];
}

interface JsonFinding {
  file: string;
  ruleId: string;
  severity: string;
  message: string;
  line: number;
  column: number;
}

function run(args: string[], cwd: string): string {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  assert.ok(result.status === 0 || result.status === 1, `lashing ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return result.stdout;
}

function matcher(): ProblemMatcher {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { contributes?: { problemMatchers?: ProblemMatcher[] } };
  const entry = manifest.contributes?.problemMatchers?.find((candidate) => candidate.name === 'lashing');
  assert.ok(entry, 'package.json has no contributes.problemMatchers entry named "lashing" (used as $lashing in tasks.json)');
  return entry;
}

/** Applies the matcher's single-line pattern as VS Code does (JavaScript RegExp, one line at a time). */
function apply(pattern: ProblemPattern, line: string): Record<'file' | 'line' | 'column' | 'severity' | 'code' | 'message', string> | undefined {
  const match = new RegExp(pattern.regexp).exec(line);
  if (!match) return undefined;
  return { file: match[pattern.file], line: match[pattern.line], column: match[pattern.column], severity: match[pattern.severity], code: match[pattern.code], message: match[pattern.message] };
}

describe('$lashing problem matcher', () => {
  let folder: string;
  before(() => {
    assert.ok(fs.existsSync(CLI), `${CLI} is missing: run \`npm run build\` first (npm test does).`);
    // Paths a matcher must survive: spaces, a colon, non-ASCII, nesting; every file kind.
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lashing-matcher-'));
    fs.mkdirSync(path.join(folder, 'my app'));
    fs.writeFileSync(path.join(folder, 'my app', 'Dockerfile'), 'FROM debian:12\nRUN sudo apt-get update && sudo true\nEXPOSE 22 8080\n');
    fs.mkdirSync(path.join(folder, 'team:a', 'zähler'), { recursive: true });
    fs.writeFileSync(path.join(folder, 'team:a', 'zähler', 'Containerfile'), 'FROM alpine:3.20\nRUN sudo apk add curl\n');
    fs.writeFileSync(
      path.join(folder, 'pod.yaml'),
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostNetwork: true\n  containers:\n    - name: web\n      image: nginx\n      securityContext:\n        privileged: true\n',
    );
    fs.writeFileSync(path.join(folder, 'compose.yaml'), 'services:\n  web:\n    image: nginx\n    privileged: true\n');
  });
  after(() => {
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  it('is declared as owner lashing, relative to the workspace folder, with one line pattern', () => {
    const entry = matcher();
    assert.equal(entry.owner, 'lashing');
    const fileLocation = Array.isArray(entry.fileLocation) ? entry.fileLocation : [entry.fileLocation];
    assert.equal(fileLocation[0], 'relative');
    assert.ok(!Array.isArray(entry.pattern), 'one pattern per line is expected');
    const pattern = entry.pattern as ProblemPattern;
    assert.equal(pattern.loop, undefined);
    for (const key of ['file', 'line', 'column', 'severity', 'code', 'message'] as const) assert.equal(typeof pattern[key], 'number', `pattern.${key}`);
  });

  for (const [name, cwd, target] of [
    ['examples/', () => REPO, 'examples'],
    ['awkward paths and every file kind', () => folder, '.'],
  ] as Array<[string, () => string, string]>) {
    it(`matches every finding line of \`lashing check\` over ${name}, capturing exactly the finding`, () => {
      const pattern = matcher().pattern as ProblemPattern;
      const text = run(['check', target, '--fail-on', 'none'], cwd()).trimEnd().split('\n');
      const findings = (JSON.parse(run(['check', target, '--format', 'json', '--fail-on', 'none'], cwd())) as { findings: JsonFinding[] }).findings;
      assert.ok(findings.length > 3, 'too few findings to test the matcher');
      // The last line is the summary, which must not look like a problem.
      const summary = text.pop() as string;
      assert.match(summary, /^\d+ findings? in \d+ files? analysed\.$/);
      assert.equal(apply(pattern, summary), undefined, `the summary line matched: ${summary}`);
      assert.equal(text.length, findings.length);
      text.forEach((line, index) => {
        const captured = apply(pattern, line);
        assert.ok(captured, `line not matched: ${line}`);
        const finding = findings[index];
        assert.deepEqual(captured, {
          file: finding.file,
          line: String(finding.line),
          column: String(finding.column),
          severity: finding.severity,
          code: finding.ruleId,
          message: finding.message.replace(/\s*\n\s*/g, ' '),
        });
        assert.ok(fs.existsSync(path.join(cwd(), captured.file)), `${captured.file} does not resolve relative to the folder the CLI ran in`);
        // VS Code maps error/warning/info itself and hint to info; nothing else may appear.
        assert.ok(['error', 'warning', 'info', 'hint'].includes(captured.severity));
      });
    });
  }
});
