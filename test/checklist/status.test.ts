import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { computeChecklist, formatChecklistText, checklistItemIds, type ChecklistInput, type ChecklistItem, type ChecklistReport } from '../../server/src/checklist/status';
import { createEngine } from '../../server/src/languages';
import type { DocumentKind, RuleMeta } from '../../server/src/engine/types';

type RuleInput = ChecklistInput['rules'][number];

const rule = (id: string, kind: DocumentKind, checklist: string[], extra: Partial<RuleMeta> = {}): RuleInput => ({ id, kind, checklist, title: id, defaultSeverity: 'warning', ...extra });

const RULES: RuleInput[] = [
  rule('dockerfile/root-user', 'dockerfile', ['D2.1']),
  rule('kubernetes/privileged', 'kubernetes', ['D2.1']),
  rule('compose/privileged', 'compose', ['D2.1']),
  rule('kubernetes/rbac-wildcard', 'kubernetes', ['O1.1']),
  rule('kubernetes/missing-network-policy', 'kubernetes', ['D3.1', 'O3.1']),
  rule('dockerfile/untrusted-registry', 'dockerfile', ['D1.5']),
  rule('dockerfile/non-minimal-base', 'dockerfile', ['D1.1']),
  rule('dockerfile/suppression-without-reason', 'dockerfile', []),
];

const range = (line: number, start: number, end: number) => ({ start: { line, character: start }, end: { line, character: end } });

function item(report: ChecklistReport, id: string): ChecklistItem {
  for (const list of report.lists) for (const section of list.sections) for (const entry of section.items) if (entry.id === id) return entry;
  throw new Error(`no item ${id}`);
}

describe('checklist model', () => {
  it('has both lists of the practice guide, in its order: 6 + 6 sections, 26 + 23 items', () => {
    const report = computeChecklist({ findings: [], kindsPresent: [], rules: [] });
    assert.deepEqual(report.lists.map((list) => list.title), ['Securing Container Deployments', 'Securing Orchestrator Configurations']);
    assert.deepEqual(report.lists.map((list) => list.sections.length), [6, 6]);
    assert.deepEqual(report.lists.map((list) => list.sections.reduce((sum, section) => sum + section.items.length, 0)), [26, 23]);
    assert.equal(report.summary.total, 49);
    assert.equal(checklistItemIds().length, 49);
    assert.equal(checklistItemIds()[0], 'D1.1');
    assert.equal(checklistItemIds()[48], 'O6.3');
    assert.equal(item(report, 'O1.3').text, 'Enforce Multi-Factor Authentication (MFA) for accessing the orchestration platform.');
    assert.equal(report.lists[1].sections[5].title, 'Backup and Recovery');
  });

  it('decides met, not met (with findings by file, one-based positions), not applicable and manual', () => {
    const report = computeChecklist({
      findings: [
        { path: 'k8s/deploy.yaml', uri: 'file:///w/k8s/deploy.yaml', ruleId: 'kubernetes/privileged', message: 'privileged', range: range(20, 10, 20), severity: 'error' },
        { path: 'Dockerfile', ruleId: 'dockerfile/root-user', message: 'root', range: range(0, 0, 4) },
        { path: 'Dockerfile', ruleId: 'dockerfile/suppression-without-reason', message: 'no reason', range: range(1, 0, 4) },
      ],
      kindsPresent: new Set<DocumentKind>(['dockerfile', 'kubernetes']),
      rules: RULES,
    });
    const d21 = item(report, 'D2.1');
    assert.equal(d21.status, 'not-met');
    assert.deepEqual(d21.rules, ['compose/privileged', 'dockerfile/root-user', 'kubernetes/privileged']);
    assert.deepEqual(d21.kinds, ['compose', 'dockerfile', 'kubernetes']);
    assert.deepEqual(
      d21.findings.map((f) => [f.path, f.line, f.column, f.endLine, f.endColumn, f.ruleId]),
      [
        ['Dockerfile', 1, 1, 1, 5, 'dockerfile/root-user'],
        ['k8s/deploy.yaml', 21, 11, 21, 21, 'kubernetes/privileged'],
      ],
    );
    assert.equal(d21.findings[1].uri, 'file:///w/k8s/deploy.yaml');
    assert.equal(d21.findings[1].severity, 'error');
    assert.equal(d21.note, '2 findings in 2 files');
    assert.equal(item(report, 'O1.1').status, 'met');
    assert.equal(item(report, 'D1.1').status, 'met');
    assert.equal(item(report, 'O1.3').status, 'manual');
    assert.match(item(report, 'O1.3').note, /No rule can decide it/);
    assert.equal(report.summary.open, 1);
    assert.equal(report.summary.counts['not-met'], 1);
  });

  it('is not applicable when no file of the kinds the rules look at exists', () => {
    const report = computeChecklist({ findings: [], kindsPresent: ['dockerfile'], rules: RULES });
    const o11 = item(report, 'O1.1');
    assert.equal(o11.status, 'not-applicable');
    assert.equal(o11.note, 'No Kubernetes manifests in the analysed files');
    assert.equal(item(report, 'D3.1').status, 'not-applicable');
    assert.equal(item(report, 'D2.1').status, 'met');
    const none = computeChecklist({ findings: [], kindsPresent: [], rules: RULES });
    assert.equal(item(none, 'D2.1').note, 'No Compose files, Dockerfiles or Kubernetes manifests in the analysed files');
  });

  it('treats items whose rules are all off or inactive as manual', () => {
    const report = computeChecklist({
      findings: [],
      kindsPresent: ['dockerfile'],
      rules: [...RULES.filter((r) => r.id !== 'dockerfile/non-minimal-base'), rule('dockerfile/non-minimal-base', 'dockerfile', ['D1.1'], { defaultSeverity: 'off' })],
      inactiveRules: ['dockerfile/untrusted-registry'],
    });
    assert.equal(item(report, 'D1.5').status, 'manual');
    assert.match(item(report, 'D1.5').note, /turned off or inactive \(dockerfile\/untrusted-registry\)/);
    assert.equal(item(report, 'D1.1').status, 'manual');
  });

  it('uses attestations and repository evidence for items no rule decides, and keeps findings first', () => {
    const report = computeChecklist({
      findings: [{ path: 'Dockerfile', ruleId: 'dockerfile/root-user', message: 'root', range: range(3, 0, 3) }],
      kindsPresent: ['dockerfile'],
      rules: RULES,
      attestations: [
        { item: 'O1.3', reason: 'SSO with hardware keys for kubectl', by: 'sec-team', date: '2026-11-01' },
        { item: 'D2.1', reason: 'we think it is fine' },
      ],
      evidenceFiles: [{ path: '.github/workflows/ci.yml', text: 'jobs:\n  scan:\n    steps:\n      - uses: aquasecurity/trivy-action@0.28.0\n' }],
    });
    assert.equal(item(report, 'O1.3').status, 'attested');
    assert.equal(item(report, 'O1.3').note, 'SSO with hardware keys for kubectl (sec-team, 2026-11-01)');
    assert.deepEqual(item(report, 'O1.3').attestation, { item: 'O1.3', reason: 'SSO with hardware keys for kubectl', by: 'sec-team', date: '2026-11-01' });
    assert.equal(item(report, 'D2.1').status, 'not-met', 'an attestation does not hide findings');
    assert.equal(item(report, 'D2.1').attestation?.reason, 'we think it is fine');
    for (const id of ['D1.3', 'D6.1', 'D6.3']) {
      const entry = item(report, id);
      assert.equal(entry.status, 'evidenced', id);
      assert.deepEqual(entry.evidence, [{ path: '.github/workflows/ci.yml', line: 4, what: 'Trivy vulnerability scan in CI' }]);
    }
    assert.equal(item(report, 'D1.3').note, 'Shown by the repository: Trivy vulnerability scan in CI');
    assert.equal(report.summary.met, report.summary.counts.met + 1 + 3);
  });

  it('ignores findings of unknown rules and of rules that map to no item', () => {
    const report = computeChecklist({
      findings: [
        { path: 'a', ruleId: 'dockerfile/no-such-rule', message: 'x', range: range(0, 0, 1) },
        { path: 'a', ruleId: 'dockerfile/suppression-without-reason', message: 'x', range: range(0, 0, 1) },
      ],
      kindsPresent: ['dockerfile'],
      rules: RULES,
    });
    assert.equal(report.summary.open, 0);
  });

  it('is JSON-serialisable and stable', () => {
    const input: ChecklistInput = {
      findings: [{ path: 'b/Dockerfile', ruleId: 'dockerfile/root-user', message: 'root', range: range(5, 0, 4) }, { path: 'a/Dockerfile', ruleId: 'dockerfile/root-user', message: 'root', range: range(9, 0, 4) }],
      kindsPresent: new Set<DocumentKind>(['dockerfile']),
      rules: RULES,
    };
    const report = computeChecklist(input);
    assert.deepEqual(JSON.parse(JSON.stringify(report)), report);
    assert.deepEqual(item(report, 'D2.1').findings.map((f) => f.path), ['a/Dockerfile', 'b/Dockerfile']);
    assert.deepEqual(computeChecklist(input), report);
  });

  it('formats as text with statuses, findings, evidence and the summary', () => {
    const report = computeChecklist({
      findings: Array.from({ length: 7 }, (_, i) => ({ path: 'Dockerfile', ruleId: 'dockerfile/root-user', message: `root ${i}`, range: range(i, 0, 4) })),
      kindsPresent: ['dockerfile'],
      rules: RULES,
      attestations: [{ item: 'O1.3', reason: 'SSO', by: 'ops' }],
      evidenceFiles: [{ path: 'backup/schedule.yaml', text: 'apiVersion: velero.io/v1\nkind: Schedule\nmetadata:\n  name: nightly\n' }],
    });
    const text = formatChecklistText(report);
    assert.match(text, /^Securing Container Deployments \(\d+ of 26 met\)\n  1\. Container Image Security\n/);
    assert.match(text, /\n    ✗ D2\.1 Run containers with the least privilege necessary; avoid running as root\.\n        not met: 7 findings in 1 file\n        rules: compose\/privileged, dockerfile\/root-user, kubernetes\/privileged\n        Dockerfile:1:1 dockerfile\/root-user root 0\n/);
    assert.match(text, /        … and 2 more\n/);
    assert.match(text, /    \? O1\.4 Regularly review and update access controls\.\n        manual: No rule can decide it/);
    assert.match(text, /    ✓ O1\.3 .*\n        attested: SSO \(ops\)\n    /);
    assert.match(text, /    ✓ O6\.3 Use tools like Velero for Kubernetes backup and restore\.\n        evidenced: Shown by the repository: Velero backup\n        evidence: Velero backup \(backup\/schedule\.yaml:2\)\n/);
    assert.match(text, /    – D3\.1 .*\n        not applicable: No Kubernetes manifests in the analysed files\n/);
    assert.match(text, /\n\d+ of 49 met \(\d+ by analysis, 2 evidenced, 1 attested\) · 1 not met · \d+ not applicable · \d+ manual\n$/);
    assert.equal(formatChecklistText(report, { findingsPerItem: Infinity }).includes('… and'), false);
  });

  it('every rule of the engine names checklist items that exist, and every item the catalogue maps is reachable', () => {
    const ids = new Set(checklistItemIds());
    const engine = createEngine();
    for (const r of engine.rules) for (const id of r.checklist) assert.ok(ids.has(id), `${r.id} names unknown checklist item ${id}`);
    const report = computeChecklist({ findings: [], kindsPresent: ['dockerfile', 'kubernetes', 'compose'], rules: engine.rules });
    assert.equal(report.summary.total, 49);
    for (const r of engine.rules) {
      for (const id of r.checklist) {
        const entry = item(report, id);
        assert.ok(entry.rules.includes(r.id));
        if (r.defaultSeverity !== 'off') assert.notEqual(entry.status, 'manual', `${id} is checked by ${r.id}`);
      }
    }
  });
});
