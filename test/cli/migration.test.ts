// Moving to Lashing from hadolint, Trivy, Checkov, kube-linter and Polaris: `lashing rules` maps
// their IDs to Lashing rules (as the catalogue ../shared/RULES.md names them), `lashing check
// --explain <ruleId>` prints a rule's documentation, and their suppression comments and annotations
// keep working. Runs the bundled CLI as users do.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createEngine } from '../../server/src/languages';
import { renderRuleMarkdown } from '../../server/src/engine/docs';

const REPO = path.resolve(__dirname, '../../..');
const CLI = path.join(REPO, 'dist', 'cli.js');
const RULES_MD = path.resolve(REPO, '../shared/RULES.md');

/** The tools a team migrates from, by the key `RuleMeta.anchors` uses. */
const TOOLS = ['hadolint', 'trivy', 'checkov', 'kubeLinter', 'polaris'] as const;
type Tool = (typeof TOOLS)[number];

interface ListedRule {
  id: string;
  title: string;
  defaultSeverity: string;
  anchors: Partial<Record<string, string[]>>;
}

function run(args: string[], cwd = REPO): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Splits a Markdown table row on unescaped pipes. */
function cells(line: string): string[] {
  return line.split(/(?<!\\)\|/).slice(1, -1).map((cell) => cell.trim());
}

/**
 * The five tools' IDs the catalogue's Anchors column names for each rule. Abbreviations are expanded
 * (`KSV-0008/9/10`, `CKV_K8S_17/18/19`, `CKV_K8S_10..13`, `kube-linter host-network/host-pid`);
 * prose such as "Polaris cpu/memory checks" or "(Semgrep)" names no ID and is skipped.
 */
function catalogueAnchors(markdown: string): Map<string, Record<Tool, string[]>> {
  const result = new Map<string, Record<Tool, string[]>>();
  let column = -1;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('| ID |')) {
      column = cells(line).indexOf('Anchors');
      continue;
    }
    if (!/^\| (dockerfile|kubernetes|compose)\//.test(line) || column < 0) continue;
    const row = cells(line);
    const text = row[column] ?? '';
    const ids: Record<Tool, string[]> = { hadolint: [], trivy: [], checkov: [], kubeLinter: [], polaris: [] };
    for (const match of text.matchAll(/\bDL\d{4}\b/g)) ids.hadolint.push(match[0]);
    for (const match of text.matchAll(/\b(DS|KSV)-(\d{4,5})((?:\/\d+)*)/g)) {
      ids.trivy.push(`${match[1]}-${match[2]}`);
      for (const more of match[3].split('/').filter(Boolean)) ids.trivy.push(`${match[1]}-${more.padStart(match[2].length, '0')}`);
    }
    for (const match of text.matchAll(/\b(CKV2?_[A-Z0-9]+_)(\d+)((?:\/\d+)*)(?:\.\.(\d+))?/g)) {
      ids.checkov.push(match[1] + match[2]);
      for (const more of match[3].split('/').filter(Boolean)) ids.checkov.push(match[1] + more);
      if (match[4]) for (let n = Number(match[2]) + 1; n <= Number(match[4]); n++) ids.checkov.push(match[1] + n);
    }
    for (const match of text.matchAll(/kube-linter ([a-z0-9-]+(?:\/[a-z0-9-]+)*)/g)) ids.kubeLinter.push(...match[1].split('/'));
    for (const match of text.matchAll(/Polaris ([A-Za-z]+(?:\/[A-Za-z]+)*)(?=\s*(?:,|$))/g)) ids.polaris.push(...match[1].split('/'));
    result.set(row[0], ids);
  }
  return result;
}

describe('migration: lashing rules and lashing check --explain', () => {
  let listed: ListedRule[];
  let lines: string[];

  before(() => {
    assert.ok(fs.existsSync(CLI), `${CLI} is missing: run \`npm run build\` first (npm test does).`);
    const json = run(['rules', '--format', 'json']);
    assert.equal(json.status, 0, json.stderr);
    listed = JSON.parse(json.stdout) as ListedRule[];
    const text = run(['rules']);
    assert.equal(text.status, 0, text.stderr);
    lines = text.stdout.trimEnd().split('\n');
  });

  it('lists every rule once, with every anchor ID on its line', () => {
    const engine = createEngine();
    assert.deepEqual(listed.map((rule) => rule.id).sort(), engine.rules.map((rule) => rule.id).sort());
    assert.equal(lines.length, listed.length);
    listed.forEach((rule, index) => {
      const line = lines[index];
      assert.ok(line.startsWith(`${rule.id} `), `line ${index + 1} is not ${rule.id}: ${line}`);
      assert.ok(line.includes(rule.title), `${rule.id}: title missing`);
      for (const [tool, ids] of Object.entries(rule.anchors)) {
        for (const id of ids ?? []) assert.ok(line.includes(id), `${rule.id}: ${tool} ${id} missing from \`lashing rules\`: ${line}`);
      }
    });
  });

  it("maps the hadolint, Trivy, Checkov, kube-linter and Polaris IDs the catalogue names for each rule", () => {
    assert.ok(fs.existsSync(RULES_MD), `the catalogue is expected beside the repository at ${RULES_MD}`);
    const catalogue = catalogueAnchors(fs.readFileSync(RULES_MD, 'utf8'));
    assert.ok(catalogue.size > 90, `only ${catalogue.size} catalogue rows parsed`);
    const missing: string[] = [];
    const counted: Record<Tool, number> = { hadolint: 0, trivy: 0, checkov: 0, kubeLinter: 0, polaris: 0 };
    for (const rule of listed) {
      const expected = catalogue.get(rule.id);
      if (!expected) continue; // rules beyond the catalogue
      for (const tool of TOOLS) {
        const have = rule.anchors[tool] ?? [];
        for (const id of expected[tool]) {
          counted[tool]++;
          if (!have.includes(id)) missing.push(`${rule.id}: ${tool} ${id}`);
        }
      }
    }
    assert.deepEqual(missing, []);
    for (const tool of TOOLS) assert.ok(counted[tool] >= 10, `only ${counted[tool]} ${tool} IDs checked`);
  });

  it('answers "which Lashing rule replaces this check?" from the text listing', () => {
    const ruleFor = (toolId: string): string | undefined =>
      lines.find((line) => new RegExp(`(?:[\\[:,] )${toolId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=[,;\\]])`).test(line))?.split(' ')[0];
    assert.equal(ruleFor('DL3004'), 'dockerfile/sudo'); // hadolint
    assert.equal(ruleFor('DS-0004'), 'dockerfile/expose-ssh'); // Trivy
    assert.equal(ruleFor('CKV_K8S_16'), 'kubernetes/privileged'); // Checkov
    assert.equal(ruleFor('privileged-container'), 'kubernetes/privileged'); // kube-linter
    assert.equal(ruleFor('hostNetworkSet'), 'kubernetes/host-namespaces'); // Polaris
  });

  it('explains rules of every kind with --explain, as documented', () => {
    const samples = ['dockerfile/sudo', 'kubernetes/privileged', 'compose/privileged', listed[listed.length - 1].id];
    for (const id of samples) {
      const rule = listed.find((candidate) => candidate.id === id);
      assert.ok(rule, `${id} is not listed`);
      const result = run(['check', '--explain', id]);
      assert.equal(result.status, 0, result.stderr);
      assert.ok(result.stdout.startsWith(`### ${id} — ${rule.title}\n`), result.stdout.slice(0, 200));
      assert.match(result.stdout, /\*\*Why it matters\.\*\* \S/);
      assert.match(result.stdout, /\*\*How to fix\.\*\* \S/);
      assert.ok(result.stdout.includes(`lashing-ignore ${id} -- `), `${id}: no suppression hint`);
      for (const tool of TOOLS) for (const toolId of rule.anchors[tool] ?? []) assert.ok(result.stdout.includes(toolId), `${id}: --explain does not name ${tool} ${toolId}`);
    }
    const inline = run(['check', '--explain=dockerfile/expose-ssh']);
    assert.equal(inline.status, 0, inline.stderr);
    assert.match(inline.stdout, /^### dockerfile\/expose-ssh — /);
  });

  it('renders the documentation of every rule (what --explain prints)', () => {
    const engine = createEngine();
    for (const rule of engine.rules) {
      const markdown = renderRuleMarkdown(rule);
      assert.ok(markdown.startsWith(`### ${rule.id} — ${rule.title}`), rule.id);
      assert.ok(rule.docs.why.length > 40 && rule.docs.how.length > 20, `${rule.id}: thin documentation`);
      for (const tool of TOOLS) for (const toolId of rule.anchors[tool] ?? []) assert.ok(markdown.includes(toolId), `${rule.id}: ${tool} ${toolId} not in the documentation`);
    }
  });

  it('writes the explanation to --output and rejects unknown rule IDs with exit code 2', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lashing-explain-'));
    try {
      const target = path.join(folder, 'sudo.md');
      assert.equal(run(['check', '--explain', 'dockerfile/sudo', '--output', target]).status, 0);
      assert.match(fs.readFileSync(target, 'utf8'), /^### dockerfile\/sudo — /);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
    const unknown = run(['check', '--explain', 'DL3004']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /Unknown rule "DL3004"/);
    assert.match(unknown.stderr, /lashing rules/);
  });
});

describe('migration: the suppressions of other tools keep working', () => {
  let folder: string;
  let findings: Array<{ file: string; ruleId: string; line: number }>;

  before(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lashing-migrate-'));
    fs.writeFileSync(
      path.join(folder, 'Dockerfile'),
      [
        'FROM debian:12',
        '# hadolint ignore=DL3004',
        'RUN sudo apt-get update',
        'RUN sudo true',
        '# trivy:ignore:AVD-DS-0004',
        'EXPOSE 22',
        '',
      ].join('\n'),
    );
    fs.mkdirSync(path.join(folder, 'legacy'));
    fs.writeFileSync(path.join(folder, 'legacy', 'Dockerfile'), ['FROM debian:12', '# checkov:skip=CKV_DOCKER_1: the appliance is managed over SSH', 'EXPOSE 22', ''].join('\n'));
    const pod = (name: string, annotations: string[]): string =>
      [
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        `  name: ${name}`,
        ...(annotations.length > 0 ? ['  annotations:', ...annotations.map((annotation) => `    ${annotation}`)] : []),
        'spec:',
        '  hostNetwork: true',
        '  containers:',
        '    - name: agent',
        '      image: example.com/agent:1.0',
        '      securityContext:',
        '        privileged: true',
      ].join('\n');
    fs.writeFileSync(
      path.join(folder, 'pods.yaml'),
      [pod('exempt', ['ignore-check.kube-linter.io/privileged-container: "node agent needs the host"', 'polaris.fairwinds.com/hostNetworkSet-exempt: "true"']), '---', pod('plain', [])].join('\n') + '\n',
    );
    const result = run(['check', '.', '--format', 'json', '--fail-on', 'none'], folder);
    assert.equal(result.status, 0, result.stderr);
    findings = (JSON.parse(result.stdout) as { findings: Array<{ file: string; ruleId: string; line: number }> }).findings;
  });
  after(() => {
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  const at = (file: string, ruleId: string): number[] => findings.filter((f) => f.file === file && f.ruleId === ruleId).map((f) => f.line);

  it('honours hadolint ignore comments through the DL anchors', () => {
    assert.deepEqual(at('Dockerfile', 'dockerfile/sudo'), [4]);
  });

  it('honours Trivy and Checkov skip comments through their IDs', () => {
    assert.deepEqual(at('Dockerfile', 'dockerfile/expose-ssh'), []);
    assert.deepEqual(at('legacy/Dockerfile', 'dockerfile/expose-ssh'), []);
  });

  it('honours kube-linter and Polaris exemption annotations on the object only', () => {
    // The first pod (lines 1–14) is exempt; the second (from line 16, after `---`) is not.
    const privileged = at('pods.yaml', 'kubernetes/privileged');
    const hostNamespaces = at('pods.yaml', 'kubernetes/host-namespaces');
    assert.equal(privileged.length, 1, JSON.stringify(privileged));
    assert.ok(privileged[0] > 15, `the exempt pod was reported: ${privileged}`);
    assert.equal(hostNamespaces.length, 1, JSON.stringify(hostNamespaces));
    assert.ok(hostNamespaces[0] > 15, `the exempt pod was reported: ${hostNamespaces}`);
  });
});
