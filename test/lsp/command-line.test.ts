// The `lashing-language-server` executable on its own: --help, --version, and stdio when no
// transport is named (editors configured with the bare command, or someone trying it by hand).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { startServer } from './lsp-client';

const SERVER = path.join(__dirname, '../../../dist/server.js');
const packageVersion = (require(path.join(__dirname, '../../../package.json')) as { version: string }).version;

describe('lashing-language-server command line', () => {
  it('prints usage and version', () => {
    assert.match(execFileSync(process.execPath, [SERVER, '--help'], { encoding: 'utf8' }), /^Usage: lashing-language-server/);
    assert.equal(execFileSync(process.execPath, [SERVER, '--version'], { encoding: 'utf8' }).trim(), packageVersion);
  });

  it('speaks LSP over stdio when started without a transport option', async () => {
    const client = startServer([]);
    try {
      const result = (await client.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} })) as { serverInfo?: { name: string; version: string } };
      assert.deepEqual(result.serverInfo, { name: 'lashing', version: packageVersion });
    } finally {
      await client.close();
    }
    assert.doesNotMatch(client.stderr(), /Error/);
  });
});
