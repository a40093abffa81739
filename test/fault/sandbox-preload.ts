// Preloaded into the language server (`NODE_OPTIONS=--require <this file>`) by sandbox.test.ts:
// records every network attempt, every child process and every file-system path the server
// touches, one JSON line each, to the file named by LASHING_SANDBOX_LOG. Network and process
// calls are refused (they throw) after being recorded, so a test cannot pass by accident.
//
// Only the test harness sets the variable; this file is never part of the shipped server.
// (`import x = require()`: the modules themselves are patched, not `import * as` copies of them.)

import fs = require('node:fs');
import net = require('node:net');
import tls = require('node:tls');
import http = require('node:http');
import https = require('node:https');
import dns = require('node:dns');
import dgram = require('node:dgram');
import childProcess = require('node:child_process');

const logFile = process.env.LASHING_SANDBOX_LOG;

if (logFile) {
  // One descriptor opened before anything is patched (appendFileSync calls the patched writeFileSync).
  const logDescriptor = fs.openSync(logFile, 'a');
  const writeSync = fs.writeSync.bind(fs);
  const append = (line: string): void => void writeSync(logDescriptor, line);
  const record = (kind: 'network' | 'process' | 'fs', what: string, detail: unknown): void => {
    let text: string;
    try {
      text = typeof detail === 'string' ? detail : JSON.stringify(detail);
    } catch {
      text = String(detail);
    }
    append(JSON.stringify({ kind, what, detail: text }) + '\n');
  };

  const refuse = (kind: 'network' | 'process', what: string) =>
    function (this: unknown, ...args: unknown[]): never {
      record(kind, what, args.map((arg) => (typeof arg === 'function' ? '[function]' : arg)).slice(0, 3));
      throw new Error(`sandbox: ${what} refused`);
    };

  // Network: sockets, TLS, HTTP(S), DNS, UDP, fetch.
  const patch = (target: object, name: string, replacement: unknown): void => {
    try {
      Object.defineProperty(target, name, { value: replacement, configurable: true, writable: true });
    } catch {
      // a frozen export: recorded elsewhere (e.g. Socket.prototype.connect covers net.connect)
    }
  };
  patch(net.Socket.prototype, 'connect', refuse('network', 'net.Socket.connect'));
  patch(net, 'connect', refuse('network', 'net.connect'));
  patch(net, 'createConnection', refuse('network', 'net.createConnection'));
  patch(tls, 'connect', refuse('network', 'tls.connect'));
  for (const [module, label] of [
    [http, 'http'],
    [https, 'https'],
  ] as const) {
    patch(module, 'request', refuse('network', `${label}.request`));
    patch(module, 'get', refuse('network', `${label}.get`));
  }
  for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveTxt', 'resolveSrv', 'reverse']) patch(dns, name, refuse('network', `dns.${name}`));
  patch(dns.promises, 'lookup', refuse('network', 'dns.promises.lookup'));
  patch(dgram, 'createSocket', refuse('network', 'dgram.createSocket'));
  patch(globalThis, 'fetch', refuse('network', 'fetch'));

  // Processes.
  for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) patch(childProcess, name, refuse('process', `child_process.${name}`));

  // File system: every call that names a path is recorded (and performed).
  const pathFunctions = [
    'readFileSync', 'readFile', 'openSync', 'open', 'statSync', 'stat', 'lstatSync', 'lstat', 'readdirSync', 'readdir', 'existsSync', 'exists',
    'accessSync', 'access', 'realpathSync', 'realpath', 'createReadStream', 'opendirSync', 'opendir', 'readlinkSync', 'readlink', 'watch', 'watchFile',
    'writeFileSync', 'writeFile', 'appendFile', 'mkdirSync', 'mkdir', 'rmSync', 'rm', 'unlinkSync', 'unlink', 'renameSync', 'rename', 'copyFileSync', 'createWriteStream',
  ];
  const fsRecord = fs as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of pathFunctions) {
    const original = fsRecord[name];
    if (typeof original !== 'function') continue;
    patch(fs, name, function (this: unknown, ...args: unknown[]) {
      const target = args[0];
      if (typeof target === 'string' || target instanceof URL || Buffer.isBuffer(target)) record('fs', `fs.${name}`, String(target));
      return original.apply(this, args);
    });
  }
  const promises = fs.promises as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of ['readFile', 'open', 'stat', 'lstat', 'readdir', 'access', 'realpath', 'opendir', 'readlink', 'writeFile', 'appendFile', 'mkdir', 'rm', 'unlink', 'rename']) {
    const original = promises[name];
    if (typeof original !== 'function') continue;
    patch(fs.promises, name, function (this: unknown, ...args: unknown[]) {
      record('fs', `fs.promises.${name}`, String(args[0]));
      return original.apply(this, args);
    });
  }
  record('fs', 'preload', 'installed');
}
