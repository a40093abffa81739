// Runs the official Pod Security Admission fixtures for every Kubernetes version and both
// profiles: every `fail/<check>N.yaml` must raise the rule implementing <check>, every `pass/`
// file must raise no PSS rule.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { mergeConfig } from '../../server/src/engine/config';
import { engine } from '../helpers';

const ROOT = path.resolve(__dirname, '../../..', '../shared/conformance/pod-security-admission');

const pssRuleByCheck = new Map<string, string>();
for (const rule of engine.rules) for (const check of rule.pss ?? []) pssRuleByCheck.set(check.toLowerCase(), rule.id);
const pssRuleIds = new Set(pssRuleByCheck.values());

describe('Pod Security Admission conformance', () => {
  it('fixtures exist', () => {
    assert.ok(existsSync(ROOT), `missing ${ROOT}`);
  });
  if (!existsSync(ROOT)) return;
  let total = 0;
  let passed = 0;
  const failures: string[] = [];
  for (const profile of ['baseline', 'restricted'] as const) {
    const versions = readdirSync(path.join(ROOT, profile)).filter((name) => /^v1\.\d+$/.test(name)).sort((a, b) => Number(a.slice(3)) - Number(b.slice(3)));
    for (const versionDir of versions) {
      const minor = Number(versionDir.slice(3));
      const config = mergeConfig({ kubernetes: { profile, version: minor } });
      for (const outcome of ['fail', 'pass'] as const) {
        const dir = path.join(ROOT, profile, versionDir, outcome);
        if (!existsSync(dir)) continue;
        for (const file of readdirSync(dir).filter((name) => name.endsWith('.yaml')).sort()) {
          total++;
          const text = readFileSync(path.join(dir, file), 'utf8');
          const result = engine.analyze({ path: `${profile}/${versionDir}/${outcome}/${file}`, text, config, kind: 'kubernetes' });
          const raised = new Set(result.findings.filter((f) => pssRuleIds.has(f.ruleId)).map((f) => f.ruleId));
          const label = `${profile}/${versionDir}/${outcome}/${file}`;
          if (result.ruleErrors.length > 0) {
            failures.push(`${label}: rule errors ${result.ruleErrors.map((e) => e.ruleId).join(', ')}`);
            continue;
          }
          if (outcome === 'fail') {
            const check = file.replace(/\d+\.yaml$/, '');
            const expected = pssRuleByCheck.get(check);
            if (expected && raised.has(expected)) passed++;
            else failures.push(`${label}: expected ${expected ?? `(no rule for check ${check})`}, got ${[...raised].join(', ') || 'nothing'}`);
          } else if (raised.size === 0) passed++;
          else failures.push(`${label}: expected no PSS finding, got ${[...raised].join(', ')}`);
        }
      }
    }
  }
  it(`every fixture behaves as the admission plugin (${passed}/${total})`, () => {
    console.log(`PSS conformance: ${passed}/${total} fixtures (${((100 * passed) / Math.max(1, total)).toFixed(2)}%)`);
    assert.deepEqual(failures.slice(0, 30), []);
    assert.equal(passed, total);
  });
});
