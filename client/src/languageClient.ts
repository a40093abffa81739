// Starts the Lashing language server — a Node process (dist/server.js) over IPC, or a Web Worker
// (dist/browser/server.js) on the web, as the entry decides — restarts it after a crash with a clear
// message, and forwards the server's custom messages to the rest of the extension.

import * as vscode from 'vscode';
import { CloseAction, ErrorAction, RevealOutputChannelOn, State, type BaseLanguageClient, type LanguageClientOptions } from 'vscode-languageclient';
import * as protocol from '../../server/src/protocol';
import type { ChecklistReport } from '../../server/src/checklist/status';
import { registerWorkspaceFileRequests } from './workspaceFiles';

/** Languages whose documents the server analyses (it decides the kind of a YAML file from its content). */
const LANGUAGES = ['dockerfile', 'yaml', 'dockercompose'];
/**
 * `file` for workspaces, `untitled` for new buffers, `vscode-vfs` for virtual workspaces (github.dev),
 * plus the schemes of the open workspace folders (e.g. `vscode-remote` when the extension runs in the
 * browser of a remote workbench).
 */
const SCHEMES = ['file', 'untitled', 'vscode-vfs'];

export function documentSchemes(): string[] {
  const schemes = new Set(SCHEMES);
  for (const folder of vscode.workspace.workspaceFolders ?? []) schemes.add(folder.uri.scheme);
  return [...schemes];
}

/** Where the extension runs: 'node' (a Node extension host, server process) or 'web' (browser, server Worker). */
export type ExtensionHost = 'node' | 'web';

/** Creates the platform's language client (Node: a process over IPC; web: a Web Worker). */
export type LanguageClientFactory = (clientOptions: LanguageClientOptions) => Promise<BaseLanguageClient>;

const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

/** `command:lashing.explainRule?["<ruleId>"]`: opens the rule's documentation in the editor. */
export function explainRuleCommandUri(ruleId: string): vscode.Uri {
  return vscode.Uri.parse(`command:lashing.explainRule?${encodeURIComponent(JSON.stringify([ruleId]))}`);
}

export type ServerState = 'starting' | 'running' | 'stopped' | 'crashed';

export class LashingClient implements vscode.Disposable {
  private client: BaseLanguageClient | undefined;
  private readonly restarts: number[] = [];
  private readonly stateEmitter = new vscode.EventEmitter<ServerState>();
  private readonly findingsEmitter = new vscode.EventEmitter<protocol.FindingsSummary>();
  private readonly disposables: vscode.Disposable[] = [];
  private startPromise: Promise<void> | undefined;
  private currentState: ServerState = 'stopped';
  /** The last summary the server sent. */
  summary: protocol.FindingsSummary | undefined;

  /** Fires when the server starts, stops or crashes. */
  readonly onDidChangeState = this.stateEmitter.event;
  /** Fires when findings changed anywhere in the workspace (the server's `lashing/findingsChanged`). */
  readonly onDidChangeFindings = this.findingsEmitter.event;

  constructor(
    readonly output: vscode.LogOutputChannel,
    private readonly createClient: LanguageClientFactory,
    /** Where the extension (and so the server) runs. */
    readonly host: ExtensionHost,
  ) {}

  get state(): ServerState {
    return this.currentState;
  }

  /** PID of the language server process (tests use it to simulate a crash); undefined for a Web Worker. */
  get serverProcessId(): number | undefined {
    return (this.client as { serverProcess?: { pid?: number } } | undefined)?.serverProcess?.pid;
  }

  private setState(state: ServerState): void {
    if (this.currentState === state) return;
    this.currentState = state;
    this.stateEmitter.fire(state);
  }

  start(): Promise<void> {
    this.startPromise ??= this.doStart().finally(() => {
      this.startPromise = undefined;
    });
    return this.startPromise;
  }

  private async doStart(): Promise<void> {
    const schemes = documentSchemes();
    const clientOptions: LanguageClientOptions = {
      documentSelector: LANGUAGES.flatMap((language) => schemes.map((scheme) => ({ language, scheme }))),
      outputChannel: this.output,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      synchronize: { configurationSection: ['lashing', 'files'] },
      initializationOptions: { promptForSuppressionReason: true },
      diagnosticCollectionName: 'lashing',
      middleware: {
        // The rule ID of a finding links to its documentation rendered in the editor (works offline), instead of the web page.
        handleDiagnostics: (uri, diagnostics, next) => {
          for (const diagnostic of diagnostics) {
            if (diagnostic.source === 'lashing' && typeof diagnostic.code === 'object' && typeof diagnostic.code.value === 'string') {
              diagnostic.code = { value: diagnostic.code.value, target: explainRuleCommandUri(diagnostic.code.value) };
            }
          }
          next(uri, diagnostics);
        },
      },
      errorHandler: {
        error: (_error, _message, count) => ({ action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown }),
        closed: () => this.onClosed(),
      },
    };
    let client: BaseLanguageClient;
    try {
      client = await this.createClient(clientOptions);
    } catch (error) {
      this.setState('crashed');
      this.output.appendLine(`Lashing language server could not be created: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      throw error;
    }
    this.client = client;
    // The Web Worker server reads the workspace through these requests (the Node one uses fs).
    this.disposables.push(...registerWorkspaceFileRequests(client));
    this.disposables.push(
      client.onDidChangeState((event) => {
        if (event.newState === State.Running) this.setState('running');
        else if (event.newState === State.Starting) this.setState('starting');
        else if (this.currentState !== 'crashed') this.setState('stopped');
      }),
    );
    this.setState('starting');
    try {
      await client.start();
    } catch (error) {
      this.setState('crashed');
      this.output.appendLine(`Lashing language server failed to start: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Lashing: the language server failed to start. See the Lashing output for details.'), vscode.l10n.t('Show Output')).then((choice) => {
        if (choice) this.output.show(true);
      });
      throw error;
    }
    this.disposables.push(
      client.onNotification(protocol.FindingsChangedNotification, (summary: protocol.FindingsSummary) => {
        this.summary = summary;
        this.findingsEmitter.fire(summary);
      }),
    );
  }

  private onClosed(): { action: CloseAction; message?: string; handled?: boolean } {
    const now = Date.now();
    this.restarts.push(now);
    while (this.restarts.length > 0 && now - this.restarts[0] > RESTART_WINDOW_MS) this.restarts.shift();
    this.output.appendLine(`[${new Date(now).toISOString()}] The Lashing language server stopped unexpectedly.`);
    if (this.restarts.length <= MAX_RESTARTS) {
      this.output.appendLine('Restarting it.');
      void vscode.window
        .showWarningMessage(vscode.l10n.t('Lashing: the language server stopped unexpectedly and was restarted. Details are in the Lashing output.'), vscode.l10n.t('Show Output'))
        .then((choice) => {
          if (choice) this.output.show(true);
        });
      return { action: CloseAction.Restart, handled: true };
    }
    this.setState('crashed');
    this.output.appendLine(`It stopped ${this.restarts.length} times in 3 minutes; not restarting it. Run "Lashing: Restart Server" once the cause is fixed.`);
    void vscode.window
      .showErrorMessage(
        vscode.l10n.t('Lashing: the language server stopped {0} times in 3 minutes and will not be restarted. See the Lashing output, then run "Lashing: Restart Server".', this.restarts.length),
        vscode.l10n.t('Show Output'),
        vscode.l10n.t('Restart Server'),
      )
      .then((choice) => {
        if (choice === vscode.l10n.t('Show Output')) this.output.show(true);
        else if (choice) void vscode.commands.executeCommand('lashing.restartServer');
      });
    return { action: CloseAction.DoNotRestart, handled: true };
  }

  async restart(): Promise<void> {
    this.restarts.length = 0;
    await this.stop();
    await this.start();
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    if (client) {
      try {
        if (client.state !== State.Stopped) await client.stop(5000);
      } catch (error) {
        this.output.appendLine(`Stopping the language server: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    this.setState('stopped');
  }

  /** The running client, starting it when needed. */
  private async running(): Promise<BaseLanguageClient> {
    if (!this.client || this.client.state !== State.Running) await this.start();
    if (!this.client) throw new Error('The Lashing language server is not running.');
    return this.client;
  }

  async checklist(): Promise<ChecklistReport | null> {
    return (await this.running()).sendRequest<ChecklistReport | null>(protocol.ChecklistRequest);
  }

  async explainRule(ruleId: string): Promise<string | null> {
    return (await this.running()).sendRequest<string | null>(protocol.ExplainRuleRequest, { ruleId });
  }

  async listRules(): Promise<protocol.RuleSummary[]> {
    return (await this.running()).sendRequest<protocol.RuleSummary[]>(protocol.ListRulesRequest);
  }

  async exportReport(format: 'markdown' | 'sarif' | 'json'): Promise<string> {
    return (await this.running()).sendRequest<string>(protocol.ExportReportRequest, { format });
  }

  async serverInfo(): Promise<protocol.ServerInfo> {
    return (await this.running()).sendRequest<protocol.ServerInfo>(protocol.ServerInfoRequest);
  }

  async scanWorkspace(): Promise<protocol.FindingsSummary | undefined> {
    const summary = await (await this.running()).sendRequest<protocol.FindingsSummary | undefined>(protocol.ScanWorkspaceRequest);
    if (summary) {
      this.summary = summary;
      this.findingsEmitter.fire(summary);
    }
    return summary;
  }

  dispose(): void {
    void this.stop();
    this.stateEmitter.dispose();
    this.findingsEmitter.dispose();
  }
}
