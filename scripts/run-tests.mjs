// Runs every compiled test file with Node's test runner (works on Node 20, 22 and 24 alike).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

function collect(dir) {
  const files = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) files.push(...collect(path));
    else if (entry.endsWith('.test.js')) files.push(path);
  }
  return files;
}

const filter = process.argv[2];
const files = collect('out/test').filter((file) => !filter || file.includes(filter)).sort();
if (files.length === 0) {
  console.error('No test files found under out/test: run `tsc -p .` first.');
  process.exit(1);
}
const concurrency = Math.max(2, availableParallelism());
const result = spawnSync(process.execPath, ['--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
