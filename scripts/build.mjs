// Bundles the client, the language server (Node and browser) and the CLI with esbuild.
//   dist/client.js, dist/server.js, dist/cli.js        Node (the desktop extension host, the bin entries)
//   dist/browser/client.js, dist/browser/server.js     the browser (web worker extension host, the server's Web Worker)
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
  define: { LASHING_VERSION: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
};
/** No Node built-ins and no Node polyfills: a `node:` import fails the build. */
const browser = {
  ...common,
  platform: 'browser',
  target: 'es2022',
  mainFields: ['browser', 'module', 'main'],
  conditions: ['browser'],
  define: { ...common.define, 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
};

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  // The web worker extension host loads CommonJS with `vscode` provided; the server is a plain Worker script.
  build({ ...browser, entryPoints: ['client/src/browser/extension.ts'], outfile: 'dist/browser/client.js', format: 'cjs', external: ['vscode'] }),
  // dockerfile-ast uses the Node global `Buffer` (UTF-8 only): a small shim stands in for it.
  build({ ...browser, entryPoints: ['server/src/browser/server.ts'], outfile: 'dist/browser/server.js', format: 'iife', inject: ['server/src/browser/buffer-shim.ts'] }),
]);
