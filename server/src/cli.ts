// `lashing` — the command-line interface over the same engine as the language server.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { createEngine } from './languages';
import { analyzeFiles } from './node/batch';
import { walkFiles, isCandidateName } from './node/files';
import { ConfigResolver } from './node/config-resolver';
import { formatJson, formatMarkdown, formatSarif, formatText, type FileFindings } from './report/formats';
import { renderRuleMarkdown } from './engine/docs';
import { matchesAnyGlob } from './engine/glob';
import { runChecklistCommand } from './cli-checklist';
import { SEVERITY_ORDER, type Severity } from './engine/types';
import type { Engine } from './engine/analyze';

import { VERSION } from './version';

const USAGE = `Usage:
  lashing check [paths…] [--format text|json|sarif|markdown] [--fail-on error|warning|info|hint|none] [--output FILE]
  lashing check --explain <ruleId>     print a rule's documentation
  lashing rules [--format text|json]   list rules with the IDs of other tools they correspond to
  lashing checklist [paths…] [--format text|json]
  lashing --version | --help

Folders are walked for Dockerfiles, Kubernetes manifests and Compose files; ignorePaths of
.lashing.yaml are honoured. Exit codes: 0 no finding at or above --fail-on (default error),
1 findings at or above it, 2 usage or I/O error.`;

export class UsageError extends Error {}

interface ParsedArgs {
  command: string;
  paths: string[];
  format: string;
  failOn: Severity | 'none';
  output?: string;
  explain?: string;
}

export function parseArgs(argv: string[]): ParsedArgs {
  const args: ParsedArgs = { command: '', paths: [], format: 'text', failOn: 'error' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const inline = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : undefined;
      if (inline !== undefined) return inline;
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    if (arg === '--help' || arg === '-h') args.command = 'help';
    else if (arg === '--version' || arg === '-v') args.command = 'version';
    else if (arg.startsWith('--format')) args.format = value();
    else if (arg.startsWith('--fail-on')) {
      const level = value();
      if (!['error', 'warning', 'info', 'hint', 'none'].includes(level)) throw new UsageError(`--fail-on must be error, warning, info, hint or none, not "${level}"`);
      args.failOn = level as Severity | 'none';
    } else if (arg.startsWith('--output') || arg === '-o') args.output = value();
    else if (arg.startsWith('--explain')) args.explain = value();
    else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`Unknown option ${arg}`);
    else if (!args.command) args.command = arg;
    else args.paths.push(arg);
  }
  return args;
}

/** Expands the given paths into candidate files, honouring ignore paths from `.lashing.yaml`. */
export function collectFiles(engine: Engine, paths: string[]): string[] {
  const resolver = new ConfigResolver(engine.knownRuleIds);
  const files: string[] = [];
  for (const given of paths.length > 0 ? paths : ['.']) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(given);
    } catch {
      throw new UsageError(`No such file or folder: ${given}`);
    }
    if (stat.isDirectory()) {
      const root = path.resolve(given);
      const configFile = resolver.findFor(path.join(root, 'x'));
      const ignore = configFile?.layer.ignorePaths ?? [];
      const ignoreRoot = configFile ? path.dirname(configFile.path) : root;
      files.push(...walkFiles(root, { ignore, root: ignoreRoot }).files);
    } else if (stat.isFile()) {
      // Files named one by one (pre-commit, lint-staged) honour ignorePaths as walked folders do.
      const file = path.resolve(given);
      const configFile = resolver.findFor(file);
      const ignore = configFile?.layer.ignorePaths ?? [];
      if (configFile && ignore.length > 0 && matchesAnyGlob(path.relative(path.dirname(configFile.path), file).split(path.sep).join('/'), ignore)) continue;
      files.push(file);
    }
  }
  return [...new Set(files)];
}

function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return (relative && !relative.startsWith('..') ? relative : file).split(path.sep).join('/');
}

function write(text: string, output: string | undefined): void {
  if (output) fs.writeFileSync(output, text.endsWith('\n') ? text : text + '\n');
  else if (text) process.stdout.write(text.endsWith('\n') ? text : text + '\n');
}

function runCheck(engine: Engine, args: ParsedArgs): number {
  if (args.explain !== undefined) {
    const rule = engine.rule(args.explain);
    if (!rule) throw new UsageError(`Unknown rule "${args.explain}". Run \`lashing rules\` for the list.`);
    write(renderRuleMarkdown(rule), args.output);
    return 0;
  }
  if (!['text', 'json', 'sarif', 'markdown'].includes(args.format)) throw new UsageError(`--format must be text, json, sarif or markdown, not "${args.format}"`);
  const files = collectFiles(engine, args.paths);
  // Worker threads (one per core) for many files; the same results, in the same order.
  // LASHING_WORKERS=0 analyses in this thread, LASHING_WORKERS=n with n workers.
  const workers = process.env.LASHING_WORKERS === undefined || process.env.LASHING_WORKERS === '' ? undefined : Number(process.env.LASHING_WORKERS);
  const results = analyzeFiles(engine, files, { parallel: workers !== 0, workers: workers !== undefined && workers > 0 ? workers : undefined });
  const report: FileFindings[] = [];
  const notes: string[] = [];
  for (const result of results) {
    if (result.skipped) {
      if (isCandidateName(path.basename(result.file))) notes.push(`${displayPath(result.file)}: skipped (${result.skipped})`);
      continue;
    }
    if (!result.result) continue;
    for (const ruleError of result.result.ruleErrors) notes.push(`${displayPath(result.file)}: internal error in ${ruleError.ruleId}: ${ruleError.error.split('\n')[0]}`);
    report.push({ path: displayPath(result.file), findings: result.result.findings });
  }
  const rules = engine.rules;
  let text: string;
  if (args.format === 'json') text = formatJson(report);
  else if (args.format === 'sarif') text = formatSarif(report, rules, VERSION);
  else if (args.format === 'markdown') text = formatMarkdown(report, rules);
  else {
    text = formatText(report);
    const total = report.reduce((sum, file) => sum + file.findings.length, 0);
    const analysed = report.length;
    const summary = `${total} finding${total === 1 ? '' : 's'} in ${analysed} file${analysed === 1 ? '' : 's'} analysed.`;
    text = text ? `${text}\n${summary}` : summary;
  }
  write(text, args.output);
  for (const note of notes) process.stderr.write(`lashing: ${note}\n`);
  if (args.failOn === 'none') return 0;
  const threshold = SEVERITY_ORDER[args.failOn];
  const failing = report.some((file) => file.findings.some((finding) => SEVERITY_ORDER[finding.severity] <= threshold));
  return failing ? 1 : 0;
}

const TOOL_NAMES: Record<string, string> = { hadolint: 'hadolint', trivy: 'Trivy', checkov: 'Checkov', buildkit: 'BuildKit', kubeLinter: 'kube-linter', polaris: 'Polaris', kics: 'KICS', other: 'other' };

function runRules(engine: Engine, args: ParsedArgs): number {
  if (args.format === 'json') {
    write(JSON.stringify(engine.rules.map((rule) => ({ id: rule.id, title: rule.title, defaultSeverity: rule.defaultSeverity, fix: rule.fix, checklist: rule.checklist, anchors: rule.anchors, pss: rule.pss ?? [] })), null, 2), args.output);
    return 0;
  }
  const lines = engine.rules.map((rule) => {
    const anchors = Object.entries(rule.anchors)
      .filter(([, ids]) => ids && ids.length > 0)
      .map(([tool, ids]) => `${TOOL_NAMES[tool] ?? tool}: ${(ids as string[]).join(', ')}`)
      .join('; ');
    return `${rule.id.padEnd(48)} ${String(rule.defaultSeverity).padEnd(8)} ${rule.title}${anchors ? `  [${anchors}]` : ''}`;
  });
  write(lines.join('\n'), args.output);
  return 0;
}

export function main(argv: string[]): number {
  try {
    const args = parseArgs(argv);
    if (args.command === 'help' || args.command === '') {
      process.stdout.write(USAGE + '\n');
      return args.command === 'help' ? 0 : 2;
    }
    if (args.command === 'version') {
      process.stdout.write(VERSION + '\n');
      return 0;
    }
    const engine = createEngine();
    switch (args.command) {
      case 'check':
        return runCheck(engine, args);
      case 'rules':
        return runRules(engine, args);
      case 'checklist':
        return runChecklistCommand(engine, collectFiles(engine, args.paths), args.paths, args.format, (text) => write(text, args.output));
      default:
        throw new UsageError(`Unknown command "${args.command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`lashing: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`lashing: ${(error as Error).message}\n`);
    return 2;
  }
}

// Not in a worker thread: dist/cli.js is also the script of the batch workers (server/src/node/batch.ts).
if (require.main === module && isMainThread) {
  process.exitCode = main(process.argv.slice(2));
}
