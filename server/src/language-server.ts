// The Lashing language server: wires documents, settings and the workspace to the engine.
// Platform-neutral: the Node entry (server/src/server.ts) and the Web Worker entry
// (server/src/browser/server.ts) give it a connection and a ServerPlatform (how to read the workspace).
// No Node built-ins here: paths are URIs (vscode-uri) and `/`-separated engine paths.

import { VERSION } from './version';
import {
  TextDocuments,
  TextDocumentSyncKind,
  CodeActionKind,
  DiagnosticSeverity,
  DiagnosticTag,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  MessageType,
  ShowMessageNotification,
  type CodeAction,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type Connection,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI, Utils } from 'vscode-uri';
import { createEngine } from './languages';
import type { AnalysisResult, Engine } from './engine/analyze';
import type { ConfigLayer } from './engine/config';
import { settingsToLayer } from './engine/config';
import { isConfigFileName } from './engine/detect';
import type { ParsedDocument } from './engine/language';
import type { FactQuery, Finding, Severity, WorkspaceContext, DocumentKind, EffectiveConfig } from './engine/types';
import { PackedResult } from './packed-result';
import { fixAllEdit } from './engine/fix-all';
import { renderRuleMarkdown, ruleDocsUrl } from './engine/docs';
import { ConfigFiles } from './config-files';
import { MAX_FILE_BYTES, isAnalysisCandidate, posixBasename, posixRelative, type ServerPlatform } from './workspace-files';
import { createWorkspaceIndex } from './node/workspace-index';
import { formatMarkdown, formatSarif, formatJson, type FileFindings } from './report/formats';
import { hoverAt } from './hover';
import { suppressionEdits } from './suppress';
import * as protocol from './protocol';
import { checklistFor } from './checklist/workspace';
import { detectEvidence, isEvidenceCandidate, type ChecklistReport, type Evidence } from './checklist/status';
import { mergeConfig } from './engine/config';
import { workloadLevels, lensTitle } from './kubernetes/pod-security-level';
import type { KubernetesModel } from './kubernetes/model';
import { factAnswersHold, mayContributeFacts } from './kubernetes/index-facts';

/** Pause after the last keystroke before a document is analysed (clients may override it, see onInitialize). */
const DEBOUNCE_MS = 120;
const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

interface FileState {
  uri: string;
  /** The engine's path of the file: `/`-separated (the file system path for `file:` URIs, else the URI's path). */
  file: string;
  /** Document version for open files; -1 for files read from disk. */
  version: number;
  text: string;
  kind?: DocumentKind;
  model?: ParsedDocument;
  result?: AnalysisResult;
  /** The configuration the result was computed with (fix-all reuses it). */
  config?: EffectiveConfig;
  skipped?: string;
  /**
   * A file not open in an editor, analysed from disk: only its findings (without fixes) and its
   * cross-file facts (in the index) are kept; `text` is '' and `model` is unset. Re-read from disk
   * when it must be analysed again; opening it in an editor analyses the editor's text.
   */
  unloaded?: boolean;
  /** The result of an unloaded file, packed (`result` is then unset): read it through `resultOf`. */
  packed?: PackedResult;
  /**
   * The questions the rules asked of the cross-file facts for `result`, with their answers: when the
   * facts change and every answer holds, the findings hold too and the file is not analysed again.
   * Undefined when not recorded (re-analyse to be sure).
   */
  factQueries?: FactQuery[];
}

interface ClientSettings {
  enable: boolean;
  scope: 'workspace' | 'openFiles';
  layer: ConfigLayer;
  filesExclude: string[];
}

interface Folder {
  uri: URI;
  /** `uri.toString()`. */
  key: string;
}

/** The engine's path of a URI (rules see `/`-separated paths). */
export function enginePath(uri: URI): string {
  return uri.scheme === 'file' ? uri.fsPath.replace(/\\/g, '/') : uri.path;
}

/** The URI of an engine path, in the file system (scheme, authority) of `like`. */
function uriOfPath(path: string, like: URI): URI {
  return like.scheme === 'file' ? URI.file(path) : like.with({ path, query: '', fragment: '' });
}

/** Lets the event loop breathe (works in Node and in a Web Worker). */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Reads in parallel batches this large (the Worker's reads are requests to the editor). */
const READ_BATCH = 16;
/** Characters of manifest text the scan may hold while it indexes the others first (about 32 MB). */
const HELD_TEXT_BUDGET = 16 * 1024 * 1024;

/**
 * A copy of a string that keeps no larger string alive: V8 represents a slice (or a string joined
 * from one) by a reference to the whole original, so a message quoting a file keeps its text.
 */
function detached(text: string): string {
  return text.length < 13 ? text : (JSON.parse(JSON.stringify(text)) as string);
}

/**
 * Starts the server on a connection. `engine` defaults to every language and rule; tests pass one
 * with an extra rule (e.g. one that throws, test/fault/throwing-server.ts).
 */
export function startLanguageServer(connection: Connection, platform: ServerPlatform, engine: Engine = createEngine()): void {
  const documents = new TextDocuments(TextDocument);
  const files = new Map<string, FileState>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const runningAnalyses = new Map<string, { version: number | undefined; done: Promise<void> }>();
  const workspaceIndex = createWorkspaceIndex();
  const workspaceFiles = platform.files;
  /** Bumped whenever the cross-file facts change, so dependants know to re-run. */
  let factsVersion = 0;
  const index = {
    update(file: string, model: ParsedDocument): void {
      if (workspaceIndex.update(file, model)) factsVersion++;
    },
    remove(file: string): void {
      if (workspaceIndex.remove(file)) factsVersion++;
    },
    facts: () => workspaceIndex.facts(),
  };
  const reportedRuleErrors = new Set<string>();
  /** What each evidence candidate file shows (URI → evidence; its text is not kept). */
  const evidence = new Map<string, Evidence[]>();
  /** Answers to the rules' `fileExists` on hosts without a synchronous file system (URI → exists). */
  const existence = new Map<string, boolean>();
  let workspaceFolders: Folder[] = [];
  let hasConfigurationCapability = false;
  let hasWatchedFilesRegistration = false;
  let hasWorkspaceFoldersCapability = false;
  let promptForSuppressionReason = false;
  let initializationSettings: unknown;
  let globalSettings: unknown;
  let firstScanDone = false;
  let scanGeneration = 0;
  const settingsCache = new Map<string, Promise<ClientSettings>>();
  const settingsWarnings = new Set<string>();
  let debounceMs = DEBOUNCE_MS;

  const resolver = new ConfigFiles(engine.knownRuleIds, workspaceFiles, (uri) => documents.get(uri)?.getText());

  const log = (message: string): void => connection.console.log(message);

  function folderOf(uri: URI): Folder | undefined {
    let best: Folder | undefined;
    for (const folder of workspaceFolders) {
      if (folder.uri.scheme !== uri.scheme || folder.uri.authority !== uri.authority) continue;
      if (posixRelative(folder.uri.path, uri.path) !== undefined && (!best || folder.uri.path.length > best.uri.path.length)) best = folder;
    }
    return best;
  }

  /** `/`-separated path of a file relative to its workspace folder; the engine path outside every folder. */
  function displayPath(uri: URI): string {
    const folder = folderOf(uri);
    return (folder && posixRelative(folder.uri.path, uri.path)) || enginePath(uri);
  }

  function toSettings(raw: unknown, files: unknown): ClientSettings {
    const value = (raw ?? {}) as Record<string, unknown>;
    const { layer, problems } = settingsToLayer(value, engine.knownRuleIds);
    for (const problem of problems) {
      if (settingsWarnings.has(problem)) continue;
      settingsWarnings.add(problem);
      // A notification, not showWarningMessage: that is a request, and a client that does not answer
      // it (e.g. one without window/showMessageRequest) would leave an unhandled rejection.
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `Lashing: invalid setting ignored — ${problem}` });
      log(`Invalid setting ignored: ${problem}`);
    }
    const exclude = files && typeof files === 'object' ? ((files as Record<string, unknown>).exclude as Record<string, unknown> | undefined) : undefined;
    return {
      enable: value.enable !== false,
      scope: value.scope === 'openFiles' ? 'openFiles' : 'workspace',
      layer,
      filesExclude: exclude ? Object.entries(exclude).filter(([, on]) => on === true).map(([glob]) => glob) : [],
    };
  }

  function settingsForFolder(folder: Folder | undefined): Promise<ClientSettings> {
    const key = folder?.key ?? '';
    let cached = settingsCache.get(key);
    if (!cached) {
      cached = (async () => {
        if (!hasConfigurationCapability) return toSettings(globalSettings ?? initializationSettings, undefined);
        try {
          const scopeUri = folder?.key;
          const [lashing, filesSection] = await connection.workspace.getConfiguration([
            { scopeUri, section: 'lashing' },
            { scopeUri, section: 'files' },
          ]);
          return toSettings(lashing ?? initializationSettings, filesSection);
        } catch (error) {
          log(`Could not read settings: ${String(error)}`);
          return toSettings(initializationSettings, undefined);
        }
      })();
      settingsCache.set(key, cached);
    }
    return cached;
  }

  const settingsFor = (uri: URI): Promise<ClientSettings> => settingsForFolder(folderOf(uri));

  /**
   * The workspace as the rules see it, for a file (`base`). Paths the rules ask about resolve in the
   * file's own file system. Without a synchronous `fileExists` on the platform, unknown paths answer
   * false and are recorded in `misses` (see withWorkspace).
   */
  function workspaceContext(base: URI, misses?: Set<string>, onFactQuery?: (query: FactQuery) => void): WorkspaceContext {
    return {
      onFactQuery,
      fileExists: (path: string): boolean => {
        try {
          const target = uriOfPath(path, base);
          if (!platform.canRead(target.scheme)) return false;
          const key = target.toString();
          if (workspaceFiles.fileExistsSync) return workspaceFiles.fileExistsSync(key);
          const known = existence.get(key);
          if (known !== undefined) return known;
          misses?.add(key);
          return false;
        } catch {
          return false;
        }
      },
      // Read when a rule asks (merging the index's facts is not free), and noted (see analyzeScanned).
      get manifests() {
        factsAsked = true;
        return index.facts();
      },
    };
  }

  /** Set whenever an analysis reads the cross-file facts. */
  let factsAsked = false;

  /**
   * Runs `run` (an analysis, fix-all, the lens) until every file it asked about is known; at most
   * three rounds. `recorded`, if given, receives the cross-file questions of the run whose result is returned.
   */
  async function withWorkspace<T>(base: URI, run: (workspace: WorkspaceContext) => T, recorded?: (queries: FactQuery[]) => void): Promise<T> {
    const attempt = (misses?: Set<string>): T => {
      if (!recorded) return run(workspaceContext(base, misses));
      const queries: FactQuery[] = [];
      // Copied: arguments read from the YAML are slices of the file's text, which they would keep alive.
      const result = run(workspaceContext(base, misses, (query) => queries.push(keptData(query))));
      recorded(queries);
      return result;
    };
    if (workspaceFiles.fileExistsSync) return attempt();
    for (let round = 0; round < 3; round++) {
      const misses = new Set<string>();
      const result = attempt(misses);
      if (misses.size === 0) return result;
      await Promise.all([...misses].map(async (key) => existence.set(key, await workspaceFiles.fileExists(key).catch(() => false))));
    }
    return attempt();
  }

  /** Analyses a file's model, recording the cross-file questions its rules ask (see FileState.factQueries). */
  async function analyzeRecorded(state: FileState, model: ParsedDocument, uri: URI, config: EffectiveConfig): Promise<{ result: AnalysisResult; factQueries: FactQuery[] }> {
    let factQueries: FactQuery[] = [];
    const result = await withWorkspace(uri, (workspace) => engine.analyzeParsed(model, { path: state.file, text: state.text, config, workspace }), (queries) => (factQueries = queries));
    return { result, factQueries };
  }

  const docsUrls = new Map<string, { href: string }>();
  function codeDescription(ruleId: string): { href: string } {
    let description = docsUrls.get(ruleId);
    if (!description) docsUrls.set(ruleId, (description = { href: ruleDocsUrl(ruleId) }));
    return description;
  }

  function toDiagnostic(finding: Finding, version: number): Diagnostic {
    const diagnostic: Diagnostic = {
      range: finding.range,
      severity: SEVERITY[finding.severity],
      code: finding.ruleId,
      codeDescription: codeDescription(finding.ruleId),
      source: 'lashing',
      message: finding.message,
      data: { ruleId: finding.ruleId, version },
    };
    if (finding.ruleId.endsWith('/unused-suppression')) diagnostic.tags = [DiagnosticTag.Unnecessary];
    return diagnostic;
  }

  function publish(state: FileState): void {
    const diagnostics: Diagnostic[] = [];
    if (state.skipped) {
      diagnostics.push({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Information, source: 'lashing', message: `Lashing did not analyse this file: ${state.skipped}.` });
    }
    const result = resultOf(state);
    if (result) {
      diagnostics.push(...result.findings.map((finding) => toDiagnostic(finding, state.version)));
      for (const notice of result.notices) {
        diagnostics.push({ range: { start: { line: notice.line, character: 0 }, end: { line: notice.line, character: 0 } }, severity: DiagnosticSeverity.Information, source: 'lashing', message: notice.message });
      }
    }
    const open = documents.get(state.uri);
    if (!open) {
      // A file not open in an editor: nothing to send when the client already has these diagnostics
      // (re-analysis after a cross-file change that did not change them), or none and never had any.
      const signature = diagnosticsSignature(diagnostics);
      if (signature === (publishedSignatures.get(state.uri) ?? '')) return;
      if (signature === '') publishedSignatures.delete(state.uri);
      else publishedSignatures.set(state.uri, signature);
    } else publishedSignatures.set(state.uri, OPEN_SIGNATURE); // whatever follows the editor's version is sent
    connection.sendDiagnostics({ uri: state.uri, version: open ? open.version : undefined, diagnostics });
  }

  const OPEN_SIGNATURE = '\u0002';
  /** What was last published for files not open in an editor (URI → signature; absent: nothing or an empty list). */
  const publishedSignatures = new Map<string, string>();

  /** Sends an empty diagnostics list (the file is gone, closed, or no longer analysed). */
  function clearDiagnostics(uri: string): void {
    publishedSignatures.delete(uri);
    connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** A 64-bit hash (two 32-bit FNV-1a variants) of what the client shows for a list of diagnostics. */
  function diagnosticsSignature(diagnostics: Diagnostic[]): string {
    if (diagnostics.length === 0) return '';
    let a = 0x811c9dc5;
    let b = 0x01000193 ^ diagnostics.length;
    const mix = (text: string): void => {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        a = Math.imul(a ^ c, 0x01000193);
        b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
      }
      a = Math.imul(a ^ 0xff, 0x01000193);
      b = Math.imul(b ^ 0xff, 0x5bd1e995);
    };
    for (const d of diagnostics) {
      const { start, end } = d.range;
      mix(`${String(d.code)}|${d.severity}|${start.line}:${start.character}-${end.line}:${end.character}`);
      mix(typeof d.message === 'string' ? d.message : d.message.value);
    }
    return `${diagnostics.length}:${(a >>> 0).toString(36)}:${(b >>> 0).toString(36)}`;
  }

  /** Keeps only what a file not open in an editor needs after its analysis (see FileState.unloaded). */
  function unload(state: FileState): void {
    if (documents.get(state.uri)) return;
    state.unloaded = true;
    state.text = '';
    state.model = undefined;
    if (state.result) {
      // Messages are kept as copies of their own (see detached), shared between files.
      state.packed = PackedResult.pack(state.result, keptMessage);
      state.result = undefined;
    }
  }

  /** A file's analysis result, loaded or packed. */
  function resultOf(state: FileState): AnalysisResult | undefined {
    return state.result ?? state.packed?.unpack();
  }

  /** One copy per distinct message or string (many files repeat the same ones); the table is only a lookup and is emptied now and then. */
  const messages = new Map<string, string>();
  function keptMessage(message: string): string {
    let kept = messages.get(message);
    if (kept === undefined) {
      if (messages.size >= 50_000) messages.clear();
      kept = detached(message);
      messages.set(kept, kept);
    }
    return kept;
  }

  /**
   * A copy of plain data (strings, numbers, booleans, arrays, records) whose strings are shared
   * copies (see keptMessage): the recorded questions of thousands of files repeat the same query
   * names, namespaces and labels.
   */
  function keptData<T>(value: T): T {
    if (typeof value === 'string') return keptMessage(value) as T;
    if (Array.isArray(value)) return value.map(keptData) as T;
    if (value === null || typeof value !== 'object') return value;
    const copy: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) copy[keptMessage(key)] = keptData(entry);
    return copy as T;
  }

  /** Reads an unloaded file again from disk before it is re-analysed (unreadable now: `skipped` says why). */
  async function reload(state: FileState): Promise<void> {
    if (!state.unloaded) return;
    // Until the new analysis replaces it, the last result stands (as before the file was unloaded).
    state.result = resultOf(state);
    state.packed = undefined;
    const read = await workspaceFiles.readFile(state.uri).catch((error: unknown) => ({ skipped: String(error) }));
    state.unloaded = false;
    if ('text' in read) {
      state.text = read.text;
      state.skipped = undefined;
    } else {
      state.text = '';
      state.skipped = read.skipped;
      state.result = undefined;
    }
  }

  async function configFor(uri: URI): Promise<{ config: EffectiveConfig; settings: ClientSettings }> {
    const settings = await settingsFor(uri);
    // Files the platform cannot read (untitled buffers) have no `.lashing.yaml`.
    if (!platform.canRead(uri.scheme)) return { config: mergeConfig(settings.layer), settings };
    // A file outside every workspace folder: only its own folder is searched for `.lashing.yaml`,
    // never the parents (nothing above the workspace is read).
    const root = folderOf(uri)?.uri ?? Utils.dirname(uri);
    const { config } = await resolver.configFor(uri.toString(), settings.layer, root.toString());
    return { config, settings };
  }

  function isIgnored(uri: URI, config: EffectiveConfig, settings: ClientSettings): boolean {
    const folder = folderOf(uri);
    if (!folder) return false;
    const relative = posixRelative(folder.uri.path, uri.path);
    return relative !== undefined && matchesAny(relative, [...config.ignorePaths, ...settings.filesExclude]);
  }

  /**
   * The model last parsed for each open document, whether or not its diagnostics were published:
   * the next version's parse reuses its unchanged YAML documents (so a keystroke re-parses one
   * document of a multi-document manifest, not the file).
   */
  const lastParsed = new Map<string, ParsedDocument>();

  /** Parses and analyses one file's text; updates the index when the file is a manifest. */
  async function analyzeState(state: FileState, incremental = false): Promise<boolean> {
    const uri = URI.parse(state.uri);
    const { config, settings } = await configFor(uri);
    if (!settings.enable || isIgnored(uri, config, settings)) {
      state.result = undefined;
      state.model = undefined;
      index.remove(state.uri);
      return false;
    }
    try {
      state.kind = engine.detectKind(state.file, state.text);
      if (!state.kind) {
        state.result = undefined;
        index.remove(state.uri);
        return false;
      }
      const previous = incremental ? lastParsed.get(state.uri) : undefined;
      lastParsed.delete(state.uri); // `previous` may be modified by the parse: never pass it twice
      state.model = engine.parse(state.kind, state.text, state.file, previous);
      if (incremental && state.model) lastParsed.set(state.uri, state.model);
      if (state.model) index.update(state.uri, state.model);
      state.config = config;
      const model = state.model as ParsedDocument;
      if (documents.get(state.uri)) {
        // An open file is analysed again on every cross-file change anyway: nothing to record on the typing path.
        state.result = await withWorkspace(uri, (workspace) => engine.analyzeParsed(model, { path: state.file, text: state.text, config, workspace }));
        state.factQueries = undefined;
      } else ({ result: state.result, factQueries: state.factQueries } = await analyzeRecorded(state, model, uri, config));
      for (const ruleError of state.result.ruleErrors) {
        if (reportedRuleErrors.has(ruleError.ruleId)) continue;
        reportedRuleErrors.add(ruleError.ruleId);
        connection.console.error(`Rule ${ruleError.ruleId} failed (reported once; other rules still ran): ${ruleError.error}`);
      }
    } catch (error) {
      state.result = undefined;
      connection.console.error(`Lashing could not analyse ${state.file}: ${(error as Error).stack ?? String(error)}`);
    }
    return true;
  }

  async function analyzeOpenDocument(uri: string): Promise<void> {
    const document = documents.get(uri);
    if (!document) return;
    const parsed = URI.parse(uri);
    if (isConfigFileName(posixBasename(parsed.path))) {
      await configChanged(parsed, true, uri);
      return;
    }
    const version = document.version;
    const text = document.getText();
    const state: FileState = { uri, file: enginePath(parsed), version, text };
    const factsBefore = factsVersion;
    if (text.length > MAX_FILE_BYTES) state.skipped = `it is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`;
    else if (text.slice(0, 8192).includes('\u0000')) state.skipped = 'it looks binary';
    if (!state.skipped) await analyzeState(state, true);
    // Only the latest version's diagnostics are ever published.
    const current = documents.get(uri);
    if (!current || current.version !== version) return;
    files.set(uri, state);
    publish(state);
    if (factsVersion !== factsBefore && firstScanDone) await reanalyzeManifests(uri);
    notifyFindingsChanged();
  }

  function schedule(uri: string): void {
    const existing = timers.get(uri);
    if (existing) clearTimeout(existing);
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        void analyzeOpenNow(uri);
      }, debounceMs),
    );
  }

  /** Analyses an open document's current version, joining an analysis of that version already running. */
  function analyzeOpenNow(uri: string): Promise<void> {
    const version = documents.get(uri)?.version;
    const running = runningAnalyses.get(uri);
    if (running && running.version === version) return running.done;
    const done = analyzeOpenDocument(uri).finally(() => {
      if (runningAnalyses.get(uri)?.done === done) runningAnalyses.delete(uri);
    });
    runningAnalyses.set(uri, { version, done });
    return done;
  }

  /**
   * The analysed state of an open document's current version. A request (hover, quick fix, lens)
   * that arrives before the debounced analysis ran has it run now instead of answering nothing.
   */
  async function currentState(uri: string): Promise<{ document: TextDocument; state: FileState } | undefined> {
    const document = documents.get(uri);
    // A settings file is not analysed as a document: its analysis is a reload of the settings.
    if (!document || isConfigFileName(posixBasename(URI.parse(uri).path))) return undefined;
    if (files.get(uri)?.version !== document.version) {
      const timer = timers.get(uri);
      if (timer) {
        clearTimeout(timer);
        timers.delete(uri);
      }
      await analyzeOpenNow(uri);
    }
    const current = documents.get(uri);
    const state = files.get(uri);
    return current && state && state.version === current.version ? { document: current, state } : undefined;
  }

  async function configChanged(configUri: URI, exists: boolean, uri: string): Promise<void> {
    resolver.invalidate(configUri.toString());
    const loaded = exists ? await resolver.load(configUri.toString()) : null;
    connection.sendDiagnostics({
      uri,
      diagnostics: (loaded?.problems ?? []).map((problem) => ({ range: problem.range, severity: DiagnosticSeverity.Warning, source: 'lashing', code: 'config', message: `${problem.message} — the default is used.` })),
    });
    await reanalyzeAll();
  }

  async function reanalyzeAll(): Promise<void> {
    for (const document of documents.all()) schedule(document.uri);
    for (const state of files.values()) {
      if (documents.get(state.uri)) continue;
      await reload(state);
      if (!state.skipped) await analyzeState(state);
      publish(state);
      unload(state);
    }
    notifyFindingsChanged();
  }

  let notifyTimer: ReturnType<typeof setTimeout> | undefined;
  function notifyFindingsChanged(): void {
    if (notifyTimer) return;
    notifyTimer = setTimeout(() => {
      notifyTimer = undefined;
      void connection.sendNotification(protocol.FindingsChangedNotification, summary());
    }, 200);
  }

  function summary(): protocol.FindingsSummary {
    const result: protocol.FindingsSummary = { files: 0, errors: 0, warnings: 0, infos: 0, hints: 0, scanning: !firstScanDone };
    const count = (severity: Severity): void => {
      if (severity === 'error') result.errors++;
      else if (severity === 'warning') result.warnings++;
      else if (severity === 'info') result.infos++;
      else result.hints++;
    };
    for (const state of files.values()) {
      if (state.result) for (const finding of state.result.findings) count(finding.severity);
      else if (state.packed) for (let i = 0; i < state.packed.findings.length; i++) count(state.packed.findings.severity(i));
      else continue;
      result.files++;
    }
    return result;
  }

  async function scanWorkspace(): Promise<void> {
    const generation = ++scanGeneration;
    const progress = await connection.window.createWorkDoneProgress().catch(() => undefined);
    progress?.begin('Lashing: analysing the workspace', 0, undefined, true);
    existence.clear();
    try {
      for (const folder of workspaceFolders) {
        const settings = await settingsForFolder(folder);
        if (!settings.enable || settings.scope !== 'workspace') continue;
        const { config } = await resolver.configFor(Utils.joinPath(folder.uri, 'x').toString(), settings.layer, folder.key);
        const ignore = [...config.ignorePaths, ...settings.filesExclude];
        // One listing serves the analysis and the checklist's evidence.
        const listing = await workspaceFiles
          .listFiles(folder.key, { ignore, include: (name, relative) => isAnalysisCandidate(name) || isEvidenceCandidate(relative) })
          .catch((error: unknown) => {
            log(`Could not list the files of ${folder.key}: ${String(error)}`);
            return { files: [] as string[], truncated: false };
          });
        if (generation !== scanGeneration) return;
        if (listing.truncated) log(`Workspace folder ${folder.key} has too many files; the scan stopped early.`);
        const found: URI[] = [];
        const evidenceFiles: string[] = [];
        for (const key of listing.files) {
          const uri = URI.parse(key);
          if (isAnalysisCandidate(posixBasename(uri.path))) found.push(uri);
          const relative = posixRelative(folder.uri.path, uri.path);
          if (relative !== undefined && isEvidenceCandidate(relative)) evidenceFiles.push(key);
        }
        await collectEvidence(evidenceFiles);
        // Every file is analysed as soon as it is read and then keeps only its findings (see
        // unload), so memory does not grow with the workspace. A file whose rules asked the
        // cross-file facts (manifests) got answers from the facts indexed so far: once every file
        // is indexed, those questions are asked again and only a file with a changed answer is
        // read and analysed again.
        const provisional: FileState[] = [];
        const analyzeRead = async (state: FileState): Promise<void> => {
          if (!state.skipped && state.kind) {
            state.model = engine.parse(state.kind, state.text, state.file);
            if (state.model) index.update(state.uri, state.model);
          }
          if (!(await analyzeScanned(state))) provisional.push(state);
        };
        // Manifests that cannot add cross-file facts wait until the others are indexed, so their
        // rules get the final answers (most workloads: analysed once); only their text is held, up
        // to a budget (beyond it they are analysed at once and confirmed at the end like the others).
        const later: FileState[] = [];
        let laterChars = 0;
        for (let start = 0; start < found.length; start += READ_BATCH) {
          if (generation !== scanGeneration || progress?.token.isCancellationRequested) return;
          const batch = found.slice(start, start + READ_BATCH).filter((uri) => !documents.get(uri.toString()));
          const reads = await Promise.all(batch.map((uri) => workspaceFiles.readFile(uri.toString()).catch((error: unknown) => ({ skipped: String(error) }))));
          for (const [j, uri] of batch.entries()) {
            const read = reads[j];
            const key = uri.toString();
            if (documents.get(key)) continue;
            const file = enginePath(uri);
            const state: FileState = { uri: key, file, version: -1, text: 'text' in read ? read.text : '', skipped: 'skipped' in read ? read.skipped : undefined };
            if (!state.skipped) {
              state.kind = engine.detectKind(file, state.text);
              if (!state.kind) continue;
            } else if (/\.ya?ml$/i.test(file)) continue; // skipped YAML may not be a container file at all; a skipped Dockerfile gets a note
            if (state.kind === 'kubernetes' && laterChars + state.text.length <= HELD_TEXT_BUDGET && !mayContributeFacts(state.text)) {
              if (!files.has(key)) files.set(key, state); // keeps the file's place in the workspace's order
              later.push(state);
              laterChars += state.text.length;
            } else await analyzeRead(state);
          }
          progress?.report(Math.round((start / found.length) * 60), `${start} / ${found.length} files`);
          await yieldToEventLoop();
        }
        /** Runs `step` on each file not open in an editor, reporting progress from `from` to `from + span` percent; false when a newer scan started. */
        const eachClosed = async (states: FileState[], from: number, span: number, noun: string, step: (state: FileState) => Promise<void>): Promise<boolean> => {
          for (const [i, state] of states.entries()) {
            if (generation !== scanGeneration) return false;
            if (!documents.get(state.uri)) await step(state);
            if (i % 50 === 0) {
              progress?.report(from + Math.round((i / states.length) * span), `${i} / ${states.length} ${noun}`);
              await yieldToEventLoop();
            }
          }
          return true;
        };
        if (!(await eachClosed(later, 60, 30, 'manifests', analyzeRead))) return;
        // Documents opened while the index was incomplete were analysed without the whole
        // workspace: analyse them again now that cross-file facts are known.
        for (const document of documents.all()) schedule(document.uri);
        if (!(await eachClosed(provisional, 90, 10, 'files', confirmScanned))) return;
      }
    } finally {
      firstScanDone = true;
      progress?.done();
      notifyFindingsChanged();
    }
  }

  /**
   * Analyses a file read by the scan, publishes its diagnostics and keeps only its findings. While
   * the workspace is still being indexed, a file whose rules read the (incomplete) cross-file facts
   * is not published and false is returned: `confirmScanned` must see it once the indexing is done.
   */
  async function analyzeScanned(state: FileState): Promise<boolean> {
    let provisional = false;
    if (state.model) {
      const uri = URI.parse(state.uri);
      const { config, settings } = await configFor(uri);
      if (!isIgnored(uri, config, settings)) {
        factsAsked = false;
        ({ result: state.result, factQueries: state.factQueries } = await analyzeRecorded(state, state.model, uri, config));
        provisional = factsAsked;
        state.config = config;
      }
    }
    files.set(state.uri, state);
    unload(state);
    if (provisional) return false;
    publish(state);
    return true;
  }

  /** A file analysed with incomplete facts: publishes its findings if every answer holds, else analyses it again. */
  async function confirmScanned(state: FileState): Promise<void> {
    if (state.factQueries === undefined || !factAnswersHold(state.factQueries, index.facts())) {
      await reload(state);
      if (!state.skipped) await analyzeState(state);
      unload(state);
    }
    publish(state);
  }

  async function fileChangedOnDisk(uri: string, type: FileChangeType): Promise<void> {
    const parsed = URI.parse(uri);
    const key = parsed.toString();
    // Nothing outside the workspace folders is read, also not through a symbolic link that leaves them.
    const folder = folderOf(parsed);
    if (type !== FileChangeType.Deleted && (!folder || !platform.canRead(parsed.scheme) || !(await workspaceFiles.isWithin(key, folder.key).catch(() => false)))) return;
    existence.set(key, type !== FileChangeType.Deleted);
    const name = posixBasename(parsed.path);
    if (isConfigFileName(name)) {
      await configChanged(parsed, type !== FileChangeType.Deleted, uri);
      return;
    }
    if (name === '.dockerignore') {
      await reanalyzeAll();
      return;
    }
    if (type === FileChangeType.Deleted) evidence.delete(key);
    else await updateEvidence(parsed);
    if (documents.get(uri)) return; // the editor's text wins for open files
    if (type === FileChangeType.Deleted) {
      if (files.delete(uri)) clearDiagnostics(uri);
      index.remove(uri);
      notifyFindingsChanged();
      return;
    }
    const settings = await settingsFor(parsed);
    if (settings.scope !== 'workspace' || !folder) return;
    const read = await workspaceFiles.readFile(key).catch((error: unknown) => ({ skipped: String(error) }));
    const state: FileState = { uri, file: enginePath(parsed), version: -1, text: 'text' in read ? read.text : '', skipped: 'skipped' in read ? read.skipped : undefined };
    const before = factsVersion;
    if (!state.skipped && !(await analyzeState(state)) && !files.has(uri)) return;
    files.set(uri, state);
    publish(state);
    unload(state);
    if (factsVersion !== before) await reanalyzeManifests(uri);
    notifyFindingsChanged();
  }

  /**
   * Cross-file facts changed: re-run the rules on the other manifests whose rules asked the facts
   * something that now has another answer (or whose questions were not recorded).
   */
  async function reanalyzeManifests(except: string): Promise<void> {
    const facts = index.facts();
    for (const state of files.values()) {
      if (state.uri === except || state.kind !== 'kubernetes') continue;
      if (documents.get(state.uri)) schedule(state.uri);
      else if (state.factQueries === undefined || !factAnswersHold(state.factQueries, facts)) {
        await reload(state);
        if (!state.skipped) await analyzeState(state);
        publish(state);
        unload(state);
      }
    }
  }

  const readableFolder = (uri: string): Folder | undefined => {
    const parsed = URI.parse(uri);
    return platform.canRead(parsed.scheme) ? { uri: parsed, key: parsed.toString() } : undefined;
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const capabilities = params.capabilities;
    hasConfigurationCapability = capabilities.workspace?.configuration === true;
    hasWatchedFilesRegistration = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    hasWorkspaceFoldersCapability = capabilities.workspace?.workspaceFolders === true;
    const options = (params.initializationOptions ?? {}) as Record<string, unknown>;
    initializationSettings = options.settings;
    promptForSuppressionReason = options.promptForSuppressionReason === true;
    // `initializationOptions.debounceMs` (0–5000): the benchmark sets 0 to time analysis without the pause.
    if (typeof options.debounceMs === 'number' && options.debounceMs >= 0 && options.debounceMs <= 5000) debounceMs = options.debounceMs;
    workspaceFolders = (params.workspaceFolders ?? []).map((folder) => readableFolder(folder.uri)).filter((folder): folder is Folder => folder !== undefined);
    if (workspaceFolders.length === 0 && params.rootUri) {
      const root = readableFolder(params.rootUri);
      if (root) workspaceFolders = [root];
    }
    log(`Lashing language server ${VERSION} (${platform.name === 'web' ? 'Web Worker' : 'Node'}); workspace folders: ${workspaceFolders.map((folder) => folder.key).join(', ') || 'none'}`);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, `${CodeActionKind.SourceFixAll}.lashing`], resolveProvider: false },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'lashing', version: VERSION },
    };
  });

  connection.onInitialized(() => {
    if (hasWatchedFilesRegistration) {
      connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: '**/{Dockerfile,Dockerfile.*,Containerfile,Containerfile.*,*.dockerfile,*.yaml,*.yml,.dockerignore,.lashing.yaml,.lashing.yml}' }],
        })
        .catch((error: unknown) => log(`Could not watch files: ${String(error)}`));
    }
    // Only a client that announces workspace folders can send their changes (vscode-languageserver
    // throws otherwise, and the workspace would never be scanned: e.g. Helix, eglot).
    if (hasWorkspaceFoldersCapability) connection.workspace.onDidChangeWorkspaceFolders((event) => {
      for (const removed of event.removed) {
        const key = URI.parse(removed.uri).toString();
        workspaceFolders = workspaceFolders.filter((folder) => folder.key !== key);
      }
      for (const added of event.added) {
        const folder = readableFolder(added.uri);
        if (folder) workspaceFolders.push(folder);
      }
      settingsCache.clear();
      void scanWorkspace();
    });
    void scanWorkspace();
  });

  connection.onDidChangeConfiguration((change) => {
    const settings = (change.settings ?? {}) as Record<string, unknown>;
    if (settings.lashing !== undefined) globalSettings = settings.lashing;
    settingsCache.clear();
    settingsWarnings.clear();
    void reanalyzeAll().then(() => scanWorkspace());
  });

  connection.onDidChangeWatchedFiles(async (params) => {
    for (const change of params.changes) await fileChangedOnDisk(change.uri, change.type);
  });

  documents.onDidOpen((event) => schedule(event.document.uri));
  documents.onDidChangeContent((event) => schedule(event.document.uri));
  documents.onDidClose(async (event) => {
    const uri = event.document.uri;
    const timer = timers.get(uri);
    if (timer) clearTimeout(timer);
    timers.delete(uri);
    lastParsed.delete(uri);
    const parsed = URI.parse(uri);
    const settings = await settingsFor(parsed);
    if (settings.scope === 'workspace' && folderOf(parsed) && platform.canRead(parsed.scheme) && (await workspaceFiles.fileExists(parsed.toString()).catch(() => false))) {
      await fileChangedOnDisk(uri, FileChangeType.Changed);
    } else {
      files.delete(uri);
      index.remove(uri);
      clearDiagnostics(uri);
      notifyFindingsChanged();
    }
  });

  connection.onCodeAction(async (params) => {
    const { document, state } = (await currentState(params.textDocument.uri)) ?? {};
    if (!document || !state?.result) return [];
    const only = params.context.only;
    const actions: CodeAction[] = [];
    const versioned = (edits: Array<{ range: Diagnostic['range']; newText: string }>) => ({
      documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits }],
    });
    const wantsFixAll = only?.some((kind) => kind === CodeActionKind.SourceFixAll || kind === `${CodeActionKind.SourceFixAll}.lashing` || kind === CodeActionKind.Source);
    if (wantsFixAll) {
      const text = document.getText();
      const edit = await withWorkspace(URI.parse(state.uri), (workspace) => fixAllEdit(engine, { path: state.file, text, kind: state.kind, config: state.config, workspace }));
      // The document may have changed while files were looked up.
      if (edit && documents.get(document.uri)?.version === document.version) actions.push({ title: 'Fix all auto-fixable Lashing problems', kind: `${CodeActionKind.SourceFixAll}.lashing`, edit: versioned([edit]) });
      if (only?.every((kind) => kind.startsWith(CodeActionKind.Source))) return actions;
    }
    if (only && !only.some((kind) => kind === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(kind))) return actions;
    const result = state.result;
    const folderUri = Utils.dirname(URI.parse(state.uri));
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== 'lashing' || typeof diagnostic.code !== 'string') continue;
      const finding = result.findings.find((f) => f.ruleId === diagnostic.code && sameRange(f.range, diagnostic.range) && f.message === diagnostic.message);
      if (!finding) continue;
      for (const fix of finding.fixes) {
        const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.mechanical && finding.fixes.length === 1 };
        const documentChanges: NonNullable<CodeAction['edit']>['documentChanges'] = [];
        if (fix.edits.length > 0) documentChanges.push({ textDocument: { uri: document.uri, version: document.version }, edits: fix.edits });
        for (const newFile of fix.newFiles ?? []) {
          const target = Utils.joinPath(folderUri, newFile.relativePath).toString();
          documentChanges.push({ kind: 'create', uri: target, options: { ignoreIfExists: true } });
          documentChanges.push({ textDocument: { uri: target, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: newFile.content }] });
        }
        action.edit = { documentChanges };
        actions.push(action);
      }
      if (!finding.ruleId.endsWith('suppression')) {
        for (const variant of suppressionEdits(state, finding)) {
          const action: CodeAction = { title: variant.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic] };
          if (promptForSuppressionReason) {
            action.command = { title: variant.title, command: 'lashing.suppressWithReason', arguments: [{ uri: document.uri, version: document.version, ruleId: finding.ruleId, position: variant.edit.range.start, prefix: variant.prefix, suffix: variant.suffix }] };
          } else {
            action.edit = versioned([variant.edit]);
          }
          actions.push(action);
        }
        if (promptForSuppressionReason) {
          actions.push({ title: `Show documentation for ${finding.ruleId}`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title: 'Explain rule', command: 'lashing.explainRule', arguments: [finding.ruleId] } });
        }
      }
    }
    return actions;
  });

  connection.onCodeLens(async (params) => {
    const { state } = (await currentState(params.textDocument.uri)) ?? {};
    if (!state?.model || state.kind !== 'kubernetes' || !state.config) return [];
    try {
      const model = state.model as KubernetesModel;
      const config = state.config;
      const levels = await withWorkspace(URI.parse(state.uri), (workspace) => workloadLevels(engine, model, { path: state.file, text: state.text, config, workspace }));
      return levels.map((workload) => ({
        range: workload.range,
        command: {
          title: lensTitle(workload),
          command: workload.findings.length > 0 ? 'lashing.showFindings' : '',
          arguments: [{ uri: state.uri, title: `${workload.name}: ${lensTitle(workload)}`, findings: workload.findings.map((f) => ({ ruleId: f.ruleId, message: f.message, range: f.range })) }],
        },
      }));
    } catch (error) {
      connection.console.error(`Pod Security lens failed: ${String(error)}`);
      return [];
    }
  });

  connection.onHover(async (params) => {
    const { state } = (await currentState(params.textDocument.uri)) ?? {};
    return state ? hoverAt(engine, state, params.position) : null;
  });

  connection.onRequest(protocol.ExplainRuleRequest, (params: { ruleId: string }) => {
    const rule = engine.rule(params?.ruleId);
    return rule ? renderRuleMarkdown(rule) : null;
  });
  connection.onRequest(protocol.ListRulesRequest, () =>
    engine.rules.map((rule) => ({ id: rule.id, kind: rule.kind, title: rule.title, defaultSeverity: rule.defaultSeverity, checklist: rule.checklist })),
  );
  connection.onRequest(protocol.ScanWorkspaceRequest, async () => {
    await scanWorkspace();
    return summary();
  });
  connection.onRequest(protocol.ExportReportRequest, (params: { format: 'markdown' | 'sarif' | 'json' }) => {
    const report = workspaceReport();
    if (params?.format === 'sarif') return formatSarif(report, engine.rules, VERSION);
    if (params?.format === 'json') return formatJson(report);
    return formatMarkdown(report, engine.rules);
  });
  connection.onRequest(protocol.ChecklistRequest, () => checklistReport());
  connection.onRequest(protocol.ServerInfoRequest, (): protocol.ServerInfo => ({ platform: platform.name, workspaceFolders: workspaceFolders.map((folder) => folder.key), files: files.size }));

  function workspaceReport(): FileFindings[] {
    return [...files.values()]
      .flatMap((state) => {
        const result = resultOf(state);
        return result ? [{ path: displayPath(URI.parse(state.uri)), findings: result.findings }] : [];
      })
      .sort((a, b) => a.path.localeCompare(b.path));
  }

  async function checklistReport(): Promise<ChecklistReport> {
    const analysed = [...files.values()].map((state) => ({ path: displayPath(URI.parse(state.uri)), uri: state.uri, result: resultOf(state) }));
    const folder = workspaceFolders[0];
    const config = folder ? (await resolver.configFor(Utils.joinPath(folder.uri, 'x').toString(), undefined, folder.key)).config : mergeConfig();
    return checklistFor(engine.rules, analysed, [], config, [...evidence.values()].flat());
  }

  /** Repository files that show a practice (CI scanners, signing, backups…), for the checklist. */
  async function collectEvidence(candidates: string[]): Promise<void> {
    for (let start = 0; start < candidates.length; start += READ_BATCH) {
      await Promise.all(candidates.slice(start, start + READ_BATCH).map((key) => updateEvidence(URI.parse(key))));
    }
  }

  async function updateEvidence(uri: URI): Promise<void> {
    const folder = folderOf(uri);
    if (!folder) return;
    const relative = posixRelative(folder.uri.path, uri.path);
    if (!relative || !isEvidenceCandidate(relative)) return;
    const key = uri.toString();
    const read = await workspaceFiles.readFile(key, 512 * 1024).catch((error: unknown) => ({ skipped: String(error) }));
    const found = 'text' in read ? detectEvidence([{ path: relative, text: read.text, uri: key }]) : [];
    if (found.length > 0) evidence.set(key, structuredClone(found)); // a copy: keeps no slice of the text alive
    else evidence.delete(key);
  }

  documents.listen(connection);
  connection.listen();
}

function sameRange(a: Diagnostic['range'], b: Diagnostic['range']): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

import { matchesAnyGlob as matchesAny } from './engine/glob';

export type { FileState };
