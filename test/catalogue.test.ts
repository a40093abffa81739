// Every rule ID of the catalogue (../shared/RULES.md) exists with the catalogue's default severity.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createEngine } from '../server/src/languages';

const RULES_MD = path.resolve(__dirname, '../../../shared/RULES.md');

describe('rule catalogue', () => {
  it('implements every rule of RULES.md with its default severity', () => {
    assert.ok(fs.existsSync(RULES_MD), `the catalogue is expected beside the repository at ${RULES_MD}`);
    const engine = createEngine();
    const rows = fs.readFileSync(RULES_MD, 'utf8').split('\n').filter((line) => /^\| (dockerfile|kubernetes|compose)\//.test(line));
    assert.ok(rows.length > 90);
    const missing: string[] = [];
    for (const row of rows) {
      const cells = row.replace(/\\\|/g, '¦').split('|').map((cell) => cell.trim());
      const id = cells[1];
      const severity = cells[3];
      const rule = engine.rule(id);
      if (!rule) missing.push(id);
      else assert.equal(rule.defaultSeverity, severity, `${id} default severity`);
    }
    assert.deepEqual(missing, []);
  });
});
