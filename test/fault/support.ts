// Shared helpers of the fault tests: a real server process over stdio, a temporary workspace, and
// checks on what the server sends back.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { startServer, type TestClient } from '../lsp/lsp-client';
import { SourceText } from '../../server/src/engine/source';

export function makeWorkspace(prefix: string, files: Record<string, string | Buffer> = {}): string {
  const folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(folder, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return folder;
}

export function uriOf(folder: string, name: string): string {
  return URI.file(path.join(folder, name)).toString();
}

export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  serverPath?: string;
  settings?: unknown;
  /** Answer workspace/configuration (default: the client has no configuration capability). */
  configuration?: boolean;
}

export async function startIn(folder: string, options: StartOptions = {}): Promise<TestClient> {
  const client = startServer(['--stdio'], options.env ?? process.env, options.serverPath);
  await client.connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: URI.file(folder).toString(),
    workspaceFolders: [{ uri: URI.file(folder).toString(), name: path.basename(folder) }],
    capabilities: {
      workspace: { configuration: options.configuration === true, didChangeWatchedFiles: { dynamicRegistration: true } },
      textDocument: { publishDiagnostics: { versionSupport: true } },
      window: { workDoneProgress: true },
    },
    initializationOptions: { settings: options.settings ?? {} },
  });
  await client.connection.sendNotification('initialized', {});
  return client;
}

export async function open(client: TestClient, uri: string, text: string, version = 1, languageId = 'plaintext'): Promise<void> {
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
}

export async function change(client: TestClient, uri: string, version: number, text: string): Promise<void> {
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
}

/** Waits for the diagnostics of a document version. */
export function diagnosticsFor(client: TestClient, uri: string, version: number, timeoutMs = 30_000): Promise<PublishDiagnosticsParams> {
  return client.waitForDiagnostics(uri, (params) => params.version === version, timeoutMs);
}

/** Every diagnostic range lies inside the text. */
export function assertRangesInside(text: string, diagnostics: Diagnostic[], what: string): void {
  const source = new SourceText(text);
  for (const diagnostic of diagnostics) {
    for (const position of [diagnostic.range.start, diagnostic.range.end]) {
      assert.ok(position.line >= 0 && position.line < source.lineCount, `${what}: line ${position.line} outside ${source.lineCount} lines (${diagnostic.code} ${diagnostic.message})`);
      const length = source.lineEnd(position.line) - source.lineStart(position.line);
      assert.ok(position.character >= 0 && position.character <= length, `${what}: character ${position.character} outside line ${position.line} of ${length} (${diagnostic.code})`);
    }
  }
}

/** A request that must be answered within `timeoutMs` (the server keeps answering). */
export async function answered<T>(promise: Promise<T>, what: string, timeoutMs = 20_000): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const value = await Promise.race([promise, timeout]);
    return { value, ms: Date.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

export function removeWorkspace(folder: string): void {
  fs.rmSync(folder, { recursive: true, force: true });
}
