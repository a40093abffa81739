// A small LSP client over the real bundled server (stdio) for the benchmark: like
// test/lsp/lsp-client.ts, plus work-done progress (to see when the workspace scan ends), the server
// path as a parameter, and the server process's CPU time and resident memory from /proc.

import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgress,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { stopServer } from '../test/lsp/lsp-client';
import { SERVER_NODE_OPTIONS } from '../server/src/node/server-flags';

export interface BenchClient {
  connection: ProtocolConnection;
  process: ChildProcess;
  /** Resolves with the first publishDiagnostics for `uri` that satisfies the predicate from now on (or already received). */
  diagnostics(uri: string, predicate: (params: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  /** Resolves when a work-done progress ends (the server reports one for the workspace scan). */
  progressEnd(timeoutMs?: number): Promise<void>;
  stderr(): string;
  close(): Promise<void>;
}

export function startServer(serverPath: string): BenchClient {
  // LASHING_BENCH_PROFILE=<folder> writes a CPU profile of every server process there (node --cpu-prof).
  const profile = process.env.LASHING_BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.LASHING_BENCH_PROFILE}`] : [];
  // LASHING_BENCH_NODE_ARGS="--optimize-for-size …": Node options for the server processes (to try V8 settings).
  const nodeArgs = (process.env.LASHING_BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  // The options the VS Code client starts the server with (SERVER_NODE_OPTIONS), then the experiment's.
  const child = spawn(process.execPath, [...SERVER_NODE_OPTIONS, ...nodeArgs, ...profile, serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const latest = new Map<string, PublishDiagnosticsParams>();
  const waiters = new Set<(params: PublishDiagnosticsParams) => void>();
  const progressWaiters: Array<() => void> = [];
  let progressEnded = 0;
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    latest.set(params.uri, params);
    for (const waiter of [...waiters]) waiter(params);
  });
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
  connection.onRequest('client/registerCapability', () => null);
  // `$/progress` is dispatched per token by vscode-jsonrpc: listen to each progress the server creates.
  connection.onRequest('window/workDoneProgress/create', (params: { token: string | number }) => {
    connection.onProgress(WorkDoneProgress.type, params.token, (value) => {
      if (value.kind !== 'end') return;
      progressEnded++;
      for (const waiter of progressWaiters.splice(0)) waiter();
    });
    return null;
  });
  connection.onNotification('window/logMessage', () => undefined);
  connection.onNotification('lashing/findingsChanged', () => undefined);
  connection.listen();

  return {
    connection,
    process: child,
    stderr: () => stderr,
    diagnostics(uri, predicate, timeoutMs = 120_000) {
      const known = latest.get(uri);
      if (known && predicate(known)) return Promise.resolve(known);
      return new Promise((resolve, reject) => {
        const waiter = (params: PublishDiagnosticsParams): void => {
          if (params.uri !== uri || !predicate(params)) return;
          waiters.delete(waiter);
          clearTimeout(timer);
          resolve(params);
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms\n${stderr}`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    progressEnd(timeoutMs = 600_000) {
      if (progressEnded > 0) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the workspace scan did not end within ${timeoutMs} ms\n${stderr}`)), timeoutMs);
        progressWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
    close: () => stopServer(connection, child, 3000),
  };
}

const CLOCK_TICKS_PER_SECOND = 100;

/** User + system CPU time of a process in milliseconds (Linux /proc; undefined elsewhere). */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return ((utime + stime) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Resident and peak resident memory of a process in bytes (Linux /proc; undefined elsewhere). */
export function processMemory(pid: number | undefined): { rss: number; peak: number } | undefined {
  if (pid === undefined) return undefined;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    return undefined;
  }
}
