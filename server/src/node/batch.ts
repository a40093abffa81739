// Batch analysis of files on disk (CLI, reports, benchmarks): parse every file once, build the
// cross-file index from the parsed models, then run the rules.
//
// With `parallel`, the work is shared by worker threads (one per available core): the calling thread
// hands out files in small chunks as workers ask for them (so big files do not pile up on one worker),
// each worker reads and parses its files and sends back only the cross-file facts of its manifests;
// the facts are merged in file order, sent to every worker, and each worker analyses the models it
// holds. Results come back in the order of `files`, equal to the single-thread analysis (without the
// models). The calling thread waits synchronously (Atomics.wait), so `analyzeFiles` stays synchronous.

import * as os from 'node:os';
import * as path from 'node:path';
import { MessageChannel, Worker, isMainThread, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import type { Engine, AnalysisResult } from '../engine/analyze';
import type { ConfigLayer } from '../engine/config';
import type { ParsedDocument } from '../engine/language';
import type { WorkspaceContext, Finding, ManifestFacts } from '../engine/types';
import type { KubernetesModel } from '../kubernetes/model';
import { collectManifestFacts, mergeFacts, DEFAULT_NAMESPACE } from '../kubernetes/index-facts';
import { createEngine } from '../languages';
import { ConfigResolver } from './config-resolver';
import { fileExists, readTextFile } from './files';
import { createWorkspaceIndex } from './workspace-index';

export interface BatchFileResult {
  file: string;
  result?: AnalysisResult;
  /** Why the file was not analysed (too large, binary, unreadable). */
  skipped?: string;
  /** Problems in the `.lashing.yaml` that applies. */
  configFile?: string;
}

export interface BatchOptions {
  settings?: ConfigLayer;
  /** Root the config search stops at. */
  root?: string;
  /**
   * Share the work among worker threads (one per core) when there are enough files. The workers run
   * the default engine (`createEngine()`), so pass it only with that engine; results carry no `model`.
   */
  parallel?: boolean;
  /** Number of workers (default: `os.availableParallelism()`); for tests. */
  workers?: number;
}

/** Below this many files per worker, starting workers (about 100 ms each) costs more than it saves. */
const MIN_FILES_PER_WORKER = 64;
/** Files handed to a worker at a time. */
const CHUNK = 16;

export function analyzeFiles(engine: Engine, files: string[], options: BatchOptions = {}): BatchFileResult[] {
  if (options.parallel) {
    const available = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
    const workers = Math.min(options.workers ?? available, Math.floor(files.length / MIN_FILES_PER_WORKER));
    if (workers >= 2 || (options.workers !== undefined && workers >= 1)) {
      try {
        return analyzeInWorkers(files, options, workers);
      } catch {
        // A worker failed (it could not start, or ran out of memory): analyse here instead.
      }
    }
  }
  return analyzeHere(engine, files, options);
}

function analyzeHere(engine: Engine, files: string[], options: BatchOptions): BatchFileResult[] {
  const resolver = new ConfigResolver(engine.knownRuleIds);
  const index = createWorkspaceIndex();
  const parsed: Array<{ file: string; text?: string; model?: ParsedDocument; skipped?: string }> = [];
  for (const file of files) {
    const read = readTextFile(file);
    if ('skipped' in read) {
      parsed.push({ file, skipped: read.skipped });
      continue;
    }
    const kind = engine.detectKind(file, read.text);
    if (!kind) {
      parsed.push({ file });
      continue;
    }
    const model = engine.parse(kind, read.text, file);
    if (model) index.update(file, model);
    parsed.push({ file, text: read.text, model });
  }
  const workspace: WorkspaceContext = { fileExists, manifests: index.facts() };
  return parsed.map(({ file, text, model, skipped }) => {
    if (skipped) return { file, skipped };
    if (!model || text === undefined) return { file };
    const { config, configFile } = resolver.configFor(file, options.settings, options.root);
    const result = engine.analyzeParsed(model, { path: file.split(path.sep).join('/'), text, config, workspace });
    return { file, result, configFile: configFile?.path };
  });
}

export function findingsOf(results: BatchFileResult[]): Array<{ file: string; findings: Finding[] }> {
  return results.filter((r) => r.result).map((r) => ({ file: r.file, findings: (r.result as AnalysisResult).findings }));
}

// ---------------------------------------------------------------------------------------------
// Worker threads

interface WorkerInput {
  lashingBatchWorker: true;
  port: MessagePort;
  signal: Int32Array;
  settings?: ConfigLayer;
  root?: string;
}

type ToWorker = { type: 'parse'; files: Array<{ index: number; file: string }> } | { type: 'analyse'; facts: ManifestFacts };
type FromWorker =
  | { type: 'parsed'; facts: Array<{ index: number; facts: ManifestFacts }> }
  | { type: 'results'; results: Array<{ index: number; result: BatchFileResult }> }
  | { type: 'error'; error: string };

function analyzeInWorkers(files: string[], options: BatchOptions, count: number): BatchFileResult[] {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const workers: Array<{ worker: Worker; port: MessagePort }> = [];
  const results: BatchFileResult[] = new Array(files.length);
  const facts: Array<ManifestFacts | undefined> = new Array(files.length);
  try {
    for (let i = 0; i < count; i++) {
      const { port1, port2 } = new MessageChannel();
      const input: WorkerInput = { lashingBatchWorker: true, port: port2, signal, settings: options.settings, root: options.root };
      const worker = new Worker(__filename, { workerData: input, transferList: [port2] });
      worker.unref();
      workers.push({ worker, port: port1 });
    }
    let next = 0;
    const handOut = (port: MessagePort): boolean => {
      if (next >= files.length) return false;
      const chunk = files.slice(next, next + CHUNK).map((file, j) => ({ index: next + j, file }));
      next += chunk.length;
      port.postMessage({ type: 'parse', files: chunk } satisfies ToWorker);
      return true;
    };
    // Phase 1: parse, gather facts. Two chunks in flight per worker so none waits for the next one.
    let inFlight = 0;
    for (const { port } of workers) for (let k = 0; k < 2; k++) if (handOut(port)) inFlight++;
    waitFor(workers, signal, () => inFlight > 0, (message, port) => {
      if (message.type !== 'parsed') throw new Error(`unexpected message ${message.type}`);
      for (const entry of message.facts) facts[entry.index] = entry.facts;
      inFlight--;
      if (handOut(port)) inFlight++;
    });
    // The workspace facts, merged in file order as the single-thread index merges them.
    const merged = mergeFacts(facts.filter((entry): entry is ManifestFacts => entry !== undefined), DEFAULT_NAMESPACE);
    for (const { port } of workers) port.postMessage({ type: 'analyse', facts: merged } satisfies ToWorker);
    // Phase 2: each worker analyses what it parsed.
    let pending = workers.length;
    waitFor(workers, signal, () => pending > 0, (message) => {
      if (message.type !== 'results') throw new Error(`unexpected message ${message.type}`);
      for (const entry of message.results) results[entry.index] = entry.result;
      pending--;
    });
  } finally {
    for (const { worker, port } of workers) {
      port.close();
      void worker.terminate();
    }
  }
  for (let i = 0; i < files.length; i++) if (!results[i]) throw new Error(`no result for ${files[i]}`);
  return results;
}

/** Receives the workers' messages synchronously until `more()` is false. */
function waitFor(workers: Array<{ port: MessagePort }>, signal: Int32Array, more: () => boolean, handle: (message: FromWorker, port: MessagePort) => void): void {
  let idleSince = Date.now();
  while (more()) {
    const seen = Atomics.load(signal, 0);
    let received = false;
    for (const { port } of workers) {
      for (let packet = receiveMessageOnPort(port); packet; packet = receiveMessageOnPort(port)) {
        const message = packet.message as FromWorker;
        if (message.type === 'error') throw new Error(message.error);
        handle(message, port);
        received = true;
      }
    }
    if (received) idleSince = Date.now();
    else {
      // A worker that died (out of memory, killed) sends nothing more: give up after a long silence.
      if (Date.now() - idleSince > 120_000) throw new Error('a worker stopped answering');
      Atomics.wait(signal, 0, seen, 1000);
    }
  }
}

function runWorker(input: WorkerInput): void {
  const engine = createEngine();
  const resolver = new ConfigResolver(engine.knownRuleIds);
  const held: Array<{ index: number; file: string; text?: string; model?: ParsedDocument; skipped?: string; done?: BatchFileResult }> = [];
  const analyse = (file: string, text: string, model: ParsedDocument, workspace: WorkspaceContext): BatchFileResult => {
    const { config, configFile } = resolver.configFor(file, input.settings, input.root);
    const result = engine.analyzeParsed(model, { path: file.split(path.sep).join('/'), text, config, workspace });
    return { file, result: { ...result, model: undefined }, configFile: configFile?.path };
  };
  const send = (message: FromWorker): void => {
    input.port.postMessage(message);
    Atomics.add(input.signal, 0, 1);
    Atomics.notify(input.signal, 0);
  };
  input.port.on('message', (message: ToWorker) => {
    try {
      if (message.type === 'parse') {
        const facts: Array<{ index: number; facts: ManifestFacts }> = [];
        for (const { index, file } of message.files) {
          const read = readTextFile(file);
          if ('skipped' in read) {
            held.push({ index, file, skipped: read.skipped });
            continue;
          }
          const kind = engine.detectKind(file, read.text);
          if (!kind) {
            held.push({ index, file });
            continue;
          }
          const model = engine.parse(kind, read.text, file);
          if (model?.kind === 'kubernetes') {
            let own: ManifestFacts | undefined;
            try {
              own = collectManifestFacts(model as KubernetesModel, DEFAULT_NAMESPACE);
            } catch {
              own = undefined; // as the index: a model that cannot be read contributes nothing
            }
            if (own) facts.push({ index, facts: own });
          }
          if (model && model.kind !== 'kubernetes') {
            // Analysed now, so its model need not be kept, unless a rule asks for the cross-file
            // facts (not known yet): then it is analysed again with them.
            let asked = false;
            const early: WorkspaceContext = {
              fileExists,
              get manifests() {
                asked = true;
                return undefined;
              },
            };
            const done = analyse(file, read.text, model, early);
            if (!asked) {
              held.push({ index, file, done });
              continue;
            }
          }
          held.push({ index, file, text: read.text, model });
        }
        send({ type: 'parsed', facts });
      } else {
        const workspace: WorkspaceContext = { fileExists, manifests: message.facts };
        const results: Array<{ index: number; result: BatchFileResult }> = [];
        for (const { index, file, text, model, skipped, done } of held) {
          if (done) results.push({ index, result: done });
          else if (skipped) results.push({ index, result: { file, skipped } });
          else if (!model || text === undefined) results.push({ index, result: { file } });
          else results.push({ index, result: analyse(file, text, model, workspace) });
        }
        held.length = 0;
        send({ type: 'results', results });
      }
    } catch (error) {
      send({ type: 'error', error: (error as Error).stack ?? String(error) });
    }
  });
}

if (!isMainThread && (workerData as Partial<WorkerInput> | undefined)?.lashingBatchWorker === true) runWorker(workerData as WorkerInput);
