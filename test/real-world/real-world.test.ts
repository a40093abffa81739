// Real-world files: Dockerfiles, Kubernetes manifests and Compose files copied unchanged from
// public repositories (provenance in test/real-world/SOURCES.md). They are analysed together, as
// one workspace, the way `lashing check test/real-world` does, and the test asserts
//   (a) no rule throws, every finding (and every fix edit) lies inside its document, and every
//       file here is recognised as the kind it is, except under `other/`: YAML that is none of
//       the three (CI pipelines, Helm values and Chart.yaml, pre-commit…), which must get no finding;
//   (b) the findings equal the reviewed snapshot in test/real-world/expected.json
//       (file → sorted "ruleId line:col", 1-based), so a new false positive or a lost true
//       positive fails here.
//
// After a deliberate change to a rule, regenerate the snapshot and REVIEW THE DIFF before committing:
//   npx tsc -p . && LASHING_UPDATE_REAL_WORLD=1 node scripts/run-tests.mjs real-world
// End-of-life findings depend on the date: the test pins the clock to SNAPSHOT_DATE.

import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createEngine } from '../../server/src/languages';
import { analyzeFiles } from '../../server/src/node/batch';
import { SourceText } from '../../server/src/engine/source';
import type { Finding, Range } from '../../server/src/engine/types';
import { setEolClock } from '../../server/src/rules/dockerfile/eol-base-image';

const SNAPSHOT_DATE = '2026-11-23T00:00:00Z';
const repoRoot = path.resolve(__dirname, '../../..');
const folder = path.join(repoRoot, 'test', 'real-world');
const expectedFile = path.join(folder, 'expected.json');
const NOT_DATA = new Set(['SOURCES.md', 'expected.json', 'real-world.test.ts']);

function listFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listFiles(full));
    else if (entry.isFile() && !NOT_DATA.has(entry.name)) files.push(full);
  }
  return files.sort();
}

const relative = (file: string): string => path.relative(folder, file).split(path.sep).join('/');

function inside(source: SourceText, range: Range): boolean {
  const lines = source.text.split(/\r\n|\r|\n/);
  const ok = (position: Range['start']): boolean =>
    position.line >= 0 && position.line < lines.length && position.character >= 0 && position.character <= lines[position.line].length;
  const ordered = range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
  return ok(range.start) && ok(range.end) && ordered;
}

const describeFinding = (finding: Finding): string => `${finding.ruleId} ${finding.range.start.line + 1}:${finding.range.start.character + 1}`;

describe('real-world files', () => {
  setEolClock(() => new Date(SNAPSHOT_DATE));
  after(() => setEolClock());

  const engine = createEngine();
  const files = listFiles(folder);
  const results = analyzeFiles(engine, files, { root: folder });

  it('holds the collected files', () => {
    const kinds = { dockerfile: 0, kubernetes: 0, compose: 0 };
    for (const file of files) {
      if (relative(file).startsWith('other/')) continue;
      const kind = engine.detectKind(file, fs.readFileSync(file, 'utf8'));
      assert.ok(kind, `${relative(file)} is not recognised as a Dockerfile, Kubernetes manifest or Compose file`);
      assert.equal(relative(file).split('/')[0], kind, `${relative(file)} is detected as ${kind}: keep it in the folder of its kind`);
      kinds[kind as keyof typeof kinds]++;
    }
    assert.ok(kinds.dockerfile >= 35 && kinds.kubernetes >= 35 && kinds.compose >= 18, JSON.stringify(kinds));
  });

  it('analyses every file without rule errors, with every range inside its document', () => {
    for (const { file, result, skipped } of results) {
      assert.equal(skipped, undefined, `${relative(file)} skipped: ${skipped}`);
      if (relative(file).startsWith('other/')) {
        assert.deepEqual((result?.findings ?? []).map(describeFinding), [], `${relative(file)} is not a container file: no finding expected`);
        continue;
      }
      assert.ok(result, `${relative(file)} not analysed`);
      assert.deepEqual(result.ruleErrors, [], `${relative(file)}: rule errors`);
      const source = new SourceText(fs.readFileSync(file, 'utf8'));
      for (const finding of result.findings) {
        assert.ok(inside(source, finding.range), `${relative(file)}: ${describeFinding(finding)} has a range outside the document`);
        for (const fix of finding.fixes) {
          for (const edit of fix.edits) assert.ok(inside(source, edit.range), `${relative(file)}: fix "${fix.title}" of ${describeFinding(finding)} edits outside the document`);
        }
      }
    }
  });

  it('reports exactly the reviewed findings (test/real-world/expected.json)', () => {
    const actual: Record<string, string[]> = {};
    for (const { file, result } of results) {
      actual[relative(file)] = (result?.findings ?? []).map(describeFinding).sort();
    }
    if (process.env.LASHING_UPDATE_REAL_WORLD === '1') {
      fs.writeFileSync(expectedFile, JSON.stringify(actual, null, 2) + '\n');
      return;
    }
    assert.ok(fs.existsSync(expectedFile), 'test/real-world/expected.json is missing: run with LASHING_UPDATE_REAL_WORLD=1 and review it');
    const expected = JSON.parse(fs.readFileSync(expectedFile, 'utf8')) as Record<string, string[]>;
    // Per file, so a failure names the file and the exact findings gained or lost.
    for (const file of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
      const want = expected[file];
      const got = actual[file];
      assert.ok(want, `${file} is new: regenerate expected.json (LASHING_UPDATE_REAL_WORLD=1) and review its findings`);
      assert.ok(got, `${file} is in expected.json but not in test/real-world`);
      const gained = got.filter((entry) => !want.includes(entry));
      const lost = want.filter((entry) => !got.includes(entry));
      assert.deepEqual({ file, gained, lost }, { file, gained: [], lost: [] }, `${file}: findings changed from the reviewed snapshot`);
      assert.deepEqual(got, want, `${file}: finding counts changed`);
    }
  });
});
