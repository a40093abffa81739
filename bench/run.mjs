// Entry point of `npm run bench` (after `npm run build`): bundles the benchmark (bench/main.ts, which
// imports the engine from server/src) with esbuild, then runs it. Arguments are passed on
// (--quick, --only=engine,utils,latency,workspace,cli,start,bundle, --seed=N).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(root, 'node_modules/.cache/lashing-bench/main.js');
await build({
  absWorkingDir: root,
  entryPoints: ['bench/main.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // yaml, dockerfile-ast, dockerfile-utils… load from node_modules: the floor and the engine share one copy.
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
const result = spawnSync(process.execPath, ['--enable-source-maps', outfile, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
process.exit(result.status ?? 1);
