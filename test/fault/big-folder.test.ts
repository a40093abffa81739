// A workspace of 100,000 files with a symbolic-link loop does not hang the language server: the
// first scan ends, its findings arrive, and requests are answered while and after it runs.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TestClient } from '../lsp/lsp-client';
import * as os from 'node:os';
import { answered, removeWorkspace, startIn, uriOf } from './support';

const FILES = 100_000;
const MANIFESTS = 1_000;
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n';

function inMemory(prefix: string): string | undefined {
  try {
    return fs.mkdtempSync(path.join('/dev/shm', prefix));
  } catch {
    return undefined;
  }
}

describe('a workspace of 100,000 files with a symlink loop', () => {
  let folder: string;
  let client: TestClient;

  before(() => {
    // In memory where there is a tmpfs: 100,000 files on a busy disk take a minute to write.
    folder = fs.realpathSync(inMemory('lashing-big-folder-') ?? fs.mkdtempSync(path.join(os.tmpdir(), 'lashing-big-folder-')));
    fs.writeFileSync(path.join(folder, 'Dockerfile'), 'FROM debian:12\nRUN sudo make\n');
    for (let dir = 0; dir < 100; dir++) {
      const directory = path.join(folder, `d${dir}`);
      fs.mkdirSync(directory);
      for (let file = 0; file < (FILES - MANIFESTS) / 100; file++) fs.writeFileSync(path.join(directory, `f${file}.txt`), '');
      for (let file = 0; file < MANIFESTS / 100; file++) fs.writeFileSync(path.join(directory, `pod${file}.yaml`), POD);
    }
    fs.symlinkSync('..', path.join(folder, 'd0', 'loop'));
    fs.symlinkSync(folder, path.join(folder, 'd1', 'self'));
  });

  after(async () => {
    await client?.close();
    removeWorkspace(folder);
  });

  it('ends the first scan, publishes its findings and keeps answering', async () => {
    client = await startIn(folder);
    // Answered while the scan runs (it yields between files).
    await answered(client.connection.sendRequest('lashing/listRules'), 'a request during the scan', 60_000);
    const last = await client.waitForDiagnostics(uriOf(folder, `d99/pod${MANIFESTS / 100 - 1}.yaml`), () => true, 90_000);
    assert.ok(last.diagnostics.some((d) => d.code === 'kubernetes/privileged'), 'the last manifest of the walk is analysed');
    const dockerfile = await client.waitForDiagnostics(uriOf(folder, 'Dockerfile'), () => true, 30_000);
    assert.ok(dockerfile.diagnostics.some((d) => d.code === 'dockerfile/sudo'));
    // Nothing was reached through the loops: no diagnostics for paths inside them.
    assert.ok(!client.published.some((p) => /\/(loop|self)\//.test(p.uri)), 'no file found through a symbolic link');
    const manifestUris = new Set(client.published.filter((p) => p.uri.endsWith('.yaml')).map((p) => p.uri));
    assert.equal(manifestUris.size, MANIFESTS, 'every manifest once, no more');
    await answered(client.connection.sendRequest('lashing/listRules'), 'a request after the scan');
    assert.equal(client.process.exitCode, null, 'the server is alive');
  });
});
