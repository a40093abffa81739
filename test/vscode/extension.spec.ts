// Integration tests in a real VS Code extension host (VS Code via @vscode/test-electron, or code-server's
// extension host in the e2e run), with a copy of `examples/` as the workspace. Through the vscode API:
// workspace-wide diagnostics, hover docs, quick fixes, the checklist view and the commands.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { suite, suiteSetup, test } from 'mocha';
import type { LashingApi } from '../../client/src/extension';
import type { ChecklistNode } from '../../client/src/checklistView';
import type { ChecklistItem, ChecklistReport } from '../../server/src/checklist/status';

const EXTENSION_ID = 'lashing.lashing';

async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 45_000): Promise<T> {
  const started = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function folder(): vscode.WorkspaceFolder {
  const first = vscode.workspace.workspaceFolders?.[0];
  assert.ok(first, 'the suite needs a workspace folder (a copy of examples/)');
  return first;
}

function fileUri(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(folder().uri, relative);
}

function lashingDiagnostics(uri: vscode.Uri, ruleId?: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'lashing' && (!ruleId || codeOf(diagnostic) === ruleId));
}

function codeOf(diagnostic: vscode.Diagnostic): string {
  return typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code ?? '');
}

function items(report: ChecklistReport): ChecklistItem[] {
  return report.lists.flatMap((list) => list.sections.flatMap((section) => section.items));
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : 'value' in content ? content.value : ''))
    .join('\n');
}

suite('Lashing in VS Code', () => {
  let api: LashingApi;

  suiteSetup(async () => {
    const extension = vscode.extensions.getExtension<LashingApi>(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is installed`);
    api = await extension.activate();
    await api.ready;
    await waitFor('the language server to run', () => api.client.state === 'running');
  });

  test('the extension is declared as a first-class extension (no * activation, untrusted workspaces, views)', () => {
    const packageJson = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as Record<string, any>;
    assert.ok(!(packageJson.activationEvents ?? []).includes('*'), 'never activates on *');
    assert.equal(packageJson.capabilities?.untrustedWorkspaces?.supported, true);
    assert.ok(packageJson.contributes.views?.lashing?.some((view: { id: string }) => view.id === 'lashing.checklist'));
    assert.ok(packageJson.contributes.walkthroughs?.[0]?.steps?.length === 4, 'a walkthrough with four steps');
    assert.equal(packageJson.contributes.configuration?.properties?.['lashing.scope']?.default, 'workspace');
    assert.ok(packageJson.contributes.grammars?.some((grammar: { injectTo?: string[] }) => grammar.injectTo?.includes('source.dockerfile') && grammar.injectTo?.includes('source.yaml')));
  });

  test('the desktop entry runs the Node server; the browser entry is declared for the web', async () => {
    const packageJson = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as Record<string, any>;
    assert.equal(packageJson.browser, './dist/browser/client.js');
    assert.equal(packageJson.capabilities?.virtualWorkspaces, true);
    assert.equal(api.client.host, 'node');
    const info = await api.client.serverInfo();
    assert.equal(info.platform, 'node');
    assert.deepEqual(info.workspaceFolders, [folder().uri.toString()]);
    assert.ok(api.client.serverProcessId !== undefined, 'a server process');
  });

  test('the Pod Security CodeLens opens a workload’s findings', async () => {
    const uri = fileUri('k8s/storefront.yaml');
    await vscode.window.showTextDocument(uri);
    const lenses = await waitFor('the Pod Security lens', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      return found?.some((lens) => lens.command?.command === 'lashing.showFindings') ? found : undefined;
    });
    const lens = lenses.find((candidate) => candidate.command?.command === 'lashing.showFindings') as vscode.CodeLens;
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('lashing.showFindings'), 'the lens command is registered');
    const shown = vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []));
    await new Promise((resolve) => setTimeout(resolve, 500));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const editor = (await shown) as vscode.TextEditor | undefined;
    assert.ok(editor, 'a finding opened');
    assert.equal(editor.document.uri.toString(), uri.toString());
    assert.ok(!editor.selection.isEmpty, 'the finding is selected');
  });

  test('analyses the whole workspace: a Dockerfile, a manifest and a Compose file, none of them opened', async () => {
    for (const [file, ruleId] of [
      ['web/Dockerfile', 'dockerfile/expose-ssh'],
      ['k8s/storefront.yaml', 'kubernetes/privileged'],
      ['compose.yaml', 'compose/docker-socket-mount'],
    ]) {
      const uri = fileUri(file);
      const diagnostic = await waitFor(`${ruleId} in ${file}`, () => lashingDiagnostics(uri, ruleId)[0]);
      assert.equal(diagnostic.source, 'lashing');
      assert.ok(typeof diagnostic.code === 'object' && diagnostic.code.value === ruleId, 'the code is the rule ID');
      assert.equal(diagnostic.code.target.scheme, 'command', 'the rule ID links to its documentation in the editor');
      assert.equal(diagnostic.code.target.path, 'lashing.explainRule');
    }
    assert.ok(!vscode.workspace.textDocuments.some((document) => document.uri.path.endsWith('/compose.yaml')), 'compose.yaml was not opened');
    assert.equal(lashingDiagnostics(fileUri('hardened/Dockerfile')).filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length, 0, 'the hardened Dockerfile has no errors');
  });

  test('hovering a finding shows the rule documentation', async () => {
    const uri = fileUri('api/Dockerfile');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const diagnostic = await waitFor('dockerfile/root-user in api/Dockerfile', () => lashingDiagnostics(uri, 'dockerfile/root-user')[0]);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, diagnostic.range.start);
    const text = hoverText(hovers);
    assert.match(text, /dockerfile\/root-user/);
    assert.match(text, /D2\.1/, 'the hover names the checklist item');
    assert.ok(text.length > 200, 'the hover carries the documentation, not just the message');
  });

  test('a quick fix applies and its finding disappears', async () => {
    const uri = fileUri('api/Dockerfile');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const before = await waitFor('two sudo findings', () => {
      const found = lashingDiagnostics(uri, 'dockerfile/sudo');
      return found.length === 2 ? found : undefined;
    });
    const target = before.sort((a, b) => a.range.start.character - b.range.start.character)[0];
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, target.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((action) => action.title === 'Remove `sudo`' && action.edit);
    assert.ok(fix, `a "Remove sudo" fix among ${actions.map((action) => action.title).join(' | ')}`);
    assert.ok(actions.some((action) => action.command?.command === 'lashing.suppressWithReason'), 'a suppression with a reason is offered');
    assert.ok(await vscode.workspace.applyEdit(fix.edit as vscode.WorkspaceEdit));
    assert.match(document.lineAt(target.range.start.line).text, /^RUN apt-get update && sudo apt-get install/);
    await waitFor('one sudo finding left', () => lashingDiagnostics(uri, 'dockerfile/sudo').length === 1);
    await document.save();
  });

  test('"suppress with a reason" asks for the reason and writes the comment', async () => {
    const uri = fileUri('compose.yaml');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const diagnostic = await waitFor('compose/host-namespace', () => lashingDiagnostics(uri, 'compose/host-namespace')[0]);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const suppress = actions.find((action) => action.command?.command === 'lashing.suppressWithReason' && /here/.test(action.title));
    assert.ok(suppress?.command, `a suppression action among ${actions.map((action) => action.title).join(' | ')}`);
    const argument = { ...(suppress.command.arguments?.[0] as object), reason: 'the proxy must see client addresses' };
    assert.equal(await vscode.commands.executeCommand('lashing.suppressWithReason', argument), true);
    assert.match(document.getText(), /# lashing-ignore compose\/host-namespace -- the proxy must see client addresses\n\s+network_mode: host/);
    await waitFor('the suppressed finding to disappear', () => lashingDiagnostics(uri, 'compose/host-namespace').length === 0);
    await document.save();
  });

  test('the checklist lists both checklists, their sections and a status per item', async () => {
    const report = await waitFor('a checklist', () => api.refreshChecklist());
    assert.equal(report.summary.total, 49);
    assert.deepEqual(report.lists.map((list) => list.title), ['Securing Container Deployments', 'Securing Orchestrator Configurations']);
    assert.deepEqual(report.lists.map((list) => list.sections.length), [6, 6]);
    const d21 = items(report).find((item) => item.id === 'D2.1');
    assert.equal(d21?.status, 'not-met');
    assert.ok(d21?.findings.some((finding) => finding.path === 'k8s/storefront.yaml' && finding.ruleId === 'kubernetes/privileged'));
    assert.equal(items(report).find((item) => item.id === 'O1.3')?.status, 'manual');
    assert.equal(report.summary.open, items(report).filter((item) => item.status === 'not-met').length);

    await vscode.commands.executeCommand('lashing.showChecklist');
    await waitFor('the checklist view to be visible', () => api.checklistView.visible);
    const roots = api.checklist.getChildren();
    assert.deepEqual(roots.map((node) => (api.checklist.getTreeItem(node).label as string)), ['Securing Container Deployments', 'Securing Orchestrator Configurations']);
    const sections = api.checklist.getChildren(roots[0]);
    assert.equal(api.checklist.getTreeItem(sections[0]).label, '1. Container Image Security');
    const firstItems = api.checklist.getChildren(sections[1]);
    const runAsRoot = api.checklist.getTreeItem(firstItems[0]);
    assert.equal(runAsRoot.label, 'D2.1 Run containers with the least privilege necessary; avoid running as root.');
    assert.match(String(runAsRoot.description), /^not met · \d+ findings$/);
    assert.match(String(api.checklistView.description), /^\d+ of 49 met$/);
    assert.equal(api.checklistView.badge?.value, report.summary.open);
    assert.match(api.statusBarText(), /\/49/);

    // Expanding a not-met item lists its findings by file; a finding opens the file at its exact range.
    const children = api.checklist.getChildren(firstItems[0]);
    const fileNode = children.find((node): node is Extract<ChecklistNode, { type: 'file' }> => node.type === 'file' && node.path === 'k8s/storefront.yaml');
    assert.ok(fileNode);
    const findingNode = api.checklist.getChildren(fileNode).find((node) => node.type === 'finding' && node.finding.ruleId === 'kubernetes/privileged');
    assert.ok(findingNode);
    const command = api.checklist.getTreeItem(findingNode).command;
    assert.equal(command?.command, 'vscode.open');
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    const editor = await waitFor('the manifest to open', () => (vscode.window.activeTextEditor?.document.uri.path.endsWith('/k8s/storefront.yaml') ? vscode.window.activeTextEditor : undefined));
    assert.equal(editor.document.getText(editor.selection), 'privileged');
    assert.ok(children.some((node) => node.type === 'rules'));
  });

  test('the checklist can be filtered to what is not met', async () => {
    await vscode.commands.executeCommand('lashing.checklist.filterNotMet');
    try {
      const shown = api.checklist.getChildren().flatMap((list) => api.checklist.getChildren(list).flatMap((section) => api.checklist.getChildren(section)));
      assert.ok(shown.length > 0);
      assert.ok(shown.every((node) => node.type === 'item' && node.item.status === 'not-met'));
      assert.equal(shown.length, api.checklist.current?.summary.open);
    } finally {
      await vscode.commands.executeCommand('lashing.checklist.showAll');
    }
    const all = api.checklist.getChildren().flatMap((list) => api.checklist.getChildren(list).flatMap((section) => api.checklist.getChildren(section)));
    assert.equal(all.length, 49);
  });

  test('attesting a manual item writes .lashing.yaml and the item becomes attested', async () => {
    const uri = (await vscode.commands.executeCommand<vscode.Uri>('lashing.attest', { item: 'O1.3', reason: 'SSO with hardware keys for every cluster login' })) as vscode.Uri;
    assert.ok(uri?.path.endsWith('/.lashing.yaml'));
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    assert.match(text, /checklist:\n {2}attestations:\n {4}- item: O1\.3\n {6}reason: "SSO with hardware keys for every cluster login"\n/);
    const item = await waitFor('O1.3 attested', async () => {
      const report = await api.refreshChecklist();
      const found = report && items(report).find((entry) => entry.id === 'O1.3');
      return found?.status === 'attested' ? found : undefined;
    });
    assert.equal(item.attestation?.reason, 'SSO with hardware keys for every cluster login');
  });

  test('Explain Rule renders the documentation in the editor', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('lashing.explainRule', 'dockerfile/root-user');
    assert.equal(uri.scheme, 'lashing-rule');
    const document = await vscode.workspace.openTextDocument(uri);
    assert.match(document.getText(), /dockerfile\/root-user/);
    assert.match(document.getText(), /D2\.1/);
    await waitFor('a Markdown preview tab', () => vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => /root-user/.test(tab.label))));
  });

  test('Export Report writes Markdown and SARIF', async () => {
    const markdown = fileUri('lashing-report.md');
    await vscode.commands.executeCommand('lashing.exportReport.markdown', markdown);
    const markdownText = new TextDecoder().decode(await vscode.workspace.fs.readFile(markdown));
    assert.match(markdownText, /compose\/docker-socket-mount/);
    const sarif = fileUri('lashing.sarif');
    await vscode.commands.executeCommand('lashing.exportReport.sarif', sarif);
    const log = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(sarif))) as { version: string; runs: Array<{ results: unknown[] }> };
    assert.equal(log.version, '2.1.0');
    assert.ok(log.runs[0].results.length > 10);
  });

  test('a crashed server is restarted, and its findings come back', async () => {
    const pid = api.client.serverProcessId;
    assert.ok(pid, 'the server runs in its own process');
    process.kill(pid, 'SIGKILL');
    await waitFor('a new server process', () => api.client.state === 'running' && api.client.serverProcessId !== undefined && api.client.serverProcessId !== pid);
    await waitFor('findings after the crash', () => lashingDiagnostics(fileUri('compose.yaml'), 'compose/docker-socket-mount').length > 0);
    const report = await waitFor('a checklist after the crash', () => api.refreshChecklist());
    assert.equal(report.summary.total, 49);
  });

  test('Restart Server brings the server back with its findings', async () => {
    await vscode.commands.executeCommand('lashing.restartServer');
    assert.equal(api.client.state, 'running');
    await waitFor('findings after the restart', () => lashingDiagnostics(fileUri('k8s/rbac.yaml'), 'kubernetes/rbac-wildcard').length > 0);
  });
});
