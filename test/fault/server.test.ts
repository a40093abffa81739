// Hostile and broken input through the real language server (dist/server.js over stdio): the
// server never dies and keeps answering, skips what it must skip with one message, publishes only
// the latest version's diagnostics, never hands out an edit for the wrong version, keeps line
// endings, and reports a failing rule once while the other rules' findings still arrive.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TestClient } from '../lsp/lsp-client';
import { createEngine } from '../../server/src/languages';
import { fixAllText } from '../../server/src/engine/fix-all';
import { answered, assertRangesInside, change, diagnosticsFor, makeWorkspace, open, removeWorkspace, startIn, uriOf } from './support';
import { THROWING_RULE_ID } from './throwing-server';

const NORMAL = 'FROM debian:12\nRUN sudo apt-get update\n';
const K8S_HEAD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n';
const TEN_MB = 10 * 1024 * 1024;

/** LSP 3.18 allows markup messages; Lashing sends plain strings. */
const messageOf = (diagnostic: Diagnostic): string => (typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value);

function aliasBomb(prefix: string): string {
  let text = prefix;
  text += 'x0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  for (let i = 1; i < 10; i++) text += `x${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]\n`;
  return text;
}

/** The hostile documents opened in the editor: [file name, text, what must hold]. */
const HOSTILE: Array<{ name: string; text: string; skipped?: RegExp }> = [
  { name: 'truncated/Dockerfile', text: 'FROM alpine:3.20\nRUN apt-get install -y \\' },
  { name: 'malformed/Dockerfile', text: 'FROM\nRUN <<EOF\n\\\nONBUILD ONBUILD\nCOPY --from= \nARG =\nENV\n"\n' },
  { name: 'malformed/deploy.yaml', text: `${K8S_HEAD}  containers: [\n    {name: a, image: ` },
  { name: 'bad-indent/compose.yaml', text: 'services:\n  web:\n    image: nginx\n     privileged: true\n\tuser: root\n' },
  { name: 'binary/Dockerfile', text: 'FROM alpine\n\u0000\u0001\u0002\u0003ELF\u0000', skipped: /looks binary/ },
  { name: 'bomb/deploy.yaml', text: aliasBomb(K8S_HEAD.replace('spec:\n', '')) + 'spec:\n  containers:\n    - name: a\n      image: nginx\n      env: *a9\n      args: *a9\n  volumes: *a9\n' },
  { name: 'bomb/compose.yaml', text: aliasBomb('') + 'services:\n  web:\n    image: nginx\n    environment: *a9\n    volumes: *a9\n    cap_add: *a9\n    command: *a9\n' },
  { name: 'flow-deep/deploy.yaml', text: `${K8S_HEAD}  containers: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n` },
  { name: 'flow-deep-open/deploy.yaml', text: `${K8S_HEAD}  containers: ${'{a: '.repeat(10_000)}\n` },
  { name: 'block-deep/deploy.yaml', text: `${K8S_HEAD}  containers:\n    ${'- '.repeat(10_000)}x\n` },
  { name: 'shell-deep/Dockerfile', text: `FROM alpine\nRUN ${'$('.repeat(10_000)}x${')'.repeat(10_000)}\n` },
  { name: 'long-line/Dockerfile', text: `FROM alpine\nRUN ${'sudo a '.repeat(40_000)}\n` },
  { name: 'long-line/deploy.yaml', text: `${K8S_HEAD}  containers:\n    - name: a\n      image: "${'x'.repeat(300_000)}"\n` },
  { name: 'unicode/Dockerfile', text: 'FROM alpine\uD800\nRUN sudo \uFFFD\uFFFD \uDC00 echo 😀\u2028\nUSER \u00A0root\n' },
  { name: 'bom-crlf/Dockerfile', text: '\uFEFFFROM debian:12\r\nRUN sudo apt-get update\r\n' },
  { name: 'mixed/deploy.yaml', text: 'apiVersion: v1\r\nkind: Pod\nmetadata:\r  name: web\r\nspec:\n  containers:\r\n    - name: a\n      image: nginx\r\n' },
  { name: 'cr-only/Dockerfile', text: 'FROM alpine\rRUN sudo x\rUSER root\r' },
  { name: 'tabs/deploy.yaml', text: 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: web\nspec:\n\tcontainers:\n\t\t- name: a\n' },
  { name: 'big/Dockerfile', text: `FROM alpine\n${'RUN echo padding\n'.repeat(Math.ceil(TEN_MB / 17))}`, skipped: /larger than/ },
];

describe('the server under hostile input', () => {
  let folder: string;
  let client: TestClient;
  let normal: string;

  before(async () => {
    folder = makeWorkspace('lashing-fault-', {
      'Dockerfile': NORMAL,
      'disk/binary/Dockerfile': Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x20, 0x00, 0x01, 0x02, 0xff, 0x00, 0x0a]),
      'disk/big/Dockerfile': Buffer.alloc(TEN_MB + 1, 0x23), // '#' x 10 MB
      'disk/big/deploy.yaml': Buffer.alloc(TEN_MB + 1, 0x20),
      // Invalid UTF-8 (0xff 0xfe, a lone continuation byte, a truncated sequence) in a Dockerfile.
      'disk/utf8/Dockerfile': Buffer.concat([Buffer.from('FROM debian:12\nRUN echo '), Buffer.from([0xff, 0xfe, 0x80, 0xe2, 0x82]), Buffer.from(' && sudo make\n')]),
    });
    client = await startIn(folder);
    normal = uriOf(folder, 'Dockerfile');
    await open(client, normal, NORMAL);
    await diagnosticsFor(client, normal, 1);
  });

  after(async () => {
    await client.close();
    removeWorkspace(folder);
  });

  const hover = (what: string) => answered(client.connection.sendRequest('textDocument/hover', { textDocument: { uri: normal }, position: { line: 1, character: 5 } }), what);

  for (const hostile of HOSTILE) {
    it(`survives ${hostile.name} (${hostile.text.length} chars) and keeps answering`, async () => {
      const uri = uriOf(folder, `open/${hostile.name}`);
      await open(client, uri, hostile.text);
      // A request for another document while this one is being analysed is answered.
      const during = hover(`hover while ${hostile.name} is analysed`);
      const published = await diagnosticsFor(client, uri, 1, 60_000);
      await during;
      assertRangesInside(hostile.text, published.diagnostics, hostile.name);
      if (hostile.skipped) {
        assert.equal(published.diagnostics.length, 1, `one message for a skipped file: ${JSON.stringify(published.diagnostics)}`);
        assert.equal(published.diagnostics[0].severity, 3, 'an information message');
        assert.match(messageOf(published.diagnostics[0]), hostile.skipped);
      }
      const afterwards = await hover(`hover after ${hostile.name}`);
      assert.ok(afterwards.value && JSON.stringify(afterwards.value).includes('sudo'), 'hover on the normal document still works');
      assert.equal(client.process.exitCode, null, 'the server is alive');
    });
  }

  it('skips binary and oversized files on disk with one message each, and decodes invalid UTF-8', async () => {
    const binary = await client.waitForDiagnostics(uriOf(folder, 'disk/binary/Dockerfile'), () => true, 30_000);
    assert.equal(binary.diagnostics.length, 1);
    assert.match(messageOf(binary.diagnostics[0]), /did not analyse.*binary/);
    const big = await client.waitForDiagnostics(uriOf(folder, 'disk/big/Dockerfile'), () => true, 30_000);
    assert.equal(big.diagnostics.length, 1);
    assert.match(messageOf(big.diagnostics[0]), /did not analyse.*larger than 2 MB/);
    const utf8 = await client.waitForDiagnostics(uriOf(folder, 'disk/utf8/Dockerfile'), () => true, 30_000);
    assert.ok(utf8.diagnostics.some((d) => d.code === 'dockerfile/sudo'), 'a file with invalid UTF-8 is still analysed');
    assert.ok(!client.published.some((p) => p.uri === uriOf(folder, 'disk/big/deploy.yaml') && p.diagnostics.length > 0), 'an oversized YAML file (maybe not a container file) is skipped silently');
  });

  it('ends a burst of 1,000 incremental didChange notifications with diagnostics for the last version only', async () => {
    const uri = uriOf(folder, 'burst/Dockerfile');
    let text = 'FROM debian:12\n# ';
    await open(client, uri, text);
    await diagnosticsFor(client, uri, 1);
    const from = client.published.length;
    const document = TextDocument.create(uri, 'dockerfile', 1, text);
    for (let version = 2; version <= 1001; version++) {
      const insertion = version === 1001 ? '\nRUN sudo make install\n' : 'x';
      const end = document.positionAt(text.length);
      const contentChanges = [{ range: { start: end, end }, text: insertion }];
      TextDocument.update(document, contentChanges, version);
      text = document.getText();
      void client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
    }
    const last = await diagnosticsFor(client, uri, 1001, 30_000);
    assert.deepEqual(
      last.diagnostics.filter((d) => d.code === 'dockerfile/sudo').map((d) => d.range),
      [{ start: { line: 2, character: 4 }, end: { line: 2, character: 8 } }],
      'the diagnostics are those of the final text',
    );
    await new Promise((resolve) => setTimeout(resolve, 600));
    const during = client.published.slice(from).filter((p) => p.uri === uri);
    assert.equal(during[during.length - 1].version, 1001, 'nothing older is published after the last version');
    assert.ok(during.length <= 5, `debounced: ${during.length} publications for 1,000 changes`);
    for (const p of during) assert.ok(p.version === 1001 || (p.version ?? 0) < 1001, 'versions are those of the document');
  });

  it('gives quick fixes and fix-all the document version, and none for a stale diagnostic', async () => {
    const uri = uriOf(folder, 'versions/Dockerfile');
    const text = 'FROM debian:12\nRUN sudo apt-get update && sudo apt-get install -y curl\nEXPOSE 22\n';
    await open(client, uri, text, 7);
    const published = await diagnosticsFor(client, uri, 7);
    const sudo = published.diagnostics.find((d) => d.code === 'dockerfile/sudo') as Diagnostic;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: sudo.range, context: { diagnostics: [sudo] } })) as CodeAction[];
    assert.ok(actions.length > 0);
    for (const action of actions) {
      for (const documentChange of action.edit?.documentChanges ?? []) {
        if ('textDocument' in documentChange) assert.equal(documentChange.textDocument.version, 7, `${action.title} carries the version`);
      }
    }
    // The user types: the same diagnostic is now stale; no edit for version 7 may be handed out.
    await change(client, uri, 8, text + '# typing\n');
    const stale = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: sudo.range, context: { diagnostics: [sudo] } })) as CodeAction[];
    for (const action of stale) {
      for (const documentChange of action.edit?.documentChanges ?? []) {
        if ('textDocument' in documentChange) assert.equal(documentChange.textDocument.version, 8, 'never an edit for the old version');
      }
    }
    const fresh = await diagnosticsFor(client, uri, 8);
    const fixAll = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: fresh.diagnostics, only: ['source.fixAll.lashing'] },
    })) as CodeAction[];
    assert.equal(fixAll.length, 1, 'one fix-all action');
    const changes = fixAll[0].edit?.documentChanges ?? [];
    assert.equal(changes.length, 1, 'one document change');
    const edit = changes[0] as TextDocumentEdit;
    assert.equal(edit.textDocument.version, 8);
    assert.equal(edit.edits.length, 1, 'fix-all is a single, atomic edit');
    const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'dockerfile', 8, text + '# typing\n'), edit.edits as TextEdit[]);
    assert.equal(fixed, fixAllText(createEngine(), { path: path.join(folder, 'versions/Dockerfile').split(path.sep).join('/'), text: text + '# typing\n' }));
  });

  for (const [name, text] of [
    ['crlf/Dockerfile', 'FROM debian:12\r\nRUN sudo apt-get update && apt-get install -y curl\r\nRUN curl -fsSL https://example.com/x.sh | bash\r\nCMD ["bash"]\r\n'],
    ['crlf/deploy.yaml', 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: web\r\nspec:\r\n  containers:\r\n    - name: web\r\n      image: nginx:1.27\r\n'],
    ['crlf/compose.yaml', 'services:\r\n  web:\r\n    image: nginx:1.27\r\n'],
  ] as const) {
    it(`keeps CRLF line endings in quick fixes and fix-all (${name})`, async () => {
      const uri = uriOf(folder, name);
      await open(client, uri, text);
      const published = await diagnosticsFor(client, uri, 1);
      const apply = (edits: TextEdit[]): string => TextDocument.applyEdits(TextDocument.create(uri, 'x', 1, text), edits);
      const bareLf = /(?<!\r)\n/;
      let multiLine = 0;
      for (const diagnostic of published.diagnostics) {
        const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as CodeAction[];
        for (const action of actions) {
          const documentChange = action.edit?.documentChanges?.[0] as TextDocumentEdit | undefined;
          if (!documentChange || !('edits' in documentChange)) continue;
          const edits = documentChange.edits as TextEdit[];
          if (edits.some((e) => e.newText.includes('\n'))) multiLine++;
          assert.doesNotMatch(apply(edits), bareLf, `${action.title} keeps CRLF`);
        }
      }
      assert.ok(multiLine > 0, 'some fix inserts lines');
      const fixAll = (await client.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll'] },
      })) as CodeAction[];
      const edits = (fixAll[0].edit?.documentChanges?.[0] as TextDocumentEdit).edits as TextEdit[];
      const fixed = apply(edits);
      assert.notEqual(fixed, text);
      assert.doesNotMatch(fixed, bareLf, 'fix-all keeps CRLF');
    });
  }
});

describe('an exception inside one rule', () => {
  let folder: string;
  let client: TestClient;

  before(async () => {
    folder = makeWorkspace('lashing-throw-');
    client = await startIn(folder, { serverPath: path.join(__dirname, 'throwing-server.js') });
  });

  after(async () => {
    await client.close();
    removeWorkspace(folder);
  });

  it('is reported once in the output channel; the other rules still report', async () => {
    const first = uriOf(folder, 'a/Dockerfile');
    const second = uriOf(folder, 'b/Dockerfile');
    await open(client, first, NORMAL);
    await open(client, second, 'FROM alpine\nEXPOSE 22\n');
    const a = await diagnosticsFor(client, first, 1);
    const b = await diagnosticsFor(client, second, 1);
    await change(client, first, 2, NORMAL + 'USER root\n');
    await diagnosticsFor(client, first, 2);
    assert.ok(a.diagnostics.some((d) => d.code === 'dockerfile/sudo'), 'findings of the other rules arrive');
    assert.ok(b.diagnostics.some((d) => d.code === 'dockerfile/expose-ssh'));
    assert.ok(![...a.diagnostics, ...b.diagnostics].some((d) => d.code === THROWING_RULE_ID));
    const reports = client.messages.filter((m) => m.message.includes(THROWING_RULE_ID));
    assert.equal(reports.length, 1, `reported once: ${JSON.stringify(client.messages)}`);
    assert.equal(reports[0].method, 'window/logMessage');
    assert.equal(reports[0].type, 1, 'as an error');
    assert.match(reports[0].message, /boom from the test rule/);
  });
});

describe('invalid configuration', () => {
  let folder: string;
  let client: TestClient;
  const config = 'rules:\n  dockerfile/sudo: loud\n  dockerfile/expose-ssh: off\n  no/such-rule: error\nkubernetes:\n  version: banana\ncolour: blue\n';

  before(async () => {
    folder = makeWorkspace('lashing-config-', { '.lashing.yaml': config, 'Dockerfile': 'FROM debian:12\nRUN sudo make\nEXPOSE 22\n' });
    client = await startIn(folder, {
      settings: { rules: { 'dockerfile/root-user': 'shout', 'no/such': 'off' }, ignorePaths: ['ok/**', `${'a'.repeat(2000)}`, 'x\u0000y'], trustedRegistries: 'docker.io', kubernetes: { podSecurityProfile: 'paranoid' } },
    });
  });

  after(async () => {
    await client.close();
    removeWorkspace(folder);
  });

  it('puts a diagnostic on each bad key of .lashing.yaml and uses the defaults for them', async () => {
    const uri = uriOf(folder, '.lashing.yaml');
    await open(client, uri, config);
    const published = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
    const at = (d: Diagnostic): string => config.split('\n')[d.range.start.line].slice(d.range.start.character, d.range.end.line === d.range.start.line ? d.range.end.character : undefined);
    const found = published.diagnostics.map((d) => [at(d), messageOf(d)] as const);
    assert.deepEqual(found.map(([text]) => text).sort(), ['banana', 'colour', 'loud', 'no/such-rule'].sort(), JSON.stringify(found));
    for (const [, message] of found) assert.match(message, /default is used/);
    // The valid part still applies: expose-ssh is off in this folder; sudo keeps its default severity.
    const dockerfile = await client.waitForDiagnostics(uriOf(folder, 'Dockerfile'), (p) => p.diagnostics.some((d) => d.code === 'dockerfile/sudo'), 30_000);
    assert.ok(!dockerfile.diagnostics.some((d) => d.code === 'dockerfile/expose-ssh'));
  });

  it('names each invalid setting once, and keeps working with the valid ones', async () => {
    const warnings = client.messages.filter((m) => m.method === 'window/showMessage').map((m) => m.message);
    for (const key of ['lashing.rules.dockerfile/root-user', 'lashing.rules: unknown rule "no/such"', 'lashing.ignorePaths', 'lashing.trustedRegistries', 'lashing.kubernetes.podSecurityProfile']) {
      assert.ok(warnings.some((w) => w.includes(key)), `a warning names ${key}: ${JSON.stringify(warnings)}`);
    }
    assert.equal(new Set(warnings).size, warnings.length, 'each warning once');
    const rules = (await client.connection.sendRequest('lashing/listRules')) as unknown[];
    assert.ok(rules.length > 50);
  });
});
