// Lashing for VS Code in a Node extension host (dist/client.js): the language server runs as a Node
// process (dist/server.js) over IPC. The browser entry is ./browser/extension.ts.

import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { activateLashing, deactivateLashing, type LashingApi } from './activate';
import { SERVER_NODE_OPTIONS } from '../../server/src/node/server-flags';

export type { LashingApi } from './activate';

export function activate(context: vscode.ExtensionContext): LashingApi {
  return activateLashing(context, 'node', async (clientOptions) => {
    const module = context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_OPTIONS] } },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_OPTIONS, '--nolazy', '--inspect=6010'] } },
    };
    return new LanguageClient('lashing', 'Lashing', serverOptions, clientOptions);
  });
}

export function deactivate(): Promise<void> | undefined {
  return deactivateLashing();
}
