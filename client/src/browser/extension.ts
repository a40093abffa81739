// Lashing for VS Code in the browser (vscode.dev, github.dev, the web worker extension host of any
// workbench): dist/browser/client.js. The language server runs in a Web Worker (dist/browser/server.js)
// and reads the workspace through the editor (../workspaceFiles.ts).

import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient, State, type MessageTransports } from 'vscode-languageclient/browser';
import { activateLashing, deactivateLashing, type LashingApi } from '../activate';

export type { LashingApi } from '../activate';

interface WorkerLike {
  terminate(): void;
}
declare const Worker: new (url: string, options?: { name?: string }) => WorkerLike;
declare const Blob: new (parts: Uint8Array[], options: { type: string }) => unknown;
declare const URL: { createObjectURL(blob: unknown): string };

/**
 * The Worker for the server. An extension served over http(s) (vscode.dev's gallery) or from a file
 * loads its script by URL. The web worker extension host cannot start a Worker from other schemes (an
 * extension installed on a remote, `vscode-remote:`), so the script is read through the editor's file
 * API and started from a blob: URL.
 */
async function createWorker(context: vscode.ExtensionContext): Promise<WorkerLike> {
  const script = vscode.Uri.joinPath(context.extensionUri, 'dist', 'browser', 'server.js');
  const name = 'Lashing language server';
  if (['http', 'https', 'file'].includes(script.scheme)) return new Worker(script.toString(true), { name });
  const bytes = await vscode.workspace.fs.readFile(script);
  return new Worker(URL.createObjectURL(new Blob([bytes], { type: 'text/javascript' })), { name });
}

export function activate(context: vscode.ExtensionContext): LashingApi {
  return activateLashing(context, 'web', async (clientOptions) => {
    let worker: WorkerLike | undefined;
    // A function, not a Worker: a restart after a crash starts a fresh Worker. It returns the transports
    // itself: the extension host wraps the Worker constructor, so the client's `instanceof Worker` fails.
    const transports = async (): Promise<MessageTransports> => {
      worker?.terminate();
      worker = await createWorker(context);
      const port = worker as unknown as ConstructorParameters<typeof BrowserMessageReader>[0];
      return { reader: new BrowserMessageReader(port), writer: new BrowserMessageWriter(port) };
    };
    const client = new LanguageClient('lashing', 'Lashing', transports, clientOptions);
    client.onDidChangeState((event) => {
      if (event.newState === State.Stopped) {
        worker?.terminate();
        worker = undefined;
      }
    });
    return client;
  });
}

export function deactivate(): Promise<void> | undefined {
  return deactivateLashing();
}
