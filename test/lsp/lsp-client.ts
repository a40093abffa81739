// A minimal LSP client over the real server process (stdio), for tests and benchmarks.

import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

export const SERVER_PATH = path.resolve(__dirname, '../../../dist/server.js');

export interface TestClient {
  connection: ProtocolConnection;
  process: ChildProcess;
  diagnostics: Map<string, PublishDiagnosticsParams>;
  /** Every publishDiagnostics received, in order. */
  published: PublishDiagnosticsParams[];
  /** window/logMessage and window/showMessage notifications (type: 1 error … 4 log). */
  messages: Array<{ method: 'window/logMessage' | 'window/showMessage'; type: number; message: string }>;
  /** Resolves when diagnostics for the uri satisfy the predicate (polling the received messages). */
  waitForDiagnostics(uri: string, predicate?: (params: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  stderr: () => string;
  close(): Promise<void>;
}

export function startServer(args: string[] = ['--stdio'], env: NodeJS.ProcessEnv = process.env, serverPath: string = SERVER_PATH): TestClient {
  const child = spawn(process.execPath, [serverPath, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const diagnostics = new Map<string, PublishDiagnosticsParams>();
  const published: PublishDiagnosticsParams[] = [];
  const messages: TestClient['messages'] = [];
  const waiters: Array<() => void> = [];
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    diagnostics.set(params.uri, params);
    published.push(params);
    for (const waiter of waiters.splice(0)) waiter();
  });
  for (const method of ['window/logMessage', 'window/showMessage'] as const) {
    connection.onNotification(method, (params: { type: number; message: string }) => {
      messages.push({ method, type: params.type, message: params.message });
    });
  }
  connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) => params.items.map(() => null));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.listen();

  return {
    connection,
    process: child,
    diagnostics,
    published,
    messages,
    stderr: () => stderr,
    waitForDiagnostics(uri, predicate = () => true, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const deadline = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(diagnostics.get(uri))}\n${stderr}`)), timeoutMs);
        const check = (): void => {
          const current = diagnostics.get(uri);
          if (current && predicate(current)) {
            clearTimeout(deadline);
            resolve(current);
          } else waiters.push(check);
        };
        check();
      });
    },
    close: () => stopServer(connection, child, 2000),
  };
}

/** Asks the server to shut down and exit (waiting at most `shutdownMs`), then kills it if it is still running. */
export async function stopServer(connection: ProtocolConnection, child: ChildProcess, shutdownMs: number): Promise<void> {
  try {
    await Promise.race([connection.sendRequest('shutdown'), new Promise((resolve) => setTimeout(resolve, shutdownMs))]);
    await connection.sendNotification('exit');
  } catch {
    // the process may already be gone
  }
  connection.dispose();
  await new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, 3000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Initializes a started server on one workspace folder (configuration capability, empty settings) and sends `initialized`. */
export async function initializeWorkspace(client: TestClient, folder: string, name: string): Promise<void> {
  await client.connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: URI.file(folder).toString(),
    workspaceFolders: [{ uri: URI.file(folder).toString(), name }],
    capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    initializationOptions: { settings: {} },
  });
  await client.connection.sendNotification('initialized', {});
}
