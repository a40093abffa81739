// The Lashing language server: wires documents, settings and the workspace to the engine.
// Transport comes from the command line (`--stdio`, `--node-ipc`, `--socket=`), as vscode-languageserver decides.

import {
  createConnection,
  ProposedFeatures,
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
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from './node/uri';
import * as path from 'node:path';
import { createEngine } from './languages';
import type { AnalysisResult, Engine } from './engine/analyze';
import type { ConfigLayer } from './engine/config';
import { settingsToLayer } from './engine/config';
import { fileName, isConfigFileName } from './engine/detect';
import type { ParsedDocument } from './engine/language';
import type { Finding, Severity, WorkspaceContext, DocumentKind, EffectiveConfig } from './engine/types';
import { fixAllEdit } from './engine/fix-all';
import { renderRuleMarkdown, ruleDocsUrl } from './engine/docs';
import { ConfigResolver } from './node/config-resolver';
import { fileExists, isWithin, readTextFile, walkFiles, MAX_FILE_BYTES } from './node/files';
import { createWorkspaceIndex } from './node/workspace-index';
import { formatMarkdown, formatSarif, formatJson, type FileFindings } from './report/formats';
import { hoverAt } from './hover';
import { suppressionEdits } from './suppress';
import * as protocol from './protocol';
import { checklistFor } from './checklist/workspace';
import { isEvidenceCandidate, type ChecklistReport } from './checklist/status';
import { mergeConfig } from './engine/config';
import { workloadLevels, lensTitle } from './kubernetes/pod-security-level';
import type { KubernetesModel } from './kubernetes/model';

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
}

interface ClientSettings {
  enable: boolean;
  scope: 'workspace' | 'openFiles';
  layer: ConfigLayer;
  filesExclude: string[];
}

/**
 * Starts the server on a connection. `engine` defaults to every language and rule; tests pass one
 * with an extra rule (e.g. one that throws, test/fault/throwing-server.ts).
 */
export function startServer(connection: Connection, engine: Engine = createEngine()): void {
  const documents = new TextDocuments(TextDocument);
  const files = new Map<string, FileState>();
  const timers = new Map<string, NodeJS.Timeout>();
  const workspaceIndex = createWorkspaceIndex();
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
  const evidence = new Map<string, { path: string; text: string; uri: string }>();
  let workspaceFolders: string[] = [];
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

  const resolver = new ConfigResolver(engine.knownRuleIds, (file) => {
    const open = documents.get(URI.file(file).toString());
    return open?.getText();
  });

  const log = (message: string): void => connection.console.log(message);

  function folderOf(file: string): string | undefined {
    let best: string | undefined;
    for (const folder of workspaceFolders) {
      if ((file === folder || file.startsWith(folder + path.sep)) && (!best || folder.length > best.length)) best = folder;
    }
    return best;
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

  function settingsFor(file: string): Promise<ClientSettings> {
    const folder = folderOf(file) ?? '';
    let cached = settingsCache.get(folder);
    if (!cached) {
      cached = (async () => {
        if (!hasConfigurationCapability) return toSettings(globalSettings ?? initializationSettings, undefined);
        try {
          const scopeUri = folder ? URI.file(folder).toString() : undefined;
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
      settingsCache.set(folder, cached);
    }
    return cached;
  }

  function workspaceContext(): WorkspaceContext {
    return { fileExists, manifests: index.facts() };
  }

  function toDiagnostic(finding: Finding, version: number): Diagnostic {
    const diagnostic: Diagnostic = {
      range: finding.range,
      severity: SEVERITY[finding.severity],
      code: finding.ruleId,
      codeDescription: { href: ruleDocsUrl(finding.ruleId) },
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
    if (state.result) {
      diagnostics.push(...state.result.findings.map((finding) => toDiagnostic(finding, state.version)));
      for (const notice of state.result.notices) {
        diagnostics.push({ range: { start: { line: notice.line, character: 0 }, end: { line: notice.line, character: 0 } }, severity: DiagnosticSeverity.Information, source: 'lashing', message: notice.message });
      }
    }
    const open = documents.get(state.uri);
    connection.sendDiagnostics({ uri: state.uri, version: open ? open.version : undefined, diagnostics });
  }

  async function configFor(file: string): Promise<{ config: EffectiveConfig; settings: ClientSettings }> {
    const settings = await settingsFor(file);
    // A file outside every workspace folder: only its own folder is searched for `.lashing.yaml`,
    // never the parents (nothing above the workspace is read).
    const { config } = resolver.configFor(file, settings.layer, folderOf(file) ?? path.dirname(file));
    return { config, settings };
  }

  function isIgnored(file: string, config: EffectiveConfig, settings: ClientSettings): boolean {
    const folder = folderOf(file);
    if (!folder) return false;
    const relative = path.relative(folder, file).split(path.sep).join('/');
    return matchesAny(relative, [...config.ignorePaths, ...settings.filesExclude]);
  }

  /**
   * The model last parsed for each open document, whether or not its diagnostics were published:
   * the next version's parse reuses its unchanged YAML documents (so a keystroke re-parses one
   * document of a multi-document manifest, not the file).
   */
  const lastParsed = new Map<string, ParsedDocument>();

  /** Parses and analyses one file's text; updates the index when the file is a manifest. */
  async function analyzeState(state: FileState, incremental = false): Promise<boolean> {
    const { config, settings } = await configFor(state.file);
    if (!settings.enable || isIgnored(state.file, config, settings)) {
      state.result = undefined;
      state.model = undefined;
      index.remove(state.file);
      return false;
    }
    try {
      state.kind = engine.detectKind(state.file, state.text);
      if (!state.kind) {
        state.result = undefined;
        index.remove(state.file);
        return false;
      }
      const previous = incremental ? lastParsed.get(state.uri) : undefined;
      lastParsed.delete(state.uri); // `previous` may be modified by the parse: never pass it twice
      state.model = engine.parse(state.kind, state.text, state.file, previous);
      if (incremental && state.model) lastParsed.set(state.uri, state.model);
      if (state.model) index.update(state.file, state.model);
      state.config = config;
      state.result = engine.analyzeParsed(state.model as ParsedDocument, { path: state.file.split(path.sep).join('/'), text: state.text, config, workspace: workspaceContext() });
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
    const file = URI.parse(uri).fsPath;
    if (isConfigFileName(fileName(file))) {
      await configChanged(file, document.getText(), uri);
      return;
    }
    const version = document.version;
    const text = document.getText();
    const state: FileState = { uri, file, version, text };
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
        void analyzeOpenDocument(uri);
      }, debounceMs),
    );
  }

  async function configChanged(file: string, text: string | undefined, uri: string): Promise<void> {
    resolver.invalidate(file);
    const loaded = text !== undefined ? resolver.load(file) : null;
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
      await analyzeState(state);
      publish(state);
    }
    notifyFindingsChanged();
  }

  let notifyTimer: NodeJS.Timeout | undefined;
  function notifyFindingsChanged(): void {
    if (notifyTimer) return;
    notifyTimer = setTimeout(() => {
      notifyTimer = undefined;
      void connection.sendNotification(protocol.FindingsChangedNotification, summary());
    }, 200);
  }

  function summary(): protocol.FindingsSummary {
    const result: protocol.FindingsSummary = { files: 0, errors: 0, warnings: 0, infos: 0, hints: 0, scanning: !firstScanDone };
    for (const state of files.values()) {
      if (!state.result) continue;
      result.files++;
      for (const finding of state.result.findings) {
        if (finding.severity === 'error') result.errors++;
        else if (finding.severity === 'warning') result.warnings++;
        else if (finding.severity === 'info') result.infos++;
        else result.hints++;
      }
    }
    return result;
  }

  async function scanWorkspace(): Promise<void> {
    const generation = ++scanGeneration;
    const progress = await connection.window.createWorkDoneProgress().catch(() => undefined);
    progress?.begin('Lashing: analysing the workspace', 0, undefined, true);
    try {
      for (const folder of workspaceFolders) {
        const settings = await settingsFor(path.join(folder, 'x'));
        if (!settings.enable || settings.scope !== 'workspace') continue;
        const { config } = resolver.configFor(path.join(folder, 'x'), settings.layer, folder);
        const { files: found, truncated } = walkFiles(folder, { root: folder, ignore: [...config.ignorePaths, ...settings.filesExclude] });
        if (truncated) log(`Workspace folder ${folder} has too many files; the scan stopped early.`);
        collectEvidence(folder, [...config.ignorePaths, ...settings.filesExclude]);
        // Parse and index everything first so cross-file rules see the whole workspace.
        const states: FileState[] = [];
        for (const [i, file] of found.entries()) {
          if (generation !== scanGeneration || progress?.token.isCancellationRequested) return;
          const uri = URI.file(file).toString();
          if (documents.get(uri)) continue;
          const read = readTextFile(file);
          const state: FileState = { uri, file, version: -1, text: 'text' in read ? read.text : '', skipped: 'skipped' in read ? read.skipped : undefined };
          if (!state.skipped) {
            state.kind = engine.detectKind(file, state.text);
            if (!state.kind) continue;
            state.model = engine.parse(state.kind, state.text, file);
            if (state.model) index.update(file, state.model);
          } else if (!/\.ya?ml$/i.test(file)) {
            // Skipped Dockerfiles are worth a note; skipped YAML may not be a container file at all.
          } else continue;
          states.push(state);
          if (i % 50 === 0) {
            progress?.report(Math.round((i / found.length) * 50), `${i} / ${found.length} files`);
            await new Promise((resolve) => setImmediate(resolve));
          }
        }
        // Documents opened while the index was incomplete were analysed without the whole
        // workspace: analyse them again now that cross-file facts are known.
        for (const document of documents.all()) schedule(document.uri);
        for (const [i, state] of states.entries()) {
          if (generation !== scanGeneration) return;
          if (state.model) {
            const { config: fileConfig, settings: fileSettings } = await configFor(state.file);
            if (!isIgnored(state.file, fileConfig, fileSettings)) {
              state.config = fileConfig;
              state.result = engine.analyzeParsed(state.model, { path: state.file.split(path.sep).join('/'), text: state.text, config: fileConfig, workspace: workspaceContext() });
            }
          }
          files.set(state.uri, state);
          publish(state);
          if (i % 50 === 0) {
            progress?.report(50 + Math.round((i / states.length) * 50), `${i} / ${states.length} files`);
            await new Promise((resolve) => setImmediate(resolve));
          }
        }
      }
    } finally {
      firstScanDone = true;
      progress?.done();
      notifyFindingsChanged();
    }
  }

  async function fileChangedOnDisk(uri: string, type: FileChangeType): Promise<void> {
    const file = URI.parse(uri).fsPath;
    // Nothing outside the workspace folders is read, also not through a symbolic link that leaves them.
    const folder = folderOf(file);
    if (type !== FileChangeType.Deleted && (!folder || !isWithin(file, folder))) return;
    const name = fileName(file);
    if (isConfigFileName(name)) {
      const read = type === FileChangeType.Deleted ? undefined : readTextFile(file, 1024 * 1024);
      await configChanged(file, read && 'text' in read ? read.text : undefined, uri);
      return;
    }
    if (name === '.dockerignore') {
      await reanalyzeAll();
      return;
    }
    if (type === FileChangeType.Deleted) evidence.delete(file);
    else updateEvidence(file);
    if (documents.get(uri)) return; // the editor's text wins for open files
    if (type === FileChangeType.Deleted) {
      if (files.delete(uri)) connection.sendDiagnostics({ uri, diagnostics: [] });
      index.remove(file);
      notifyFindingsChanged();
      return;
    }
    const settings = await settingsFor(file);
    if (settings.scope !== 'workspace' || !folderOf(file)) return;
    const read = readTextFile(file);
    const state: FileState = { uri, file, version: -1, text: 'text' in read ? read.text : '', skipped: 'skipped' in read ? read.skipped : undefined };
    const before = factsVersion;
    if (!state.skipped && !(await analyzeState(state)) && !files.has(uri)) return;
    files.set(uri, state);
    publish(state);
    if (factsVersion !== before) await reanalyzeManifests(uri);
    notifyFindingsChanged();
  }

  /** Cross-file facts changed: re-run the rules on the other manifests. */
  async function reanalyzeManifests(except: string): Promise<void> {
    for (const state of files.values()) {
      if (state.uri === except || state.kind !== 'kubernetes') continue;
      if (documents.get(state.uri)) schedule(state.uri);
      else {
        await analyzeState(state);
        publish(state);
      }
    }
  }

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
    workspaceFolders = (params.workspaceFolders ?? []).map((folder) => URI.parse(folder.uri)).filter((uri) => uri.scheme === 'file').map((uri) => uri.fsPath);
    if (workspaceFolders.length === 0 && params.rootUri) {
      const root = URI.parse(params.rootUri);
      if (root.scheme === 'file') workspaceFolders = [root.fsPath];
    }
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, `${CodeActionKind.SourceFixAll}.lashing`], resolveProvider: false },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'lashing', version: '0.1.0' },
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
      for (const removed of event.removed) workspaceFolders = workspaceFolders.filter((folder) => folder !== URI.parse(removed.uri).fsPath);
      for (const added of event.added) {
        const uri = URI.parse(added.uri);
        if (uri.scheme === 'file') workspaceFolders.push(uri.fsPath);
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
    const file = URI.parse(uri).fsPath;
    const settings = await settingsFor(file);
    if (settings.scope === 'workspace' && folderOf(file) && fileExists(file) && URI.parse(uri).scheme === 'file') {
      await fileChangedOnDisk(uri, FileChangeType.Changed);
    } else {
      files.delete(uri);
      index.remove(file);
      connection.sendDiagnostics({ uri, diagnostics: [] });
      notifyFindingsChanged();
    }
  });

  connection.onCodeAction((params) => {
    const document = documents.get(params.textDocument.uri);
    const state = files.get(params.textDocument.uri);
    if (!document || !state?.result || state.version !== document.version) return [];
    const only = params.context.only;
    const actions: CodeAction[] = [];
    const versioned = (edits: Array<{ range: Diagnostic['range']; newText: string }>) => ({
      documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits }],
    });
    const wantsFixAll = only?.some((kind) => kind === CodeActionKind.SourceFixAll || kind === `${CodeActionKind.SourceFixAll}.lashing` || kind === CodeActionKind.Source);
    if (wantsFixAll) {
      const edit = fixAllEdit(engine, { path: state.file.split(path.sep).join('/'), text: document.getText(), kind: state.kind, config: state.config, workspace: workspaceContext() });
      if (edit) actions.push({ title: 'Fix all auto-fixable Lashing problems', kind: `${CodeActionKind.SourceFixAll}.lashing`, edit: versioned([edit]) });
      if (only?.every((kind) => kind.startsWith(CodeActionKind.Source))) return actions;
    }
    if (only && !only.some((kind) => kind === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(kind))) return actions;
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== 'lashing' || typeof diagnostic.code !== 'string') continue;
      const finding = state.result.findings.find((f) => f.ruleId === diagnostic.code && sameRange(f.range, diagnostic.range) && f.message === diagnostic.message);
      if (!finding) continue;
      for (const fix of finding.fixes) {
        const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.mechanical && finding.fixes.length === 1 };
        const documentChanges: NonNullable<CodeAction['edit']>['documentChanges'] = [];
        if (fix.edits.length > 0) documentChanges.push({ textDocument: { uri: document.uri, version: document.version }, edits: fix.edits });
        for (const newFile of fix.newFiles ?? []) {
          const target = URI.file(path.join(path.dirname(state.file), newFile.relativePath)).toString();
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

  connection.onCodeLens((params) => {
    const document = documents.get(params.textDocument.uri);
    const state = files.get(params.textDocument.uri);
    if (!document || !state?.model || state.kind !== 'kubernetes' || state.version !== document.version || !state.config) return [];
    try {
      const levels = workloadLevels(engine, state.model as KubernetesModel, { path: state.file.split(path.sep).join('/'), text: state.text, config: state.config, workspace: workspaceContext() });
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

  connection.onHover((params) => {
    const document = documents.get(params.textDocument.uri);
    const state = files.get(params.textDocument.uri);
    if (!document || !state || state.version !== document.version) return null;
    return hoverAt(engine, state, params.position);
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
    if (params?.format === 'sarif') return formatSarif(report, engine.rules, '0.1.0');
    if (params?.format === 'json') return formatJson(report);
    return formatMarkdown(report, engine.rules);
  });
  connection.onRequest(protocol.ChecklistRequest, () => checklistReport());

  function workspaceReport(): FileFindings[] {
    return [...files.values()]
      .filter((state) => state.result)
      .map((state) => {
        const folder = folderOf(state.file);
        const display = folder ? path.relative(folder, state.file).split(path.sep).join('/') : state.file;
        return { path: display, findings: (state.result as AnalysisResult).findings };
      })
      .sort((a, b) => a.path.localeCompare(b.path));
  }

  function checklistReport(): ChecklistReport {
    const analysed = [...files.values()].map((state) => {
      const folder = folderOf(state.file);
      return { path: folder ? path.relative(folder, state.file).split(path.sep).join('/') : state.file, uri: state.uri, result: state.result };
    });
    const folder = workspaceFolders[0];
    const config = folder ? resolver.configFor(path.join(folder, 'x'), undefined, folder).config : mergeConfig();
    return checklistFor(engine.rules, analysed, [...evidence.values()], config);
  }

  /** Repository files that show a practice (CI scanners, signing, backups…), for the checklist. */
  function collectEvidence(folder: string, ignore: string[]): void {
    const { files: candidates } = walkFiles(folder, { root: folder, ignore, include: (_name, relative) => isEvidenceCandidate(relative) });
    for (const file of candidates) updateEvidence(file);
  }

  function updateEvidence(file: string): void {
    const folder = folderOf(file);
    if (!folder) return;
    const relative = path.relative(folder, file).split(path.sep).join('/');
    if (!isEvidenceCandidate(relative)) return;
    const read = readTextFile(file, 512 * 1024);
    if ('text' in read) evidence.set(file, { path: relative, text: read.text, uri: URI.file(file).toString() });
    else evidence.delete(file);
  }

  documents.listen(connection);
  connection.listen();
}

function sameRange(a: Diagnostic['range'], b: Diagnostic['range']): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

import { matchesAnyGlob as matchesAny } from './engine/glob';

export type { FileState };

if (require.main === module) {
  const connection = createConnection(ProposedFeatures.all);
  // A client answering a request with an error must not end the process (Node exits on an
  // unhandled rejection): the error is logged and the server keeps answering.
  process.on('unhandledRejection', (reason) => connection.console.error(`Lashing: unexpected error: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));
  startServer(connection);
}
