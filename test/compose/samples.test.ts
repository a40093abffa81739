// Realistic Compose files in the style of the Docker documentation and the awesome-compose samples:
// no crash, exactly the findings that are really there, and fix-all gives a valid, stable file.
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { analyze, assert, engine } from '../helpers';
import { fixAllText } from '../../server/src/engine/fix-all';
import { mergeConfig } from '../../server/src/engine/config';

const SAMPLES = join(__dirname, '..', '..', '..', 'test', 'compose', 'samples');
const HARDENING = ['compose/capabilities-not-dropped', 'compose/no-new-privileges', 'compose/read-only-filesystem', 'compose/resources-missing'];

function read(name: string): string {
  return readFileSync(join(SAMPLES, name), 'utf8');
}

/** `ruleId@line` (1-based) of every finding, hardening findings per service line listed separately. */
function summary(name: string): string[] {
  return analyze(name, read(name))
    .map((finding) => `${finding.ruleId}@${finding.range.start.line + 1}`)
    .sort();
}

function hardening(...lines: number[]): string[] {
  return lines.flatMap((line) => HARDENING.map((id) => `${id}@${line}`));
}

function expectSummary(name: string, expected: string[]): void {
  assert.deepEqual(summary(name), [...expected].sort());
}

function expectFixAllSound(name: string): void {
  const text = read(name);
  const input = { path: name, text, config: mergeConfig() };
  const fixed = fixAllText(engine, input);
  assert.notEqual(fixed, text);
  for (const doc of parseAllDocuments(fixed)) assert.deepEqual(doc.errors, [], `fix-all of ${name} must stay valid YAML:\n${fixed}`);
  assert.equal(fixAllText(engine, { ...input, text: fixed }), fixed, 'fix-all is idempotent');
  const left = analyze(name, fixed).filter((finding) => finding.fixes.some((fix) => fix.mechanical));
  assert.deepEqual(left.map((f) => `${f.ruleId}@${f.range.start.line + 1}`), [], `no mechanical finding is left:\n${fixed}`);
  // Comments survive.
  for (const line of text.split('\n').filter((l) => l.trim().startsWith('#'))) assert.ok(fixed.includes(line.trim()), `comment kept: ${line}`);
}

describe('realistic Compose files', () => {
  it('wordpress + mysql: literal passwords, latest tag, public port', () => {
    expectSummary('wordpress-mysql.yaml', [
      ...hardening(3, 18),
      'compose/image-no-digest@5',
      'compose/secret-in-environment@11',
      'compose/secret-in-environment@14',
      'compose/image-no-digest@19',
      'compose/image-unpinned-tag@19',
      'compose/port-all-interfaces@23',
      'compose/secret-in-environment@28',
    ]);
    expectFixAllSound('wordpress-mysql.yaml');
  });
  it('postgres + pgadmin: passwords from variables are not secrets', () => {
    expectSummary('postgres-pgadmin.yaml', [...hardening(2, 18), 'compose/image-no-digest@4', 'compose/port-all-interfaces@10', 'compose/image-no-digest@20', 'compose/port-all-interfaces@25']);
    expectFixAllSound('postgres-pgadmin.yaml');
  });
  it('traefik with the docker socket: the socket, the public ports; hashed basic-auth is not a credential', () => {
    expectSummary('traefik.yaml', [
      ...hardening(2, 22).filter((id) => id !== 'compose/no-new-privileges@2'),
      'compose/image-no-digest@4',
      'compose/port-all-interfaces@13',
      'compose/port-all-interfaces@15',
      'compose/docker-socket-mount@18',
      'compose/image-no-digest@24',
    ]);
    expectFixAllSound('traefik.yaml');
  });
  it('prometheus + grafana + exporters: host views, privileged cAdvisor, admin password', () => {
    expectSummary('prometheus-grafana.yaml', [
      ...hardening(10, 24, 37, 52),
      'compose/image-no-digest@11',
      'compose/port-all-interfaces@17',
      'compose/image-no-digest@25',
      'compose/port-all-interfaces@28',
      'compose/secret-in-environment@32',
      'compose/image-no-digest@38',
      'compose/sensitive-host-mount@45',
      'compose/sensitive-host-mount@46',
      'compose/sensitive-host-mount@47',
      'compose/host-namespace@48',
      'compose/image-no-digest@53',
      'compose/privileged@54',
      'compose/host-devices@56',
      'compose/sensitive-host-mount@58',
      'compose/docker-socket-mount@59',
      'compose/sensitive-host-mount@60',
      'compose/sensitive-host-mount@61',
      'compose/sensitive-host-mount@62',
    ]);
    expectFixAllSound('prometheus-grafana.yaml');
  });
  it('a fully hardened file is silent', () => {
    const text = [
      'services:',
      '  app:',
      '    image: registry.example.com/app:1.4.2@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31',
      '    user: "10001:10001"',
      '    read_only: true',
      '    cap_drop: [ALL]',
      '    security_opt: [no-new-privileges:true]',
      '    mem_limit: 256m',
      '    pids_limit: 100',
      '    tmpfs: [/tmp]',
      '    ports: ["127.0.0.1:8080:8080"]',
      '    environment:',
      '      DB_PASSWORD_FILE: /run/secrets/db_password',
      '    secrets: [db_password]',
      'secrets:',
      '  db_password:',
      '    file: ./secrets/db_password.txt',
      '',
    ].join('\n');
    assert.deepEqual(analyze('compose.yaml', text, { config: { trustedRegistries: ['registry.example.com'] } }).map((f) => f.ruleId), []);
  });
});
