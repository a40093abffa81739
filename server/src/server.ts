// The Lashing language server for Node (dist/server.js, the `lashing-language-server` bin).
// Transport comes from the command line (`--stdio`, `--node-ipc`, `--socket=`), as vscode-languageserver decides.
// The server itself is platform-neutral (./language-server.ts); this entry gives it the file system.

import { setFlagsFromString } from 'node:v8';
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { startLanguageServer } from './language-server';
import { nodePlatform } from './node/workspace-files';
import type { Engine } from './engine/analyze';
import { VERSION as SERVER_VERSION } from './version';

export type { FileState } from './language-server';

/**
 * Starts the server on a connection, reading the workspace with `fs`. `engine` defaults to every
 * language and rule; tests pass one with an extra rule (e.g. one that throws, test/fault/throwing-server.ts).
 */
export function startServer(connection: Connection, engine?: Engine): void {
  startLanguageServer(connection, nodePlatform, engine);
}

const TRANSPORTS = ['--stdio', '--node-ipc', '--socket=', '--pipe=', '--clientProcessId'];
const USAGE = `Usage: lashing-language-server [--stdio | --node-ipc | --socket=<port> | --pipe=<name>]
The Lashing language server (LSP). Editors start it; with no option it speaks over stdio.`;

if (require.main === module) {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (args.includes('--version') || args.includes('-v')) {
    process.stdout.write(`${SERVER_VERSION}\n`);
    process.exit(0);
  }
  // V8 grows the heap to several times what survives each collection; a workspace scan parses
  // thousands of files (much short-lived garbage), which left the server at about 500 MB resident
  // for about 80 MB of live objects. A growth factor of 1.3 keeps it near 200 MB for the same CPU
  // time (measured on the benchmark's 5,000-file workspace; 1.1 costs more collections). V8 reads
  // the flag at each collection, so setting it at startup works; a user's own flag wins.
  if (![...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((arg) => arg.includes('--heap-growing-percent'))) setFlagsFromString('--heap-growing-percent=30');
  // No transport named (e.g. run by hand, or an editor configured with the bare command): stdio.
  if (!args.some((arg) => TRANSPORTS.some((transport) => arg.startsWith(transport)))) process.argv.push('--stdio');
  const connection = createConnection(ProposedFeatures.all);
  // A client answering a request with an error must not end the process (Node exits on an
  // unhandled rejection): the error is logged and the server keeps answering.
  process.on('unhandledRejection', (reason) => connection.console.error(`Lashing: unexpected error: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));
  startServer(connection);
}
