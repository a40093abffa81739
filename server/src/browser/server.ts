// The Lashing language server in a Web Worker (dist/browser/server.js) for vscode.dev, github.dev and
// other browser hosts: the same server as the Node one, reading the workspace through the editor.

import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { startLanguageServer } from '../language-server';
import { webPlatform } from './workspace-files';

declare const self: {
  addEventListener(type: 'unhandledrejection', listener: (event: { reason: unknown; preventDefault(): void }) => void): void;
};

const worker = self as unknown as ConstructorParameters<typeof BrowserMessageReader>[0];
const connection = createConnection(new BrowserMessageReader(worker), new BrowserMessageWriter(worker));
self.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  connection.console.error(`Lashing: unexpected error: ${event.reason instanceof Error ? (event.reason.stack ?? event.reason.message) : String(event.reason)}`);
});
startLanguageServer(connection, webPlatform(connection));
