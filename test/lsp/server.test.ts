// Starts the real bundled server over stdio and speaks LSP to it.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { CodeAction, Diagnostic, Hover, TextEdit, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { startServer, type TestClient } from './lsp-client';
import { TextDocument } from 'vscode-languageserver-textdocument';

const DOCKERFILE = 'FROM debian:12\nRUN sudo apt-get update && sudo apt-get install -y curl\nEXPOSE 22\nCMD ["bash"]\n';

describe('language server over stdio', () => {
  let client: TestClient;
  let folder: string;
  let uri: string;

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lashing-lsp-'));
    fs.writeFileSync(path.join(folder, 'Dockerfile'), DOCKERFILE);
    uri = URI.file(path.join(folder, 'Dockerfile')).toString();
    client = startServer();
    const result = await client.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: URI.file(folder).toString(),
      workspaceFolders: [{ uri: URI.file(folder).toString(), name: 'test' }],
      capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
      initializationOptions: { settings: {} },
    });
    assert.ok((result as { capabilities: { hoverProvider?: boolean } }).capabilities.hoverProvider);
    await client.connection.sendNotification('initialized', {});
  });

  after(async () => {
    await client.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('publishes diagnostics on open with source, code and docs link', async () => {
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: DOCKERFILE } });
    const published = await client.waitForDiagnostics(uri, (p) => p.version === 1 && p.diagnostics.some((d) => d.code === 'dockerfile/sudo'));
    const sudo = published.diagnostics.filter((d) => d.code === 'dockerfile/sudo');
    assert.equal(sudo.length, 2);
    assert.equal(sudo[0].source, 'lashing');
    assert.deepEqual(sudo[0].range, { start: { line: 1, character: 4 }, end: { line: 1, character: 8 } });
    assert.match(String(sudo[0].codeDescription?.href), /^https:\/\//);
    assert.ok(published.diagnostics.some((d) => d.code === 'dockerfile/expose-ssh'));
  });

  it('offers the quick fix, a suppression with a reason, and versioned edits', async () => {
    const published = client.diagnostics.get(uri)!;
    const diagnostic = published.diagnostics.find((d) => d.code === 'dockerfile/sudo') as Diagnostic;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    })) as CodeAction[];
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Remove `sudo`'), titles.join(', '));
    assert.ok(titles.some((t) => t.startsWith('Suppress dockerfile/sudo here')), titles.join(', '));
    const fix = actions.find((a) => a.title === 'Remove `sudo`')!;
    const change = fix.edit!.documentChanges![0] as TextDocumentEdit;
    assert.equal(change.textDocument.version, 1);
    const document = TextDocument.create(uri, 'dockerfile', 1, DOCKERFILE);
    const fixed = TextDocument.applyEdits(document, change.edits as TextEdit[]);
    assert.equal(fixed, 'FROM debian:12\nRUN apt-get update && sudo apt-get install -y curl\nEXPOSE 22\nCMD ["bash"]\n');
    const suppress = actions.find((a) => a.title.startsWith('Suppress dockerfile/sudo here'))!;
    const suppressEdit = (suppress.edit!.documentChanges![0] as TextDocumentEdit).edits[0] as TextEdit;
    assert.match(suppressEdit.newText, /^# lashing-ignore dockerfile\/sudo -- /);
  });

  it('answers source.fixAll.lashing with one edit', async () => {
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.lashing'] },
    })) as CodeAction[];
    assert.equal(actions.length, 1);
    const edits = (actions[0].edit!.documentChanges![0] as TextDocumentEdit).edits as TextEdit[];
    const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'dockerfile', 1, DOCKERFILE), edits);
    assert.ok(!fixed.includes('sudo'));
    assert.ok(!fixed.includes('EXPOSE 22'));
  });

  it('shows the rule documentation on hover over a finding, and instruction docs elsewhere', async () => {
    const onFinding = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 5 } })) as Hover;
    assert.match(JSON.stringify(onFinding.contents), /dockerfile\/sudo/);
    assert.match(JSON.stringify(onFinding.contents), /Why it matters/);
    const onKeyword = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } })) as Hover;
    assert.match(JSON.stringify(onKeyword.contents), /base image/);
  });

  it('re-analyses on change and publishes only for the latest version', async () => {
    for (let version = 2; version <= 40; version++) {
      const text = version === 40 ? 'FROM debian:12\nUSER 1000\n' : `${DOCKERFILE}# edit ${version}\n`;
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    }
    const published = await client.waitForDiagnostics(uri, (p) => p.version === 40);
    assert.ok(!published.diagnostics.some((d) => d.code === 'dockerfile/sudo'));
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal(client.diagnostics.get(uri)!.version, 40, 'no stale version published after the latest');
  });

  it('keeps answering after malformed and binary input', async () => {
    const bad = URI.file(path.join(folder, 'Dockerfile.bad')).toString();
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: bad, languageId: 'dockerfile', version: 1, text: 'FROM\n\u0000\u0001RUN <<EOF\n\\\n' } });
    await client.waitForDiagnostics(bad);
    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: bad }, position: { line: 0, character: 0 } });
    assert.ok(hover === null || typeof hover === 'object');
    const rules = (await client.connection.sendRequest('lashing/listRules')) as Array<{ id: string }>;
    assert.ok(rules.some((rule) => rule.id === 'dockerfile/sudo'));
  });
});

describe('language server: requests that arrive before the debounced analysis', () => {
  let client: TestClient;
  let folder: string;

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lashing-lsp-early-'));
    client = startServer();
    // A long debounce: without on-demand analysis every request below would find no analysed version.
    await client.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
      initializationOptions: { settings: {}, debounceMs: 5000 },
    });
    await client.connection.sendNotification('initialized', {});
  });

  after(async () => {
    await client.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('hover, quick fixes and lenses analyse the current version at once, and it is published once', async () => {
    const uri = URI.file(path.join(folder, 'Dockerfile')).toString();
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: DOCKERFILE } });
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 5 } })) as Hover | null;
    assert.match(JSON.stringify(hover?.contents), /dockerfile\/sudo/);
    const published = await client.waitForDiagnostics(uri, (p) => p.version === 1, 2000);
    const sudo = published.diagnostics.find((d) => d.code === 'dockerfile/sudo') as Diagnostic;

    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: `${DOCKERFILE}# edited\n` }] });
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: sudo.range, context: { diagnostics: [sudo], only: ['quickfix'] } })) as CodeAction[];
    assert.ok(actions.some((action) => action.title === 'Remove `sudo`'), `quick fixes for version 2: ${actions.map((action) => action.title).join(' | ')}`);
    const edit = actions.find((action) => action.title === 'Remove `sudo`')!.edit!.documentChanges![0] as TextDocumentEdit;
    assert.equal(edit.textDocument.version, 2);
    await client.waitForDiagnostics(uri, (p) => p.version === 2, 2000);

    const manifest = URI.file(path.join(folder, 'pod.yaml')).toString();
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n';
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: manifest, languageId: 'yaml', version: 1, text: pod } });
    const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: manifest } })) as Array<{ command?: { title: string } }>;
    assert.ok(lenses.length > 0 && lenses.every((lens) => lens.command), 'the Pod Security lens of the workload');
    await client.waitForDiagnostics(manifest, (p) => p.version === 1, 2000);

    await new Promise((resolve) => setTimeout(resolve, 300));
    const versions = client.published.filter((p) => p.uri === uri).map((p) => p.version);
    assert.deepEqual(versions, [1, 2], 'each version published once, and the debounced analysis did not run again');
  });
});
