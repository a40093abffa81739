// Starts the Lashing language server (dist/server.js) over IPC, restarts it after a crash with a clear
// message, and forwards the server's custom messages to the rest of the extension.

import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  RevealOutputChannelOn,
  State,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import * as protocol from '../../server/src/protocol';
import type { ChecklistReport } from '../../server/src/checklist/status';

/** Languages whose documents the server analyses (it decides the kind of a YAML file from its content). */
const LANGUAGES = ['dockerfile', 'yaml', 'dockercompose'];
/** `file` for workspaces, `untitled` for new buffers, `vscode-vfs` for virtual workspaces (open files only). */
const SCHEMES = ['file', 'untitled', 'vscode-vfs'];

const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

/** `command:lashing.explainRule?["<ruleId>"]`: opens the rule's documentation in the editor. */
export function explainRuleCommandUri(ruleId: string): vscode.Uri {
  return vscode.Uri.parse(`command:lashing.explainRule?${encodeURIComponent(JSON.stringify([ruleId]))}`);
}

export type ServerState = 'starting' | 'running' | 'stopped' | 'crashed';

export class LashingClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
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
    private readonly context: vscode.ExtensionContext,
    readonly output: vscode.LogOutputChannel,
  ) {}

  get state(): ServerState {
    return this.currentState;
  }

  /** PID of the language server process (tests use it to simulate a crash). */
  get serverProcessId(): number | undefined {
    return this.client?.serverProcess?.pid;
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
    const module = this.context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: LANGUAGES.flatMap((language) => SCHEMES.map((scheme) => ({ language, scheme }))),
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
    const client = new LanguageClient('lashing', 'Lashing', serverOptions, clientOptions);
    this.client = client;
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
  private async running(): Promise<LanguageClient> {
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
