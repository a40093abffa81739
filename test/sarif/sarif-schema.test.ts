// `lashing check --format sarif` against the OASIS SARIF 2.1.0 JSON schema, shipped next to this test
// (test/sarif/sarif-schema-2.1.0.json, the Committee Specification schema from oasis-tcs/sarif-spec;
// draft-07), validated with Ajv and ajv-formats (uri, uri-reference, date-time). No network.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

const REPO = path.resolve(__dirname, '../../..');
const CLI = path.join(REPO, 'dist', 'cli.js');
const SCHEMA = path.join(REPO, 'test', 'sarif', 'sarif-schema-2.1.0.json');

interface SarifLog {
  version: string;
  runs: Array<{
    tool: { driver: { name: string; rules: Array<{ id: string; helpUri?: string; properties?: Record<string, unknown> }> } };
    results: Array<{ ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }> }>;
  }>;
}

function sarif(args: string[], cwd: string): { text: string; log: SarifLog } {
  const result = spawnSync(process.execPath, [CLI, 'check', ...args, '--format', 'sarif', '--fail-on', 'none'], { cwd, encoding: 'utf8' });
  assert.equal(result.status, 0, `lashing check failed: ${result.stderr}`);
  return { text: result.stdout, log: JSON.parse(result.stdout) as SarifLog };
}

function explain(validate: ValidateFunction): string {
  return (validate.errors ?? []).slice(0, 10).map((error) => `${error.instancePath || '/'} ${error.message} ${JSON.stringify(error.params)}`).join('\n');
}

describe('SARIF 2.1.0 output validates against the OASIS schema', () => {
  let validate: ValidateFunction;
  let folder: string;

  before(() => {
    assert.ok(fs.existsSync(CLI), `${CLI} is missing: run \`npm run build\` first (npm test does).`);
    const schema = JSON.parse(fs.readFileSync(SCHEMA, 'utf8')) as Record<string, unknown>;
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.equal(schema.title, 'Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema');
    // strict: false because the schema uses keywords Ajv's strict mode frowns on (defaults inside items).
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    validate = ajv.compile(schema);

    // A workspace with awkward paths (spaces, non-ASCII, nested folders) and every file kind.
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lashing-sarif-'));
    fs.mkdirSync(path.join(folder, 'my app'));
    fs.writeFileSync(path.join(folder, 'my app', 'Dockerfile'), 'FROM debian:12\nRUN sudo apt-get update\nEXPOSE 22 8080\n');
    fs.mkdirSync(path.join(folder, 'dienste', 'zähler'), { recursive: true });
    fs.writeFileSync(path.join(folder, 'dienste', 'zähler', 'Containerfile'), 'FROM alpine:3.20\nRUN sudo apk add curl\n');
    fs.mkdirSync(path.join(folder, 'deploy'));
    fs.writeFileSync(
      path.join(folder, 'deploy', 'pod.yaml'),
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostNetwork: true\n  containers:\n    - name: web\n      image: nginx\n      securityContext:\n        privileged: true\n      ports:\n        - containerPort: 22\n',
    );
    fs.writeFileSync(path.join(folder, 'compose.yaml'), 'services:\n  web:\n    image: nginx\n    privileged: true\n    ports:\n      - "8080:80"\n');
  });
  after(() => {
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  it('accepts the report over examples/', () => {
    const { log } = sarif(['examples'], REPO);
    assert.ok(validate(log), explain(validate));
    assert.ok(log.runs[0].results.length > 0, 'examples/ produced no results: nothing was validated');
  });

  it('accepts a report with spaces and non-ASCII characters in paths and every file kind', () => {
    const { log } = sarif(['.'], folder);
    assert.ok(validate(log), explain(validate));
    const uris = new Set(log.runs[0].results.map((result) => result.locations[0].physicalLocation.artifactLocation.uri));
    assert.ok(uris.has('my%20app/Dockerfile'), JSON.stringify([...uris]));
    assert.ok(uris.has('dienste/z%C3%A4hler/Containerfile'), JSON.stringify([...uris]));
  });

  it('accepts a report without findings (no container files)', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'lashing-sarif-empty-'));
    try {
      fs.writeFileSync(path.join(empty, 'README.md'), 'No container files here.\n');
      const { log } = sarif(['.'], empty);
      assert.ok(validate(log), explain(validate));
      assert.deepEqual(log.runs[0].results, []);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  it('writes the same valid document with --output', () => {
    const target = path.join(folder, 'lashing.sarif');
    const result = spawnSync(process.execPath, [CLI, 'check', '.', '--format', 'sarif', '--fail-on', 'none', '--output', target], { cwd: folder, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const written = JSON.parse(fs.readFileSync(target, 'utf8')) as SarifLog;
    assert.ok(validate(written), explain(validate));
    fs.rmSync(target);
  });

  it('keeps rules, rule indexes and regions consistent (what code scanning relies on)', () => {
    const { log } = sarif(['.'], folder);
    const run = log.runs[0];
    const ids = run.tool.driver.rules.map((rule) => rule.id);
    assert.equal(new Set(ids).size, ids.length, 'duplicate rule descriptors');
    for (const result of run.results) {
      assert.equal(run.tool.driver.rules[result.ruleIndex]?.id, result.ruleId, `ruleIndex of ${result.ruleId}`);
      const region = result.locations[0].physicalLocation.region;
      assert.ok(region.endLine > region.startLine || (region.endLine === region.startLine && region.endColumn >= region.startColumn), JSON.stringify(region));
    }
    for (const rule of run.tool.driver.rules) {
      assert.match(String(rule.properties?.['security-severity']), /^\d+(\.\d+)?$/, `security-severity of ${rule.id}`);
    }
  });

  it('rejects documents that break the schema (the validator is not vacuous)', () => {
    const { log } = sarif(['.'], folder);
    const broken: Array<[string, (copy: SarifLog) => void]> = [
      ['a result without message', (copy) => delete (copy.runs[0].results[0] as Partial<SarifLog['runs'][0]['results'][0]>).message],
      ['an unknown level', (copy) => (copy.runs[0].results[0].level = 'info')],
      ['a zero start line', (copy) => (copy.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0)],
      ['a wrong version', (copy) => (copy.version = '2.0.0')],
      ['a rule without id', (copy) => delete (copy.runs[0].tool.driver.rules[0] as { id?: string }).id],
    ];
    for (const [name, mutate] of broken) {
      const copy = JSON.parse(JSON.stringify(log)) as SarifLog;
      mutate(copy);
      assert.equal(validate(copy), false, `the schema accepted ${name}`);
    }
  });
});
