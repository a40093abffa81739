// `npm run bench`: Lashing's performance benchmark (not a test). Generates its inputs from a seed,
// measures the engine against the parse floor, the language server over stdio (edit latency,
// workspace scan, start), the CLI and the bundles, and compares with dockerfile-utils. Prints a
// Markdown table and writes bench/results.json. Options: --quick (fewer runs, 1,000-file
// workspace: a smoke run, not for the record), --only=engine,utils,rules,latency,workspace,cli,start,bundle,
// --seed=N.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn, execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { URI } from 'vscode-uri';
import { parseAllDocuments } from 'yaml';
import { DockerfileParser } from 'dockerfile-ast';
import { createEngine } from '../server/src/languages';
import type { DocumentKind } from '../server/src/engine/types';
import { generateCompose, generateDockerfile, generateManifest, generateWorkspace, Random } from './generate';
import { formatBytes, formatMs, interleave, loadAverage, now, summarize, type Summary } from './stats';
import { processCpuMs, processMemory, startServer } from './lsp';
import { profileRules, type RuleTiming } from './rules-profile';

const ROOT = path.resolve(__dirname, '../../..');
const SERVER = path.join(ROOT, 'dist/server.js');
const CLI = path.join(ROOT, 'dist/cli.js');
const PRODUCTION_DEBOUNCE_MS = 120;

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',');
const seed = Number(args.find((arg) => arg.startsWith('--seed='))?.slice('--seed='.length) ?? 20240601);
const enabled = (section: string): boolean => !only || only.includes(section);

interface Target {
  name: string;
  target: string;
  measured: string;
  met: boolean | undefined;
  note?: string;
}

const targets: Target[] = [];
const results: Record<string, unknown> = {};
const log = (message: string): void => void process.stderr.write(`${message}\n`);

function lines(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) count++;
  return count;
}

// ---------------------------------------------------------------------------------------------
// Engine time vs parse floor, and dockerfile-utils side by side

const SIZES = [100, 1000, 10000];
const KINDS: Array<{ kind: DocumentKind; file: string; generate: (seed: number, lines: number) => string; floorName: string; floor: (text: string) => unknown }> = [
  { kind: 'dockerfile', file: 'Dockerfile', generate: generateDockerfile, floorName: 'dockerfile-ast', floor: (text) => DockerfileParser.parse(text) },
  { kind: 'kubernetes', file: 'manifests.yaml', generate: generateManifest, floorName: 'yaml parseAllDocuments', floor: (text) => parseAllDocuments(text) },
  { kind: 'compose', file: 'compose.yaml', generate: generateCompose, floorName: 'yaml parseAllDocuments', floor: (text) => parseAllDocuments(text) },
];

/** One line per kind for the printed report (see benchRules). */
const ruleSummary: string[] = [];

/** Where the engine's time goes at about 1,000 lines: the model and each rule (median ms), slowest first. */
function benchRules(): void {
  const breakdown: Record<string, RuleTiming[]> = {};
  const lines: string[] = [];
  for (const spec of KINDS) {
    const text = spec.generate(seed + 1000, 1000);
    const timings = profileRules(spec.kind as 'dockerfile' | 'kubernetes' | 'compose', text, `/bench/${spec.file}`, quick ? 5 : 40);
    breakdown[spec.kind] = timings;
    const total = timings.reduce((sum, timing) => sum + timing.ms, 0);
    lines.push(`${spec.kind}: ${formatMs(total)} in all; ${timings.slice(0, 6).map((timing) => `${timing.name} ${formatMs(timing.ms)}`).join(', ')}`);
  }
  results.rules = breakdown;
  for (const line of lines) log(`rules ${line}`);
  ruleSummary.push(...lines);
}

function repeatOptions(size: number): { warmup: number; minRuns: number; maxRuns: number; budgetMs: number } {
  if (quick) return { warmup: 2, minRuns: 3, maxRuns: 10, budgetMs: 1500 };
  return size >= 10000 ? { warmup: 2, minRuns: 9, maxRuns: 31, budgetMs: 15000 } : { warmup: 5, minRuns: 21, maxRuns: 201, budgetMs: 6000 };
}

function benchEngine(): void {
  const engine = createEngine();
  const rows: unknown[] = [];
  for (const spec of KINDS) {
    for (const size of SIZES) {
      const text = spec.generate(seed + size, size);
      const filePath = `/bench/${spec.file}`;
      const result = engine.analyze({ path: filePath, text, kind: spec.kind });
      if (result.ruleErrors.length > 0) throw new Error(`rule errors on generated ${spec.kind}: ${result.ruleErrors.map((e) => e.ruleId).join(', ')}`);
      const load = loadAverage();
      const [floor, engineTimes] = interleave([() => spec.floor(text), () => engine.analyze({ path: filePath, text, kind: spec.kind })], repeatOptions(size));
      const floorSummary = summarize(floor);
      const engineSummary = summarize(engineTimes);
      const ratio = engineSummary.median / floorSummary.median;
      const row = { kind: spec.kind, lines: lines(text), floorName: spec.floorName, floor: floorSummary, engine: engineSummary, ratio, findings: result.findings.length, loadAverage: load };
      rows.push(row);
      log(`engine ${spec.kind} ${row.lines} lines: engine ${formatMs(engineSummary.median)} (p95 ${formatMs(engineSummary.p95)}), ${spec.floorName} ${formatMs(floorSummary.median)}, ×${ratio.toFixed(2)}, ${row.findings} findings, load ${load.toFixed(1)}`);
      targets.push({
        name: `Engine ÷ parse floor, ${spec.kind} ${row.lines} lines`,
        target: '≤ 1.5×',
        measured: `×${ratio.toFixed(2)} (${formatMs(engineSummary.median)} vs ${formatMs(floorSummary.median)}; p95 ${formatMs(engineSummary.p95)} vs ${formatMs(floorSummary.p95)}; ${row.findings} findings)`,
        met: ratio <= 1.5,
      });
    }
  }
  results.engine = rows;
}

function benchDockerfileUtils(): void {
  let validate: ((content: string) => unknown[]) | undefined;
  let version = '';
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    validate = (require('dockerfile-utils') as { validate(content: string): unknown[] }).validate;
    version = (JSON.parse(fs.readFileSync(require.resolve('dockerfile-utils/package.json'), 'utf8')) as { version: string }).version;
  } catch {
    targets.push({ name: 'Engine vs dockerfile-utils validate', target: 'faster', measured: 'dockerfile-utils is not installed', met: undefined });
    return;
  }
  const engine = createEngine();
  const rows: unknown[] = [];
  for (const size of SIZES) {
    const text = generateDockerfile(seed + size, size);
    const ours = engine.analyze({ path: '/bench/Dockerfile', text, kind: 'dockerfile' });
    const theirs = validate(text);
    const [engineTimes, utilsTimes] = interleave([() => engine.analyze({ path: '/bench/Dockerfile', text, kind: 'dockerfile' }), () => validate!(text)], repeatOptions(size));
    const e = summarize(engineTimes);
    const u = summarize(utilsTimes);
    const ratio = e.median / u.median;
    rows.push({ lines: lines(text), engine: e, dockerfileUtils: u, ratio, engineFindings: ours.findings.length, dockerfileUtilsDiagnostics: theirs.length });
    log(`dockerfile-utils ${lines(text)} lines: engine ${formatMs(e.median)}, dockerfile-utils ${formatMs(u.median)}, ×${ratio.toFixed(2)}; ${ours.findings.length} findings vs ${theirs.length} diagnostics`);
    targets.push({
      name: `Engine ÷ dockerfile-utils ${version} validate, ${lines(text)} lines`,
      target: '< 1× (faster)',
      measured: `×${ratio.toFixed(2)} (${formatMs(e.median)} vs ${formatMs(u.median)}; ${ours.findings.length} findings vs ${theirs.length} diagnostics)`,
      met: ratio < 1,
    });
  }
  results.dockerfileUtils = { version, rows };
}

// ---------------------------------------------------------------------------------------------
// Edit-to-diagnostics latency through the language server

interface Edit {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  text: string;
}

/**
 * One-line edits as someone typing makes them: a character appended to a value on a random
 * `image:`, `replicas:`, `value:` or `memory:` line, then removed again, so the text stays valid.
 */
function typingEdits(text: string, count: number, random: Random): Edit[] {
  const candidates: Array<{ line: number; length: number }> = [];
  text.split('\n').forEach((line, index) => {
    if (/^\s+(?:-\s+)?(?:image|replicas|value|memory|cpu|LOG_LEVEL):\s*\S/.test(line) && !line.includes('"') && !line.includes('#')) candidates.push({ line: index, length: line.length });
  });
  const edits: Edit[] = [];
  while (edits.length < count) {
    const target = random.pick(candidates);
    const at = { line: target.line, character: target.length };
    edits.push({ range: { start: at, end: at }, text: random.pick(['1', 'a', 'x', '0']) });
    edits.push({ range: { start: at, end: { line: target.line, character: target.length + 1 } }, text: '' });
  }
  return edits.slice(0, count);
}

async function benchLatency(): Promise<void> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lashing-bench-latency-'));
  const rows: unknown[] = [];
  try {
    for (const size of [2000, 10000]) {
      for (const debounceMs of [0, PRODUCTION_DEBOUNCE_MS]) {
        const production = debounceMs !== 0;
        if (production && quick) continue;
        const text = generateManifest(seed + 7 * size, size);
        const file = path.join(folder, `manifests-${size}.yaml`);
        fs.writeFileSync(file, text);
        const uri = URI.file(file).toString();
        const client = startServer(SERVER);
        try {
          await client.connection.sendRequest('initialize', {
            processId: process.pid,
            rootUri: null,
            workspaceFolders: null,
            capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
            initializationOptions: { settings: {}, debounceMs },
          });
          await client.connection.sendNotification('initialized', {});
          let version = 1;
          await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
          const first = await client.diagnostics(uri, (p) => p.version === version);
          const measured = production ? (quick ? 4 : 12) : quick ? 12 : size >= 10000 ? 60 : 100;
          const warmup = production ? 2 : 10;
          const edits = typingEdits(text, warmup + measured, new Random(seed + size));
          const samples: number[] = [];
          let cpuBefore = 0;
          const budgetStart = now();
          for (const [i, edit] of edits.entries()) {
            if (i === warmup) cpuBefore = processCpuMs(client.process.pid) ?? NaN;
            version++;
            const sent = now();
            const expected = version;
            const arrived = client.diagnostics(uri, (p) => p.version === expected);
            await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [edit] });
            await arrived;
            if (i >= warmup) samples.push(now() - sent);
            if (i >= warmup + 10 && now() - budgetStart > (quick ? 10_000 : 60_000)) break;
          }
          const cpuPerEdit = ((processCpuMs(client.process.pid) ?? NaN) - cpuBefore) / samples.length;
          const summary = summarize(samples);
          const row = { lines: lines(text), debounceMs, latency: summary, serverCpuPerEditMs: cpuPerEdit, diagnostics: first.diagnostics.length, loadAverage: loadAverage() };
          rows.push(row);
          log(`latency ${row.lines} lines, debounce ${debounceMs} ms: median ${formatMs(summary.median)}, p95 ${formatMs(summary.p95)}, server CPU ${formatMs(cpuPerEdit)}/edit, ${first.diagnostics.length} diagnostics, load ${row.loadAverage.toFixed(1)}`);
          if (!production) {
            const limit = size >= 10000 ? 100 : 25;
            targets.push({
              name: `Edit → diagnostics p95, ${row.lines}-line manifest (debounce excluded)`,
              target: `< ${limit} ms`,
              measured: `${formatMs(summary.p95)} p95, ${formatMs(summary.median)} median (server CPU ${formatMs(cpuPerEdit)}/edit; ${first.diagnostics.length} diagnostics)`,
              met: summary.p95 < limit,
            });
          } else {
            targets.push({
              name: `Edit → diagnostics with the ${PRODUCTION_DEBOUNCE_MS} ms debounce, ${row.lines} lines (for reference)`,
              target: '–',
              measured: `${formatMs(summary.median)} median, ${formatMs(summary.p95)} p95`,
              met: undefined,
            });
          }
        } finally {
          await client.close();
        }
      }
    }
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
  results.latency = { productionDebounceMs: PRODUCTION_DEBOUNCE_MS, rows };
}

// ---------------------------------------------------------------------------------------------
// Workspace scan, CLI, server start, bundles

function writeWorkspace(count: number): { folder: string; counts: Record<string, number> } {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lashing-bench-workspace-'));
  const counts: Record<string, number> = {};
  for (const file of generateWorkspace(seed, count)) {
    const full = path.join(folder, file.path);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, file.text);
    const kind = file.path.endsWith('Dockerfile') ? 'Dockerfiles' : file.path.includes('/k8s/') ? 'manifests' : file.path.endsWith('compose.yaml') ? 'Compose files' : 'other YAML';
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return { folder, counts };
}

async function benchWorkspace(folder: string, count: number): Promise<void> {
  const client = startServer(SERVER);
  try {
    const started = now();
    await client.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: URI.file(folder).toString(),
      workspaceFolders: [{ uri: URI.file(folder).toString(), name: 'bench' }],
      capabilities: { window: { workDoneProgress: true }, workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
      initializationOptions: { settings: {} },
    });
    const initialized = now();
    await client.connection.sendNotification('initialized', {});
    await client.progressEnd();
    const scanned = now();
    const memory = processMemory(client.process.pid);
    const cpu = processCpuMs(client.process.pid);
    const seconds = (scanned - initialized) / 1000;
    const row = { files: count, scanMs: scanned - initialized, startMs: initialized - started, rss: memory?.rss, peakRss: memory?.peak, serverCpuMs: cpu, loadAverage: loadAverage() };
    results.workspace = row;
    log(`workspace ${count} files: scan ${formatMs(row.scanMs)}, RSS ${formatBytes(row.rss ?? NaN)} (peak ${formatBytes(row.peakRss ?? NaN)}), server CPU ${formatMs(cpu ?? NaN)}, load ${row.loadAverage.toFixed(1)}`);
    targets.push({ name: `Workspace index (scan and analyse), ${count} files`, target: '< 5 s', measured: `${seconds.toFixed(2)} s (${Math.round(count / seconds)} files/s; server CPU ${formatMs(cpu ?? NaN)})`, met: seconds < 5 && count >= 5000 ? true : seconds < 5 ? undefined : false });
    targets.push({ name: `Server resident memory after the scan, ${count} files`, target: '< 150 MB', measured: `${formatBytes(row.rss ?? NaN)} (peak ${formatBytes(row.peakRss ?? NaN)})`, met: row.rss === undefined ? undefined : row.rss < 150 * 1024 * 1024 });
  } finally {
    await client.close();
  }
}

function runProcess(command: string, argv: string[]): Promise<{ ms: number; code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const start = now();
    const child = spawn(command, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ ms: now() - start, code, stderr }));
  });
}

async function benchCli(folder: string, count: number): Promise<void> {
  const output = path.join(os.tmpdir(), `lashing-bench-cli-${process.pid}.json`);
  const samples: number[] = [];
  for (let i = 0; i < (quick ? 1 : 3); i++) {
    const run = await runProcess(process.execPath, [CLI, 'check', folder, '--format', 'json', '--fail-on', 'none', '--output', output]);
    if (run.code !== 0) throw new Error(`lashing check exited with ${run.code}: ${run.stderr}`);
    samples.push(run.ms);
  }
  const report = JSON.parse(fs.readFileSync(output, 'utf8')) as unknown;
  fs.rmSync(output, { force: true });
  const analysed = Array.isArray(report) ? report.length : Array.isArray((report as { files?: unknown[] }).files) ? (report as { files: unknown[] }).files.length : undefined;
  const summary = summarize(samples);
  const filesPerSecond = count / (summary.median / 1000);
  results.cli = { files: count, analysedFiles: analysed, wall: summary, filesPerSecond, loadAverage: loadAverage() };
  log(`cli ${count} files: ${formatMs(summary.median)} → ${filesPerSecond.toFixed(0)} files/s`);
  targets.push({ name: `CLI throughput (whole process, ${count} files)`, target: '> 1,000 files/s', measured: `${filesPerSecond.toFixed(0)} files/s (${formatMs(summary.median)} median of ${summary.runs})`, met: filesPerSecond > 1000 });
}

async function benchStart(): Promise<void> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lashing-bench-start-'));
  const samples: number[] = [];
  try {
    for (let i = 0; i < (quick ? 3 : 15); i++) {
      const started = now();
      const client = startServer(SERVER);
      await client.connection.sendRequest('initialize', { processId: process.pid, rootUri: URI.file(folder).toString(), workspaceFolders: [{ uri: URI.file(folder).toString(), name: 'start' }], capabilities: {} });
      samples.push(now() - started);
      await client.close();
    }
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
  const summary = summarize(samples);
  results.start = { ...summary, loadAverage: loadAverage() };
  log(`server start: median ${formatMs(summary.median)}, p95 ${formatMs(summary.p95)}`);
  targets.push({ name: 'Server start (process start → initialize answered)', target: '< 250 ms', measured: `${formatMs(summary.median)} median, ${formatMs(summary.p95)} p95`, met: summary.median < 250 });
}

async function benchBundles(): Promise<void> {
  // Whatever the build emits: dist/*.js (Node: server, CLI, extension client) and, when the web
  // build exists, dist/browser/*.js. Sizes on disk and gzipped (what a download costs).
  const sizes: Record<string, { bytes: number; gzip: number }> = {};
  for (const dir of ['dist', 'dist/browser']) {
    const full = path.join(ROOT, dir);
    if (!fs.existsSync(full)) continue;
    for (const name of fs.readdirSync(full).filter((file) => file.endsWith('.js')).sort()) {
      const content = fs.readFileSync(path.join(full, name));
      sizes[`${dir}/${name}`] = { bytes: content.length, gzip: gzipSync(content).length };
    }
  }
  // The size the packaged extension ships: the Node bundles minified (as scripts/build.mjs --production does).
  const minified: Record<string, number> = {};
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'lashing-bench-bundle-'));
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { build } = require('esbuild') as typeof import('esbuild');
    const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, legalComments: 'none', logLevel: 'silent', absWorkingDir: ROOT } as const;
    const entries: Array<[string, string, string[]]> = [
      ['server.js', 'server/src/server.ts', []],
      ['cli.js', 'server/src/cli.ts', []],
      ['client.js', 'client/src/extension.ts', ['vscode']],
    ];
    await Promise.all(
      entries
        .filter(([, entry]) => fs.existsSync(path.join(ROOT, entry)))
        .map(async ([name, entry, external]) => {
          try {
            await build({ ...common, entryPoints: [entry], outfile: path.join(out, name), external });
            minified[name] = fs.statSync(path.join(out, name)).size;
          } catch {
            // an entry being refactored: its development bundle size is still reported
          }
        }),
    );
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
  results.bundles = { files: sizes, minified };
  log(`bundles: ${Object.entries(sizes).map(([name, size]) => `${name} ${formatBytes(size.bytes)} (gzip ${formatBytes(size.gzip)})`).join(', ')}; minified ${Object.entries(minified).map(([name, size]) => `${name} ${formatBytes(size)}`).join(', ')}`);
  for (const [name, size] of Object.entries(sizes)) {
    const base = path.basename(name);
    const packaged = name.startsWith('dist/') && !name.startsWith('dist/browser/') ? minified[base] : undefined;
    targets.push({
      name: `Bundle size, ${name}`,
      target: '–',
      measured: `${formatBytes(size.bytes)} (gzip ${formatBytes(size.gzip)})${packaged !== undefined ? `; minified ${formatBytes(packaged)}` : ''}`,
      met: undefined,
    });
  }
}

// ---------------------------------------------------------------------------------------------

function machine(): Record<string, unknown> {
  const cpus = os.cpus();
  let commit = '';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    // not a git checkout
  }
  return {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memory: formatBytes(os.totalmem()),
    commit,
    seed,
    quick,
  };
}

function table(): string {
  const mark = (met: boolean | undefined): string => (met === undefined ? '–' : met ? 'met' : '**not met**');
  const rows = targets.map((t) => `| ${t.name} | ${t.target} | ${t.measured} | ${mark(t.met)} |`);
  return ['| Measure | Target | Measured | Status |', '|---|---|---|---|', ...rows].join('\n');
}

async function main(): Promise<void> {
  const started = now();
  if (!fs.existsSync(SERVER) || !fs.existsSync(CLI)) throw new Error('dist/ is missing: run `npm run build` first (npm run bench does).');
  const info = machine();
  const loadBefore = os.loadavg();
  log(`Lashing benchmark — ${info.date}, Node ${info.node}, ${info.cpu} × ${info.cores}, load ${loadBefore.map((l) => l.toFixed(1)).join(' ')}${quick ? ' (quick)' : ''}`);
  if (enabled('engine')) benchEngine();
  if (enabled('utils')) benchDockerfileUtils();
  if (enabled('rules')) benchRules();
  if (enabled('latency')) await benchLatency();
  if (enabled('workspace') || enabled('cli')) {
    const count = quick ? 1000 : 5000;
    const { folder, counts } = writeWorkspace(count);
    results.workspaceFiles = counts;
    try {
      if (enabled('workspace')) await benchWorkspace(folder, count);
      if (enabled('cli')) await benchCli(folder, count);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  }
  if (enabled('start')) await benchStart();
  if (enabled('bundle')) await benchBundles();
  const loadAfter = os.loadavg();
  const output = { machine: { ...info, loadAverageBefore: loadBefore, loadAverageAfter: loadAfter }, durationMs: now() - started, targets, ...results };
  fs.writeFileSync(path.join(ROOT, 'bench/results.json'), JSON.stringify(output, null, 2) + '\n');
  const heading = `Lashing benchmark, ${String(info.date).slice(0, 10)} — Node ${info.node}, ${info.cpu} × ${info.cores} cores, ${info.memory}; load average ${loadBefore[0].toFixed(1)} before, ${loadAfter[0].toFixed(1)} after; seed ${seed}${quick ? '; QUICK RUN' : ''}`;
  const rules = ruleSummary.length > 0 ? `\n\nWhere the engine's time goes at about 1,000 lines (model, then the slowest rules; medians):\n\n${ruleSummary.map((line) => `- ${line}`).join('\n')}` : '';
  process.stdout.write(`\n${heading}\n\n${table()}${rules}\n\nWorkspace: ${JSON.stringify(results.workspaceFiles ?? {})}. Took ${formatMs(now() - started)}. Results in bench/results.json.\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

export type { Summary };
