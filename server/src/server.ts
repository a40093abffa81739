// The Lashing language server for Node (dist/server.js, the `lashing-language-server` bin).
// Transport comes from the command line (`--stdio`, `--node-ipc`, `--socket=`), as vscode-languageserver decides.
// The server itself is platform-neutral (./language-server.ts); this entry gives it the file system.

import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { startLanguageServer } from './language-server';
import { nodePlatform } from './node/workspace-files';
import type { Engine } from './engine/analyze';

export type { FileState } from './language-server';

/**
 * Starts the server on a connection, reading the workspace with `fs`. `engine` defaults to every
 * language and rule; tests pass one with an extra rule (e.g. one that throws, test/fault/throwing-server.ts).
 */
export function startServer(connection: Connection, engine?: Engine): void {
  startLanguageServer(connection, nodePlatform, engine);
}

if (require.main === module) {
  const connection = createConnection(ProposedFeatures.all);
  // A client answering a request with an error must not end the process (Node exits on an
  // unhandled rejection): the error is logged and the server keeps answering.
  process.on('unhandledRejection', (reason) => connection.console.error(`Lashing: unexpected error: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));
  startServer(connection);
}
