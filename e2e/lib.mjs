// Shared machinery of the real-VS-Code tests: system packages, code-server (VS Code 1.100.3) and
// playwright-core in a cache outside the repository, packaging, servers on loopback, Chromium.
// Recipe: ../shared/notes/real-vscode-e2e.md.

import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, statSync, createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const E2E_DIR = path.join(REPO, 'e2e');
export const CACHE = process.env.LASHING_E2E_CACHE ?? path.join(homedir(), '.cache', 'lashing-e2e');
export const RESULTS = path.join(REPO, 'test-results');
export const CODE_SERVER = path.join(CACHE, 'node_modules', 'code-server');
export const SERVER_MAIN = path.join(CODE_SERVER, 'lib', 'vscode', 'out', 'server-main.js');
export const CODE_SERVER_ENTRY = path.join(CODE_SERVER, 'out', 'node', 'entry.js');
export const VSCODE_EXTENSIONS = path.join(CODE_SERVER, 'lib', 'vscode', 'extensions');
const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
/** Debian packages the recipe needs: the browser, ripgrep (code-server's search), and headers for its native modules. */
const APT_PACKAGES = ['chromium', 'ripgrep', 'libkrb5-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'pkg-config', 'python3', 'make', 'g++'];

const started = Date.now();
export function log(message) {
  const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
  process.stdout.write(`[e2e ${seconds}s] ${message}\n`);
}

export function run(command, args, options = {}) {
  log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
}

function dpkgInstalled(name) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

export function chromiumPath() {
  if (process.env.LASHING_E2E_CHROMIUM) return process.env.LASHING_E2E_CHROMIUM;
  return CHROMIUM_CANDIDATES.find((candidate) => existsSync(candidate));
}

/** apt-get installs what is missing (CI runs as root on a fresh Debian); nothing when all is there. */
export function ensureSystemPackages() {
  const hasDpkg = spawnSync('dpkg-query', ['--version']).status === 0;
  const missing = hasDpkg ? APT_PACKAGES.filter((name) => !dpkgInstalled(name)) : [];
  const needsBrowser = !chromiumPath();
  const needsRg = spawnSync('rg', ['--version']).status !== 0;
  if (missing.length === 0 && !needsBrowser && !needsRg) {
    log('system packages: all present');
    return;
  }
  const wanted = missing.length > 0 ? missing : APT_PACKAGES;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing system packages (${wanted.join(', ')}); install them with: sudo apt-get install -y ${wanted.join(' ')}`);
  }
  log(`system packages missing: ${wanted.join(', ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...wanted], { env });
  if (!chromiumPath()) throw new Error('Chromium is still missing after apt-get install chromium');
}

function lockHash() {
  return createHash('sha256').update(readFileSync(path.join(E2E_DIR, 'package.json'))).update(readFileSync(path.join(E2E_DIR, 'package-lock.json'))).digest('hex');
}

/**
 * Installs code-server and playwright-core from e2e/package-lock.json into the cache (outside the repository),
 * unless the cache already holds exactly that lockfile's install.
 */
export function ensureCodeServer(tmpDir) {
  const stamp = path.join(CACHE, '.lashing-lock-sha256');
  const hash = lockHash();
  if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === hash && existsSync(SERVER_MAIN) && existsSync(path.join(CACHE, 'node_modules', 'playwright-core'))) {
    log(`code-server 4.100.3 and playwright-core: cached in ${CACHE}`);
    return;
  }
  log(`installing code-server and playwright-core into ${CACHE} (about 2 minutes)`);
  mkdirSync(CACHE, { recursive: true });
  rmSync(stamp, { force: true });
  cpSync(path.join(E2E_DIR, 'package.json'), path.join(CACHE, 'package.json'));
  cpSync(path.join(E2E_DIR, 'package-lock.json'), path.join(CACHE, 'package-lock.json'));
  // code-server's @vscode/ripgrep downloads rg from GitHub at install time; seed its cache with Debian's rg.
  const rg = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim();
  if (!rg) throw new Error('ripgrep (rg) is required to install code-server offline');
  const rgCache = path.join(tmpDir, 'vscode-ripgrep-cache-1.15.11');
  mkdirSync(rgCache, { recursive: true });
  run('tar', ['czf', path.join(rgCache, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz'), '-C', path.dirname(rg), path.basename(rg)]);
  run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: CACHE,
    env: { ...process.env, TMPDIR: tmpDir, npm_config_yes: 'true', npm_config_unsafe_perm: 'true' },
  });
  if (!existsSync(SERVER_MAIN)) throw new Error(`code-server installed without ${SERVER_MAIN}`);
  writeFileSync(stamp, `${hash}\n`);
}

/** Builds the production bundles and packages the .vsix with the project's own `npm run package`. */
export function packageExtension(extensionDir = REPO) {
  run('npm', ['run', '--silent', 'package'], { cwd: extensionDir });
  const vsix = path.join(extensionDir, 'lashing.vsix');
  if (!existsSync(vsix)) throw new Error(`npm run package did not write ${vsix}`);
  log(`packaged ${path.relative(REPO, vsix) || vsix}: ${(statSync(vsix).size / 1024).toFixed(0)} KiB`);
  return vsix;
}

/** Compiles the TypeScript tests when out/ is older than them (the integration suite and the grammar test). */
export function compileTests() {
  const newest = (dir, ext) => {
    let time = 0;
    for (const name of existsSync(dir) ? readdirSync(dir) : []) if (name.endsWith(ext)) time = Math.max(time, statSync(path.join(dir, name)).mtimeMs);
    return time;
  };
  const pairs = [
    [['test/vscode', 'client/src'], 'out/test/vscode', 'index.js'],
    [['test/syntaxes'], 'out/test/syntaxes', 'grammar.test.js'],
  ];
  const stale = pairs.some(([sources, out, file]) => !existsSync(path.join(REPO, out, file)) || newest(path.join(REPO, out), '.js') < Math.max(...sources.map((dir) => newest(path.join(REPO, dir), '.ts'))));
  if (!stale) {
    log('compiled tests: up to date');
    return;
  }
  log('$ tsc -p . (the integration suite in out/test/vscode, the grammar test)');
  const result = spawnSync(process.execPath, [path.join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], { cwd: REPO, encoding: 'utf8' });
  for (const [, out, file] of pairs) if (!existsSync(path.join(REPO, out, file))) throw new Error(`tsc did not emit ${out}/${file}:\n${result.stdout}${result.stderr}`);
  if (result.status !== 0) log(`tsc reported errors (the tests compiled anyway):\n${result.stdout.split('\n').slice(0, 20).join('\n')}`);
}

/** The grammar test again, with VS Code 1.100.3's own Dockerfile and YAML grammars (from code-server) as hosts. */
export function grammarTestWithVsCodeGrammars() {
  const test = path.join(REPO, 'out', 'test', 'syntaxes', 'grammar.test.js');
  log('$ node --test out/test/syntaxes/grammar.test.js  (LASHING_VSCODE_EXTENSIONS: code-server’s built-in grammars)');
  const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', test], { cwd: REPO, encoding: 'utf8', env: { ...process.env, LASHING_VSCODE_EXTENSIONS: VSCODE_EXTENSIONS } });
  const output = `${result.stdout}${result.stderr}`;
  const number = (label) => Number(new RegExp(`ℹ ${label} (\\d+)`).exec(output)?.[1] ?? 0);
  const passed = number('pass');
  const failed = number('fail');
  if (result.status !== 0 || failed > 0 || passed === 0) process.stdout.write(output);
  return { passed, failed: result.status !== 0 && failed === 0 ? 1 : failed };
}

/** A fresh copy of examples/ (tests edit files: apply fixes, write .lashing.yaml). */
export function workspaceCopy(runDir, name) {
  const target = path.join(runDir, name);
  rmSync(target, { recursive: true, force: true });
  cpSync(path.join(REPO, 'examples'), target, { recursive: true });
  return target;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts a process in its own process group; output goes to a log file. */
export function startProcess(command, args, { logFile, env, cwd } = {}) {
  log(`$ ${command} ${args.join(' ')}  (log: ${path.relative(REPO, logFile)})`);
  const out = createWriteStream(logFile);
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  return {
    child,
    get exited() {
      return exited;
    },
    /** Ends the whole process group (the server leaves extension-host and watcher children behind). */
    async stop() {
      if (child.pid === undefined) return;
      for (const signal of ['SIGTERM', 'SIGKILL']) {
        try {
          process.kill(-child.pid, signal);
        } catch {
          return;
        }
        for (let i = 0; i < 30; i++) {
          try {
            process.kill(-child.pid, 0);
          } catch {
            return;
          }
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    },
  };
}

export async function waitForHttp(url, timeoutMs = 60_000, processHandle) {
  const startedAt = Date.now();
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // not up yet
    }
    if (processHandle?.exited) throw new Error(`the server exited before ${url} answered`);
    if (Date.now() - startedAt > timeoutMs) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export async function launchChromium() {
  const { chromium } = await import(path.join(CACHE, 'node_modules', 'playwright-core', 'index.mjs'));
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('no Chromium found (apt-get install chromium)');
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage'],
  });
}

/**
 * Runs the @vscode/test-electron mocha suite (out/test/vscode) in code-server's real Node extension host:
 * the inner VS Code server started directly, the development and tests paths given in the page URL
 * (the way VS Code runs its own browser tests). Resolves with the mocha exit code and the log.
 */
export async function runSuiteInCodeServer({ runDir, extensionDir = REPO, timeoutMs = 300_000 }) {
  const workspace = workspaceCopy(runDir, 'suite-workspace');
  const serverData = path.join(runDir, 'suite-server-data');
  mkdirSync(serverData, { recursive: true });
  const port = await freePort();
  const tmp = path.join(runDir, 'tmp');
  mkdirSync(tmp, { recursive: true });
  const server = startProcess(
    process.execPath,
    [SERVER_MAIN, '--host', '127.0.0.1', '--port', String(port), '--without-connection-token', '--accept-server-license-terms', '--disable-telemetry', '--disable-workspace-trust', '--server-data-dir', serverData, '--extensions-dir', path.join(serverData, 'extensions')],
    { logFile: path.join(RESULTS, 'suite-server.log'), env: { TMPDIR: tmp } },
  );
  let browser;
  const lines = [];
  try {
    await waitForHttp(`http://127.0.0.1:${port}/`, 60_000, server);
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    let resolveExit;
    const exited = new Promise((resolve) => {
      resolveExit = resolve;
    });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = Array.isArray(args) ? format(...args) : String(args ?? type);
      for (const line of text.split('\n')) {
        lines.push(line);
        process.stdout.write(`  │ ${line}\n`);
      }
    });
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
    const remote = (file) => `vscode-remote://127.0.0.1:${port}${file}`;
    const payload = [
      ['extensionDevelopmentPath', remote(extensionDir)],
      ['extensionTestsPath', remote(path.join(REPO, 'out', 'test', 'vscode'))],
      ['skipWelcome', 'true'],
    ];
    const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(remote(workspace))}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    log(`suite: opening ${url.slice(0, 80)}…`);
    await page.goto(url);
    const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), timeoutMs));
    const code = await Promise.race([exited, timeout]);
    await page.screenshot({ path: path.join(RESULTS, 'suite-final.png') }).catch(() => undefined);
    writeFileSync(path.join(RESULTS, 'suite.log'), `${lines.join('\n')}\n`);
    if (code === 'timeout') return { code: 1, lines, error: `the suite did not finish within ${timeoutMs / 1000} s` };
    return { code: typeof code === 'number' ? code : 1, lines };
  } finally {
    await browser?.close().catch(() => undefined);
    await server.stop();
  }
}

/** Counts mocha's "N passing" / "N failing" / "N pending" lines. */
export function mochaCounts(lines) {
  const count = (word) => {
    for (const line of lines) {
      const match = new RegExp(`^\\s*(\\d+) ${word}\\b`).exec(line);
      if (match) return Number(match[1]);
    }
    return 0;
  };
  return { passed: count('passing'), failed: count('failing'), pending: count('pending') };
}
