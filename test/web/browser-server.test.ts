// The browser build in Node: dist/browser/server.js (the Web Worker language server) run in a bare
// script context with only what a Worker has (`self`, timers, TextDecoder…), no `require`, no Node
// built-ins. The test plays the editor: it speaks LSP through `self.postMessage` / `self.onmessage`
// and answers the server's `lashing/fs/*` requests from an in-memory workspace on a non-`file:`
// scheme (as github.dev's `vscode-vfs:` would). Also checks the bundles hold no Node imports.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { describe, it, before, after } from 'node:test';
import {
  AbstractMessageReader,
  AbstractMessageWriter,
  createProtocolConnection,
  type DataCallback,
  type Disposable,
  type Message,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import * as protocol from '../../server/src/protocol';

const REPO = path.resolve(__dirname, '../../..');
const SERVER_BUNDLE = path.join(REPO, 'dist', 'browser', 'server.js');
const CLIENT_BUNDLE = path.join(REPO, 'dist', 'browser', 'client.js');
const NODE_BUILTINS = /require\(\s*["'](?:node:[\w/]+|fs|path|os|child_process|net|tls|http|https|crypto|util|stream|events|url|worker_threads|zlib|dns|readline|module|vm)["']\s*\)|from\s*["']node:/;

describe('browser bundles', () => {
  it('dist/browser/server.js and client.js exist and import no Node built-ins', () => {
    for (const bundle of [SERVER_BUNDLE, CLIENT_BUNDLE]) {
      assert.ok(fs.existsSync(bundle), `${path.relative(REPO, bundle)} is built (npm run build)`);
      const text = fs.readFileSync(bundle, 'utf8');
      const match = NODE_BUILTINS.exec(text);
      assert.equal(match, null, `${path.relative(REPO, bundle)} imports a Node built-in: ${match?.[0]}`);
    }
    // The client bundle needs only the editor's API.
    const requires = new Set([...fs.readFileSync(CLIENT_BUNDLE, 'utf8').matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]));
    assert.deepEqual([...requires], ['vscode']);
  });

  it('package.json declares the browser entry and .vscodeignore ships both bundles', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { browser?: string; capabilities?: { virtualWorkspaces?: unknown } };
    assert.equal(manifest.browser, './dist/browser/client.js');
    assert.equal(manifest.capabilities?.virtualWorkspaces, true);
    const ignore = fs.readFileSync(path.join(REPO, '.vscodeignore'), 'utf8').split('\n');
    assert.ok(ignore.includes('!dist/browser/client.js') && ignore.includes('!dist/browser/server.js'));
  });
});

const ROOT = 'vscode-test-web://mount/repo';

/** The in-memory workspace (URI → text). */
const WORKSPACE: Record<string, string> = {
  [`${ROOT}/.lashing.yaml`]: 'rules:\n  dockerfile/sudo: error\nignorePaths:\n  - ignored/**\n',
  [`${ROOT}/app/Dockerfile`]: 'FROM alpine:3.20\nCOPY . /app\nRUN sudo apk add --no-cache curl\nUSER 1000\n',
  [`${ROOT}/app/.dockerignore`]: '.git\n',
  [`${ROOT}/other/Dockerfile`]: 'FROM alpine:3.20\nCOPY . /srv\nUSER 1000\n',
  [`${ROOT}/k8s/pod.yaml`]: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n',
  [`${ROOT}/node_modules/pkg/Dockerfile`]: 'FROM alpine\nRUN sudo true\n',
  [`${ROOT}/ignored/Dockerfile`]: 'FROM alpine\nRUN sudo true\n',
  [`${ROOT}/.github/workflows/ci.yaml`]: 'jobs:\n  scan:\n    steps:\n      - uses: aquasecurity/trivy-action@0.28.0\n',
};

interface WorkerHarness {
  connection: ProtocolConnection;
  diagnostics: Map<string, PublishDiagnosticsParams>;
  requests: string[];
  logs: string[];
  waitFor<T>(what: string, probe: () => T | undefined, timeoutMs?: number): Promise<T>;
  dispose(): void;
}

/** Runs the Worker bundle in a fresh script context and connects a test client to it. */
function startWorker(): WorkerHarness {
  let toClient: DataCallback | undefined;
  const pending: Message[] = [];
  const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const self: Record<string, unknown> = {
    onmessage: null,
    postMessage(message: unknown) {
      const copy = clone(message) as Message;
      setImmediate(() => (toClient ? toClient(copy) : pending.push(copy)));
    },
    addEventListener() {},
    removeEventListener() {},
  };
  const context: Record<string, unknown> = {
    self,
    console,
    TextDecoder,
    TextEncoder,
    queueMicrotask,
    structuredClone, // a Worker global (the server copies retained data with it)
    setTimeout: (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
      const handle = setTimeout(() => {
        timers.delete(handle);
        callback(...args);
      }, ms);
      timers.add(handle);
      return handle;
    },
    clearTimeout: (handle: ReturnType<typeof setTimeout>) => {
      timers.delete(handle);
      clearTimeout(handle);
    },
    setInterval,
    clearInterval,
  };
  context.globalThis = context;
  vm.createContext(context);
  vm.runInContext(fs.readFileSync(SERVER_BUNDLE, 'utf8'), context, { filename: SERVER_BUNDLE });
  assert.equal(typeof self.onmessage, 'function', 'the Worker listens on self.onmessage');

  class Reader extends AbstractMessageReader {
    listen(callback: DataCallback): Disposable {
      toClient = callback;
      for (const message of pending.splice(0)) callback(message);
      return { dispose: () => (toClient = undefined) };
    }
  }
  class Writer extends AbstractMessageWriter {
    async write(message: Message): Promise<void> {
      const copy = clone(message);
      setImmediate(() => (self.onmessage as (event: { data: unknown }) => void)({ data: copy }));
    }
    end(): void {}
  }
  const connection = createProtocolConnection(new Reader(), new Writer());
  const diagnostics = new Map<string, PublishDiagnosticsParams>();
  const requests: string[] = [];
  const logs: string[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => void diagnostics.set(params.uri, params));
  connection.onNotification('window/logMessage', (params: { message: string }) => void logs.push(params.message));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest(protocol.ListFilesRequest, (params: protocol.ListFilesParams): protocol.ListFilesResult => {
    requests.push(`list ${params.folder}`);
    const files = Object.keys(WORKSPACE).filter((uri) => uri.startsWith(`${params.folder}/`));
    return { files, truncated: false };
  });
  connection.onRequest(protocol.ReadFileRequest, (params: protocol.ReadFileParams): object => {
    requests.push(`read ${params.uri}`);
    const text = WORKSPACE[params.uri];
    const result: protocol.ReadFileResult = text === undefined ? { skipped: 'FileNotFound' } : { text };
    return result;
  });
  connection.onRequest(protocol.FileExistsRequest, (params: protocol.FileExistsParams) => {
    requests.push(`exists ${params.uri}`);
    return WORKSPACE[params.uri] !== undefined;
  });
  connection.onRequest(protocol.IsWithinRequest, (params: protocol.IsWithinParams) => params.uri.startsWith(`${params.folder}/`));
  connection.listen();
  return {
    connection,
    diagnostics,
    requests,
    logs,
    async waitFor(what, probe, timeoutMs = 10_000) {
      const started = Date.now();
      for (;;) {
        const value = probe();
        if (value !== undefined && value !== false) return value;
        if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    dispose() {
      connection.dispose();
      for (const handle of timers) clearTimeout(handle);
    },
  };
}

describe('the Web Worker language server (dist/browser/server.js)', () => {
  let worker: WorkerHarness;
  const codes = (uri: string) => (worker.diagnostics.get(uri)?.diagnostics ?? []).map((d) => String(d.code));

  before(async () => {
    worker = startWorker();
    await worker.connection.sendRequest('initialize', {
      processId: null,
      rootUri: ROOT,
      workspaceFolders: [{ uri: ROOT, name: 'repo' }],
      capabilities: { workspace: { workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } } },
      initializationOptions: { debounceMs: 0 },
    });
    await worker.connection.sendNotification('initialized', {});
  });

  after(() => worker?.dispose());

  it('scans the workspace through the editor and reports findings of a Dockerfile and a manifest', async () => {
    await worker.waitFor('diagnostics of the scan', () => worker.diagnostics.has(`${ROOT}/k8s/pod.yaml`) && worker.diagnostics.has(`${ROOT}/other/Dockerfile`));
    assert.ok(codes(`${ROOT}/k8s/pod.yaml`).includes('kubernetes/privileged'));
    const sudo = worker.diagnostics.get(`${ROOT}/app/Dockerfile`)?.diagnostics.find((d) => d.code === 'dockerfile/sudo');
    assert.ok(sudo, codes(`${ROOT}/app/Dockerfile`).join(', '));
    assert.equal(sudo.severity, 1, '.lashing.yaml (read through the editor) raises dockerfile/sudo to error');
    assert.deepEqual(sudo.range, { start: { line: 2, character: 4 }, end: { line: 2, character: 8 } });
    assert.ok(worker.logs.some((line) => line.includes('Web Worker')), worker.logs.join('\n'));
  });

  it('answers the rules’ fileExists through the editor (.dockerignore next to one Dockerfile only)', () => {
    assert.ok(!codes(`${ROOT}/app/Dockerfile`).includes('dockerfile/copy-context-without-dockerignore'));
    assert.ok(codes(`${ROOT}/other/Dockerfile`).includes('dockerfile/copy-context-without-dockerignore'));
    assert.ok(worker.requests.includes(`exists ${ROOT}/app/.dockerignore`));
  });

  it('skips dependency folders and ignorePaths like the Node walk', () => {
    assert.equal(worker.diagnostics.has(`${ROOT}/node_modules/pkg/Dockerfile`), false);
    assert.equal(worker.diagnostics.has(`${ROOT}/ignored/Dockerfile`), false);
    assert.ok(!worker.requests.some((request) => request.includes('node_modules') || request.includes('/ignored/')), worker.requests.join('\n'));
  });

  it('reports its platform, serves the checklist with evidence, quick fixes and fix-all for open documents', async () => {
    const info = await worker.connection.sendRequest<protocol.ServerInfo>(protocol.ServerInfoRequest);
    assert.equal(info.platform, 'web');
    assert.deepEqual(info.workspaceFolders, [ROOT]);

    const checklist = await worker.connection.sendRequest<{ lists: Array<{ sections: Array<{ items: Array<{ id: string; status: string }> }> }> }>(protocol.ChecklistRequest);
    const items = checklist.lists.flatMap((list) => list.sections.flatMap((section) => section.items));
    assert.equal(items.find((item) => item.id === 'D2.1')?.status, 'not-met');
    assert.ok(items.some((item) => item.status === 'evidenced'), 'the CI workflow read through the editor counts as evidence');

    const uri = `${ROOT}/app/Dockerfile`;
    const text = WORKSPACE[uri];
    await worker.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
    const published = await worker.waitFor('diagnostics of the open document', () => {
      const params = worker.diagnostics.get(uri);
      return params?.version === 1 ? params : undefined;
    });
    const sudo = published.diagnostics.find((d) => d.code === 'dockerfile/sudo');
    assert.ok(sudo);
    const actions = await worker.connection.sendRequest<Array<{ title: string; edit?: { documentChanges: Array<{ edits: Array<{ newText: string }> }> } }>>('textDocument/codeAction', {
      textDocument: { uri },
      range: sudo.range,
      context: { diagnostics: [sudo] },
    });
    const fix = actions.find((action) => action.title === 'Remove `sudo`');
    assert.ok(fix?.edit, actions.map((action) => action.title).join(', '));
    const fixAll = await worker.connection.sendRequest<Array<{ kind: string }>>('textDocument/codeAction', {
      textDocument: { uri },
      range: sudo.range,
      context: { diagnostics: [], only: ['source.fixAll.lashing'] },
    });
    assert.equal(fixAll.length, 1);
    const hover = await worker.connection.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: sudo.range.start });
    assert.ok(hover?.contents.value.includes('sudo'));
  });
});
