// The workspace scan keeps only findings of files not open in an editor (no text or model): a
// cross-file change re-reads them from disk, unchanged diagnostics are not sent again, and opening
// such a file analyses the editor's text with its quick fixes.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { initializeWorkspace, startServer, type TestClient } from './lsp-client';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: registry.example.com/web:1.2
`;

const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: web
`;

const NETWORK_RULE = 'kubernetes/missing-network-policy';

describe('workspace scan of files not open in an editor', () => {
  let client: TestClient;
  let folder: string;
  const uriOf = (relative: string): string => URI.file(path.join(folder, relative)).toString();

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lashing-scan-'));
    fs.mkdirSync(path.join(folder, 'k8s'));
    fs.writeFileSync(path.join(folder, 'k8s', 'deployment.yaml'), DEPLOYMENT);
    fs.writeFileSync(path.join(folder, 'Dockerfile'), 'FROM debian:12\nRUN sudo true\n');
    fs.writeFileSync(path.join(folder, 'clean.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: quiet\n');
    client = startServer();
    await initializeWorkspace(client, folder, 'scan');
  });

  after(async () => {
    await client.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('publishes the scanned files, re-reads a closed manifest when cross-file facts change, and does not resend unchanged diagnostics', async () => {
    const deployment = uriOf('k8s/deployment.yaml');
    const dockerfile = uriOf('Dockerfile');
    await client.waitForDiagnostics(deployment, (p) => p.diagnostics.some((d) => d.code === NETWORK_RULE));
    await client.waitForDiagnostics(dockerfile, (p) => p.diagnostics.some((d) => d.code === 'dockerfile/sudo'));
    const dockerfileSends = (): number => client.published.filter((p) => p.uri === dockerfile).length;
    const before = dockerfileSends();

    // A NetworkPolicy appears on disk: the closed Deployment (whose text the server no longer holds) is re-analysed.
    fs.writeFileSync(path.join(folder, 'k8s', 'policy.yaml'), POLICY);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('k8s/policy.yaml'), type: 1 }] });
    const after = await client.waitForDiagnostics(deployment, (p) => !p.diagnostics.some((d) => d.code === NETWORK_RULE));
    assert.ok(after.diagnostics.length > 0, 'the other findings of the Deployment stay');
    // A config change re-analyses every closed file: the Dockerfile's diagnostics did not change, so none are sent.
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(dockerfileSends(), before);
    // A file without findings was never sent an empty list.
    assert.equal(client.published.filter((p) => p.uri === uriOf('clean.yaml')).length, 0);
  });

  it('analyses the editor text of a scanned file when it is opened, with quick fixes', async () => {
    const dockerfile = uriOf('Dockerfile');
    const text = fs.readFileSync(path.join(folder, 'Dockerfile'), 'utf8');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: dockerfile, languageId: 'dockerfile', version: 3, text } });
    const published = await client.waitForDiagnostics(dockerfile, (p) => p.version === 3);
    const sudo = published.diagnostics.find((d) => d.code === 'dockerfile/sudo');
    assert.ok(sudo);
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: dockerfile }, range: sudo.range, context: { diagnostics: [sudo] } })) as CodeAction[];
    assert.ok(actions.some((action) => action.edit?.documentChanges?.length), JSON.stringify(actions.map((a) => a.title)));
    // Closed again: the disk version's diagnostics are sent (the editor's version was shown meanwhile).
    const sends = client.published.filter((p) => p.uri === dockerfile).length;
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: dockerfile } });
    await client.waitForDiagnostics(dockerfile, () => client.published.filter((p) => p.uri === dockerfile).length > sends);
  });
});
