// The packed form in which the language server keeps the results of files not open in an editor.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from '../../server/src/languages';
import { PackedFindings, PackedResult } from '../../server/src/packed-result';
import type { Finding } from '../../server/src/engine/types';

const DOCKERFILE = 'FROM debian\n# lashing-ignore dockerfile/expose-ssh -- the bastion image needs it\nEXPOSE 22\nRUN sudo apt-get update && sudo apt-get install -y curl\n';
const MANIFEST = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostNetwork: true\n  containers:\n    - name: web\n      image: nginx\n      securityContext:\n        privileged: true\n';

const withoutFixes = (findings: Finding[]): Finding[] => findings.map((finding) => ({ ...finding, fixes: [] }));

describe('packed analysis results', () => {
  const engine = createEngine();

  for (const [path, text] of [['Dockerfile', DOCKERFILE], ['pod.yaml', MANIFEST]] as const) {
    it(`unpacks to the same findings, suppressions and notices (${path}), without fixes`, () => {
      const result = engine.analyze({ path, text });
      assert.ok(result.findings.length >= 3, 'the sample has findings');
      assert.ok(result.findings.some((finding) => finding.fixes.length > 0), 'and fixes, which are not kept');
      const unpacked = PackedResult.pack(result, (message) => message).unpack();
      assert.deepEqual(unpacked.findings, withoutFixes(result.findings));
      assert.deepEqual(unpacked.suppressed, result.suppressed.map((entry) => ({ finding: { ...entry.finding, fixes: [] }, reason: entry.reason })));
      assert.deepEqual(unpacked.notices, result.notices);
      assert.equal(unpacked.kind, result.kind);
      if (path === 'Dockerfile') assert.equal(unpacked.suppressed[0]?.reason, 'the bastion image needs it');
    });
  }

  it('keeps every severity, rule and position, and passes messages through keepMessage', () => {
    const severities = ['error', 'warning', 'info', 'hint'] as const;
    const findings: Finding[] = severities.map((severity, i) => ({
      ruleId: `test/rule-${i % 2}`,
      severity,
      message: `message ${i}`,
      range: { start: { line: i * 1000, character: i }, end: { line: i * 1000 + 7, character: 65_000 } },
      fixes: [],
    }));
    const kept: string[] = [];
    const packed = PackedFindings.pack(findings, (message) => (kept.push(message), message.toUpperCase()));
    assert.deepEqual(kept, findings.map((finding) => finding.message));
    assert.equal(packed.length, 4);
    assert.deepEqual(severities.map((_, i) => packed.severity(i)), severities);
    assert.deepEqual(packed.unpack(), findings.map((finding) => ({ ...finding, message: finding.message.toUpperCase() })));
    const first = packed.unpack();
    first[0].range.start.line = 99;
    assert.equal(packed.unpack()[0].range.start.line, 0, 'each unpack gives new objects');
  });
});
