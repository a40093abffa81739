// The README's rule list and docs/rules.md are generated from rule metadata: they must not drift.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createEngine } from '../server/src/languages';
import { replaceRulesSection, rulesReference } from '../server/src/report/rules-doc';

const root = path.resolve(__dirname, '../..');

describe('generated documentation', () => {
  const rules = createEngine().rules;
  it('docs/rules.md matches the rules (run `npm run docs` after changing a rule)', () => {
    assert.equal(fs.readFileSync(path.join(root, 'docs/rules.md'), 'utf8'), rulesReference(rules));
  });
  it('README.md rule list matches the rules (run `npm run docs`)', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    assert.equal(readme, replaceRulesSection(readme, rules));
  });
  it('every rule has complete documentation and a checklist item', () => {
    for (const rule of rules) {
      assert.match(rule.id, /^(dockerfile|kubernetes|compose)\/[a-z0-9-]+$/);
      for (const field of ['why', 'how', 'bad', 'good'] as const) assert.ok(rule.docs[field].trim().length > 0, `${rule.id} docs.${field}`);
      if (!rule.id.endsWith('suppression') && !rule.id.endsWith('-reason')) {
        assert.ok(rule.checklist.length > 0, `${rule.id} names a checklist item`);
        assert.ok(rule.docs.references.length > 0, `${rule.id} has references`);
      }
    }
  });
});
