// The workspace scan analyses each manifest as soon as it is read, against the cross-file facts
// indexed so far, and keeps the questions its rules asked; once everything is indexed only files
// with a changed answer are analysed again. Whatever order the files come in (NetworkPolicies,
// quotas, ServiceAccounts, bindings and Namespaces before or after the workloads they affect), the
// published diagnostics must equal the CLI's, which analyses with the complete facts, and no
// provisional result may reach the client. The same holds after facts change on disk.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { seededRandom } from '../helpers';
import { initializeWorkspace, startServer, type TestClient } from './lsp-client';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');
const NAMESPACES = ['shop', 'payments', 'platform', 'batch'];

function deployment(name: string, namespace: string, account: string | undefined, automount: boolean | undefined): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  template:
    metadata:
      labels:
        app: ${name}
    spec:
${account ? `      serviceAccountName: ${account}\n` : ''}${automount !== undefined ? `      automountServiceAccountToken: ${automount}\n` : ''}      containers:
        - name: app
          image: registry.example.com/${name}:1.0
`;
}

/** Writes a workspace whose cross-file objects sit in files sorting before (`a-…`) or after (`z-…`) the workloads. */
function writeWorkspace(folder: string, seed: number): void {
  const next = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const place = (): string => (next() < 0.5 ? 'a' : 'z');
  for (let i = 0; i < 40; i++) {
    const namespace = pick(NAMESPACES);
    const name = `svc${i}`;
    const account = pick([undefined, 'default', name]);
    const dir = path.join(folder, `m-${String(i).padStart(2, '0')}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'deployment.yaml'), deployment(name, namespace, account, pick([undefined, undefined, true, false])));
    const extra = (file: string, text: string): void => {
      const target = path.join(folder, `${place()}-${String(i).padStart(2, '0')}`);
      fs.mkdirSync(target, { recursive: true });
      fs.writeFileSync(path.join(target, file), text);
    };
    if (next() < 0.3) extra('policy.yaml', `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p${i}\n  namespace: ${namespace}\nspec:\n  podSelector:\n    matchLabels:\n      app: ${next() < 0.5 ? name : 'other'}\n`);
    if (next() < 0.1) extra('deny-all.yaml', `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\n  namespace: ${pick(NAMESPACES)}\nspec:\n  podSelector: {}\n`);
    if (next() < 0.15) extra('quota.yaml', `apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: q${i}\n  namespace: ${pick(NAMESPACES)}\n`);
    if (next() < 0.15) extra('namespace.yaml', `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${pick(NAMESPACES)}\n`);
    if (next() < 0.3) {
      const saName = pick(['default', name]);
      extra('sa.yaml', `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${saName}\n  namespace: ${namespace}\n${next() < 0.6 ? 'automountServiceAccountToken: false\n' : ''}`);
    }
    if (next() < 0.2) extra('binding.yaml', `apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: b${i}\n  namespace: ${namespace}\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: reader\nsubjects:\n  - kind: ServiceAccount\n    name: ${name}\n`);
  }
}

/** What the CLI (complete facts) reports, by file URI: sorted `rule line:col-line:col message` lines. */
function cliFindings(folder: string): Map<string, string[]> {
  const result = spawnSync(process.execPath, [CLI, 'check', '.', '--format', 'json', '--fail-on', 'none'], { cwd: folder, encoding: 'utf8', env: { ...process.env, LASHING_WORKERS: '0' } });
  assert.equal(result.status, 0, result.stderr);
  const byFile = new Map<string, string[]>();
  for (const finding of (JSON.parse(result.stdout) as { findings: Array<{ file: string; ruleId: string; line: number; column: number; endLine: number; endColumn: number; message: string }> }).findings) {
    const uri = URI.file(path.resolve(folder, finding.file)).toString();
    const list = byFile.get(uri) ?? [];
    list.push(`${finding.ruleId} ${finding.line - 1}:${finding.column - 1}-${finding.endLine - 1}:${finding.endColumn - 1} ${finding.message}`);
    byFile.set(uri, list);
  }
  for (const list of byFile.values()) list.sort();
  return byFile;
}

function serverFindings(client: TestClient): Map<string, string[]> {
  const byFile = new Map<string, string[]>();
  for (const [uri, params] of client.diagnostics) {
    const list = params.diagnostics
      .filter((d) => typeof d.code === 'string')
      .map((d) => `${String(d.code)} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`)
      .sort();
    if (list.length > 0) byFile.set(uri, list);
  }
  return byFile;
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return condition();
}

const asObject = (map: Map<string, string[]>): Record<string, string[]> => Object.fromEntries([...map].sort(([a], [b]) => a.localeCompare(b)));

for (const seed of [1, 2, 3]) {
  describe(`workspace scan in any file order (seed ${seed})`, () => {
    let client: TestClient;
    let folder: string;

    before(async () => {
      folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lashing-scan-order-'));
      writeWorkspace(folder, seed);
      client = startServer();
      await initializeWorkspace(client, folder, 'order');
    });

    after(async () => {
      await client.close();
      fs.rmSync(folder, { recursive: true, force: true });
    });

    it('publishes what the CLI reports, each file once', async () => {
      // A second scan, requested and awaited, ends after every file was published (the first may still run).
      await client.connection.sendRequest('lashing/scanWorkspace');
      const expected = cliFindings(folder);
      assert.ok(expected.size >= 40, `the workspace has findings in every Deployment (got ${expected.size} files)`);
      const crossFile = [...expected.values()].flat().filter((line) => /missing-network-policy|namespace-without-quota|service-account-token-automount|default-service-account/.test(line));
      assert.ok(crossFile.length > 10, 'the cross-file rules report something');
      assert.deepEqual(asObject(serverFindings(client)), asObject(expected));
      const sends = new Map<string, number>();
      for (const params of client.published) sends.set(params.uri, (sends.get(params.uri) ?? 0) + 1);
      const repeated = [...sends].filter(([, count]) => count > 1);
      assert.deepEqual(repeated, [], 'a provisional result was published and then corrected');
    });

    it('after facts change on disk, still publishes what the CLI reports', async () => {
      const changes: Array<{ uri: string; type: number }> = [];
      // Drop every quota and policy of the `a-` folders; add a deny-all policy and a quota for `shop` at the end.
      for (const entry of fs.readdirSync(folder)) {
        if (!entry.startsWith('a-')) continue;
        for (const file of fs.readdirSync(path.join(folder, entry))) {
          if (!/policy|quota|deny-all/.test(file)) continue;
          fs.rmSync(path.join(folder, entry, file));
          changes.push({ uri: URI.file(path.join(folder, entry, file)).toString(), type: 3 });
        }
      }
      fs.mkdirSync(path.join(folder, 'zz'), { recursive: true });
      fs.writeFileSync(path.join(folder, 'zz', 'shop.yaml'), 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: all\n  namespace: shop\nspec:\n  podSelector: {}\n---\napiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: q\n  namespace: shop\n');
      changes.push({ uri: URI.file(path.join(folder, 'zz', 'shop.yaml')).toString(), type: 1 });
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
      const expected = asObject(cliFindings(folder));
      const matched = await until(() => JSON.stringify(asObject(serverFindings(client))) === JSON.stringify(expected), 15000);
      if (!matched) assert.deepEqual(asObject(serverFindings(client)), expected);
    });
  });
}
