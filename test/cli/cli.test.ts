// The CLI as users run it: the bundled dist/cli.js in a child process.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');

function run(args: string[], cwd: string): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

describe('lashing CLI', () => {
  let folder: string;
  before(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lashing-cli-'));
    fs.mkdirSync(path.join(folder, 'app'));
    fs.writeFileSync(path.join(folder, 'app', 'Dockerfile'), 'FROM debian:12\nRUN sudo apt-get update\nEXPOSE 22\n');
    fs.mkdirSync(path.join(folder, 'ignored'));
    fs.writeFileSync(path.join(folder, 'ignored', 'Dockerfile'), 'FROM debian:12\nRUN sudo true\n');
    fs.mkdirSync(path.join(folder, 'node_modules', 'pkg'), { recursive: true });
    fs.writeFileSync(path.join(folder, 'node_modules', 'pkg', 'Dockerfile'), 'FROM debian:12\nRUN sudo true\n');
    fs.writeFileSync(path.join(folder, '.lashing.yaml'), 'ignorePaths:\n  - ignored/\n');
  });
  after(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('prints compiler-style text and exits 1 when findings reach the threshold', () => {
    const result = run(['check', '.', '--fail-on', 'warning'], folder);
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stdout, /^app\/Dockerfile:2:5: warning dockerfile\/sudo /m);
    assert.doesNotMatch(result.stdout, /ignored\/|node_modules/);
  });

  it('exits 0 when no finding reaches --fail-on (default error)', () => {
    const result = run(['check', 'app'], folder);
    assert.equal(result.status, 0, result.stdout + result.stderr);
  });

  it('writes the documented JSON shape with 1-based positions', () => {
    const result = run(['check', 'app', '--format', 'json', '--fail-on', 'none'], folder);
    assert.equal(result.status, 0);
    const json = JSON.parse(result.stdout) as { version: number; findings: Array<Record<string, unknown>> };
    assert.equal(json.version, 1);
    const sudo = json.findings.find((f) => f.ruleId === 'dockerfile/sudo')!;
    assert.deepEqual(sudo, { file: 'app/Dockerfile', ruleId: 'dockerfile/sudo', severity: 'warning', message: sudo.message, line: 2, column: 5, endLine: 2, endColumn: 9 });
  });

  it('writes SARIF 2.1.0 with rules and locations', () => {
    const result = run(['check', 'app', '--format', 'sarif'], folder);
    const sarif = JSON.parse(result.stdout) as { version: string; runs: Array<{ tool: { driver: { rules: Array<{ id: string; help: { text: string } }> } }; results: Array<{ ruleId: string; locations: unknown[] }> }> };
    assert.equal(sarif.version, '2.1.0');
    const run0 = sarif.runs[0];
    assert.ok(run0.tool.driver.rules.some((rule) => rule.id === 'dockerfile/sudo' && rule.help.text.length > 20));
    assert.ok(run0.results.every((r) => r.locations.length === 1));
  });

  it('reports usage and I/O errors with exit code 2', () => {
    assert.equal(run(['check', 'no-such-folder'], folder).status, 2);
    assert.equal(run(['check', '--format', 'xml', 'app'], folder).status, 2);
    assert.equal(run(['frobnicate'], folder).status, 2);
    const badFailOn = run(['check', '--fail-on', 'sometimes'], folder);
    assert.equal(badFailOn.status, 2);
    assert.match(badFailOn.stderr, /--fail-on/);
  });

  it('explains a rule and lists rules with their anchors', () => {
    const explain = run(['check', '--explain', 'dockerfile/sudo'], folder);
    assert.equal(explain.status, 0);
    assert.match(explain.stdout, /Why it matters/);
    const rules = run(['rules'], folder);
    assert.match(rules.stdout, /dockerfile\/sudo .*DL3004/);
    assert.equal(run(['check', '--explain', 'dockerfile/nope'], folder).status, 2);
  });
});
