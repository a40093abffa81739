// End to end in a second editor: Neovim's built-in LSP client (nvim --headless, driven by
// test/neovim/e2e.lua) against the bundled language server (dist/server.js), on a copy of examples/.
// The test fails, and is not skipped, when Neovim is missing: CI installs it (`apt-get install -y neovim`).

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '../../..');
const SERVER = path.join(REPO, 'dist', 'server.js');
const CLI = path.join(REPO, 'dist', 'cli.js');
const SCRIPT = path.join(REPO, 'test', 'neovim', 'e2e.lua');
const EXAMPLES = path.join(REPO, 'examples');
const INSTALL_HINT = 'Install Neovim 0.7 or later: `apt-get install -y neovim` on Debian/Ubuntu (.ci/run does this), or put `nvim` on PATH (or set NVIM to its path).';

interface LspDiagnostic {
  code?: string;
  source?: string;
  severity: number;
  message: string;
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
}

interface NeovimDiagnostic {
  code?: string;
  severity: number;
  lnum: number;
  col: number;
  message: string;
  source?: string;
}

interface FileSnapshot {
  uri: string;
  version: number;
  lsp: LspDiagnostic[];
  neovim: NeovimDiagnostic[];
  text: string;
}

interface RunResult {
  nvim: string;
  error?: string;
  steps: string[];
  files: Record<string, FileSnapshot>;
  codeActions?: Array<{ title: string; kind?: string; isPreferred: boolean }>;
  appliedEdit?: { documentChanges?: Array<{ textDocument: { uri: string; version: number }; edits: unknown[] }> };
  versionBefore?: number;
  versionAfter?: number;
  afterFix?: FileSnapshot;
  hover?: string;
  explain?: string;
  exit?: { code: number; signal: number };
}

/** The Neovim binary, or a failure that says how to install it. */
function neovim(): string {
  const binary = process.env.NVIM || 'nvim';
  const probe = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 20_000 });
  if (probe.error || probe.status !== 0) {
    assert.fail(`Neovim was not found (\`${binary} --version\` failed: ${probe.error?.message ?? probe.stderr}). ${INSTALL_HINT}`);
  }
  const match = /NVIM v(\d+)\.(\d+)/.exec(probe.stdout);
  assert.ok(match, `unexpected \`nvim --version\` output: ${probe.stdout.slice(0, 200)}`);
  const [major, minor] = [Number(match[1]), Number(match[2])];
  assert.ok(major > 0 || minor >= 7, `Neovim ${major}.${minor} is too old for vim.lsp.start_client/buf_attach_client. ${INSTALL_HINT}`);
  return binary;
}

function runNeovim(root: string, scratch: string, name: string, options: { settings: string; files: string[]; fix?: string }): RunResult {
  const out = path.join(scratch, `${name}.json`);
  const xdg = path.join(scratch, `xdg-${name}`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LASHING_NODE: process.execPath,
    LASHING_SERVER: SERVER,
    LASHING_ROOT: root,
    LASHING_OUT: out,
    LASHING_SETTINGS: options.settings,
    LASHING_FILES: options.files.join(','),
    LASHING_FIX: options.fix ?? '',
    LASHING_TIMEOUT: '20000',
    // Keep Neovim's state, cache and LSP log out of the user's home.
    XDG_CONFIG_HOME: path.join(xdg, 'config'),
    XDG_DATA_HOME: path.join(xdg, 'data'),
    XDG_STATE_HOME: path.join(xdg, 'state'),
    XDG_CACHE_HOME: path.join(xdg, 'cache'),
  };
  const child = spawnSync(neovim(), ['--headless', '--clean', '-n', '-c', `luafile ${SCRIPT}`], { cwd: root, env, encoding: 'utf8', timeout: 90_000, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = `exit ${child.status}${child.signal ? ` (${child.signal})` : ''}\nstdout: ${child.stdout}\nstderr: ${child.stderr}`;
  assert.ok(fs.existsSync(out), `Neovim wrote no result (timed out or crashed):\n${output}`);
  const result = JSON.parse(fs.readFileSync(out, 'utf8')) as RunResult;
  assert.equal(result.error, undefined, `the Neovim script failed after steps ${JSON.stringify(result.steps)}:\n${result.error}\n${output}`);
  return result;
}

/** `ruleId@line` (1-based) for every finding diagnostic, sorted. */
function keysOfLsp(diagnostics: LspDiagnostic[]): string[] {
  return diagnostics.filter((d) => typeof d.code === 'string').map((d) => `${d.code}@${d.line + 1}`).sort();
}
function keysOfNeovim(diagnostics: NeovimDiagnostic[]): string[] {
  return diagnostics.filter((d) => typeof d.code === 'string').map((d) => `${d.code}@${d.lnum + 1}`).sort();
}

describe('Neovim built-in LSP client (nvim --headless)', () => {
  let scratch: string;
  let root: string;
  let full: RunResult;
  let cliFindings: Array<{ file: string; ruleId: string; line: number }>;

  before(() => {
    assert.ok(fs.existsSync(SERVER), `${SERVER} is missing: run \`npm run build\` first (npm test does).`);
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'lashing-nvim-'));
    root = path.join(scratch, 'examples');
    fs.cpSync(EXAMPLES, root, { recursive: true });
    // .lashing.yaml applies in the editor exactly as in the CLI.
    fs.writeFileSync(path.join(root, '.lashing.yaml'), '# written by test/neovim/neovim.test.ts\nrules:\n  kubernetes/service-exposed: "off"\n');
    full = runNeovim(root, scratch, 'full', {
      settings: 'configuration',
      files: ['web/Dockerfile=dockerfile', 'k8s/storefront.yaml=yaml'],
      fix: 'web/Dockerfile=dockerfile/expose-ssh=Remove port 22 from EXPOSE',
    });
    const cli = spawnSync(process.execPath, [CLI, 'check', '.', '--format', 'json', '--fail-on', 'none'], { cwd: root, encoding: 'utf8' });
    assert.equal(cli.status, 0, cli.stderr);
    cliFindings = (JSON.parse(cli.stdout) as { findings: Array<{ file: string; ruleId: string; line: number }> }).findings;
  });
  after(() => {
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('receives the Dockerfile findings, with the severity from the client settings', () => {
    const web = full.files['web/Dockerfile'];
    assert.ok(web, `no snapshot for web/Dockerfile; steps: ${JSON.stringify(full.steps)}`);
    const ssh = web.neovim.find((d) => d.code === 'dockerfile/expose-ssh');
    assert.ok(ssh, `Neovim shows no dockerfile/expose-ssh: ${JSON.stringify(web.neovim)}`);
    // `EXPOSE 3000 22` is line 21; the range is the `22`.
    assert.deepEqual({ lnum: ssh.lnum, col: ssh.col, source: ssh.source }, { lnum: 20, col: 12, source: 'lashing' });
    // lashing.rules set expose-ssh to error; answered by Neovim's workspace/configuration handler.
    assert.equal(ssh.severity, 1, 'the client settings did not reach the server');
  });

  it('receives the manifest findings on the expected lines', () => {
    const storefront = full.files['k8s/storefront.yaml'];
    assert.ok(storefront, `no snapshot for k8s/storefront.yaml; steps: ${JSON.stringify(full.steps)}`);
    const keys = keysOfNeovim(storefront.neovim);
    for (const expected of [
      'kubernetes/host-namespaces@19', // hostNetwork: true
      'kubernetes/secret-in-env@28', // value: sk_live_…
      'kubernetes/privileged@32', // privileged: true
    ]) {
      assert.ok(keys.includes(expected), `expected ${expected} among ${JSON.stringify(keys)}`);
    }
    assert.ok(keys.some((key) => key.startsWith('kubernetes/docker-socket-mount@')), `expected kubernetes/docker-socket-mount among ${JSON.stringify(keys)}`);
    assert.ok(!keys.some((key) => key.startsWith('kubernetes/service-exposed@')), '.lashing.yaml turned kubernetes/service-exposed off');
  });

  it("keeps Neovim's diagnostics identical to what the server published and to the CLI", () => {
    for (const [file, snapshot] of Object.entries(full.files)) {
      assert.deepEqual(keysOfNeovim(snapshot.neovim), keysOfLsp(snapshot.lsp), `${file}: vim.diagnostic differs from publishDiagnostics`);
      const cli = cliFindings.filter((f) => f.file === file).map((f) => `${f.ruleId}@${f.line}`).sort();
      assert.deepEqual(keysOfLsp(snapshot.lsp), cli, `${file}: the editor and \`lashing check\` disagree`);
    }
  });

  it("shows the rule's documentation on hover and through lashing/explainRule", () => {
    assert.match(full.hover ?? '', /^### dockerfile\/expose-ssh — SSH port exposed\n/, `hover: ${full.hover}`);
    assert.match(full.hover ?? '', /\*\*Why it matters\.\*\*/);
    assert.match(full.explain ?? '', /^### dockerfile\/expose-ssh — SSH port exposed\n/, `lashing/explainRule: ${full.explain}`);
  });

  it('applies a quick fix through vim.lsp.util.apply_workspace_edit and gets fresh diagnostics', () => {
    const titles = (full.codeActions ?? []).map((action) => action.title);
    const fix = full.codeActions?.find((action) => action.title === 'Remove port 22 from EXPOSE');
    assert.ok(fix, `code actions offered: ${JSON.stringify(titles)}`);
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.isPreferred, true);
    assert.ok(titles.some((title) => title.startsWith('Suppress dockerfile/expose-ssh')), `no suppression action among ${JSON.stringify(titles)}`);
    // The edit is versioned for the buffer version Neovim had sent.
    const change = full.appliedEdit?.documentChanges?.[0];
    assert.ok(change, 'the code action has no documentChanges');
    assert.equal(change.textDocument.version, full.versionBefore);

    const before = fs.readFileSync(path.join(EXAMPLES, 'web', 'Dockerfile'), 'utf8');
    const expected = before.replace('EXPOSE 3000 22\n', 'EXPOSE 3000\n').replace(/\n$/, '');
    assert.notEqual(expected, before.replace(/\n$/, ''), 'examples/web/Dockerfile no longer has `EXPOSE 3000 22`');
    const after = full.afterFix;
    assert.ok(after, 'no snapshot after the fix');
    assert.equal(after.text, expected);
    assert.ok((full.versionAfter ?? 0) > (full.versionBefore ?? 0), 'Neovim did not bump the buffer version');
    assert.equal(after.version, full.versionAfter, 'the diagnostics after the fix are not for the edited version');
    assert.ok(!after.neovim.some((d) => d.code === 'dockerfile/expose-ssh'), `expose-ssh still shown: ${JSON.stringify(after.neovim)}`);
    // The buffer was edited, not the file.
    assert.equal(fs.readFileSync(path.join(root, 'web', 'Dockerfile'), 'utf8'), before);
    assert.deepEqual(full.exit, { code: 0, signal: 0 }, 'the server did not exit cleanly on shutdown');
  });

  for (const mode of ['initializationOptions', 'didChangeConfiguration']) {
    it(`takes the settings from ${mode}`, () => {
      const result = runNeovim(root, scratch, mode, { settings: mode, files: ['web/Dockerfile=dockerfile'] });
      const ssh = result.files['web/Dockerfile'].neovim.find((d) => d.code === 'dockerfile/expose-ssh');
      assert.ok(ssh, JSON.stringify(result.files['web/Dockerfile']));
      assert.equal(ssh.severity, 1, `the ${mode} settings did not reach the server`);
    });
  }
});
