// The CLI's worker threads (server/src/node/batch.ts, `parallel`): the same results, in the same
// order, as the single-thread analysis, cross-file facts included; the bundled CLI's outputs are
// byte-identical whether it uses workers or not.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createEngine } from '../../server/src/languages';
import { analyzeFiles } from '../../server/src/node/batch';
import { walkFiles } from '../../server/src/node/files';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');

function deployment(name: string, namespace: string): string {
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
      serviceAccountName: ${name}
      containers:
        - name: app
          image: registry.example.com/${name}:1.${name.length}
          securityContext:
            privileged: ${name.length % 2 === 0}
`;
}

describe('batch analysis in worker threads', () => {
  let folder: string;
  let files: string[];
  before(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lashing-parallel-'));
    for (let i = 0; i < 90; i++) {
      const dir = path.join(folder, `svc-${String(i).padStart(3, '0')}`);
      fs.mkdirSync(path.join(dir, 'k8s'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'Dockerfile'), `FROM debian:12\nRUN ${i % 3 === 0 ? 'sudo ' : ''}apt-get update && apt-get install -y curl\n${i % 4 === 0 ? 'EXPOSE 22\n' : ''}USER ${i % 5 === 0 ? 'root' : '1000'}\n`);
      const namespace = ['shop', 'payments', 'platform'][i % 3];
      fs.writeFileSync(path.join(dir, 'k8s', 'deployment.yaml'), deployment(`svc${i}`, namespace));
      // Facts other files depend on: NetworkPolicies, quotas and ServiceAccounts, spread over the workspace.
      if (i % 7 === 0) fs.writeFileSync(path.join(dir, 'k8s', 'policy.yaml'), `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\n  namespace: ${namespace}\nspec:\n  podSelector:\n    matchLabels:\n      app: svc${i}\n`);
      if (i === 80) fs.writeFileSync(path.join(dir, 'k8s', 'quota.yaml'), 'apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: q\n  namespace: shop\n');
      if (i % 11 === 0) fs.writeFileSync(path.join(dir, 'k8s', 'sa.yaml'), `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: svc${i}\n  namespace: ${namespace}\nautomountServiceAccountToken: false\n`);
      if (i % 9 === 0) fs.writeFileSync(path.join(dir, 'compose.yaml'), `services:\n  web:\n    image: nginx\n    privileged: true\n`);
    }
    fs.writeFileSync(path.join(folder, 'svc-000', 'binary.yaml'), Buffer.from([0x61, 0, 0x62]));
    files = walkFiles(folder, { root: folder, ignore: [] }).files;
  });
  after(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('gives the single-thread results, in order, with the whole workspace as cross-file facts', () => {
    assert.ok(files.length > 200, `${files.length} files`);
    const engine = createEngine();
    const single = analyzeFiles(engine, files).map((entry) => (entry.result ? { ...entry, result: { ...entry.result, model: undefined } } : entry));
    const parallel = analyzeFiles(engine, files, { parallel: true, workers: 3 });
    assert.deepEqual(parallel, single);
    // The facts crossed files: some Deployment is selected by a NetworkPolicy of another file, some is not.
    const networkFindings = single.filter((entry) => entry.result?.findings.some((finding) => finding.ruleId.includes('network-policy'))).length;
    assert.ok(networkFindings > 0 && networkFindings < 90, `${networkFindings} manifests without a NetworkPolicy`);
  });

  it('writes byte-identical reports in every format with and without workers', () => {
    for (const format of ['json', 'sarif', 'text', 'markdown']) {
      const all = spawnSync(process.execPath, [CLI, 'check', '.', '--format', format, '--fail-on', 'none'], { cwd: folder, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
      assert.equal(all.status, 0, `${all.status} ${all.stderr}`);
      // The same files named one by one, analysed in this thread (LASHING_WORKERS=0).
      const one = spawnSync(process.execPath, [CLI, 'check', ...files.map((file) => path.relative(folder, file)), '--format', format, '--fail-on', 'none'], { cwd: folder, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, LASHING_WORKERS: '0' } });
      assert.equal(one.status, 0, `${one.status} ${one.stderr}`);
      assert.equal(all.stdout, one.stdout, format);
      assert.equal(all.stderr, one.stderr, format);
    }
  });
});
