// The web test: the packaged .vsix in code-server with the user setting
// `"remote.extensionKind": {"lashing.lashing": ["web"]}`, so the workbench runs Lashing's browser build
// (dist/browser/client.js) in its web worker extension host and the language server in a Web Worker
// (dist/browser/server.js) — as on vscode.dev and github.dev — instead of the Node extension host.
// Driven through the workbench UI in Chromium; screenshots in test-results/e2e-web/.

import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO, RESULTS, launchChromium, log, waitForHttp } from './lib.mjs';
import { Steps, USER_SETTINGS, assert, startCodeServer, filterProblems, problemRows, runCommand, showProblems, until } from './ui.mjs';

const SHOTS = path.join(RESULTS, 'e2e-web');
const VIEWPORT = { width: 1600, height: 1000 };
const EXTENSION_ID = 'lashing.lashing';

/** Command lines of every process on the machine that runs Lashing's Node language server. */
function nodeServerProcesses(extensions) {
  const found = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let cmdline;
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
    } catch {
      continue;
    }
    if (cmdline.includes(extensions) && /dist[/\\]server\.js/.test(cmdline)) found.push(`${pid}: ${cmdline}`);
  }
  return found;
}

/** The text of the editor in the panel (the Output view), visible lines only. */
async function outputText(page) {
  return (await page.locator('.part.panel .monaco-editor .view-lines').first().innerText().catch(() => '')).replace(/\u00a0/g, ' ');
}

/** The cursor position the status bar shows, e.g. { line: 32, column: 23, selected: 10 }. */
async function cursor(page) {
  const text = await page.locator('.statusbar-item', { hasText: /^Ln \d+, Col \d+/ }).first().innerText();
  const match = /Ln (\d+), Col (\d+)(?: \((\d+) selected\))?/.exec(text);
  return match ? { line: Number(match[1]), column: Number(match[2]), selected: Number(match[3] ?? 0) } : undefined;
}

export async function runWebTest({ runDir, vsix }) {
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  const { workspace, extensions, port, server } = await startCodeServer({ runDir, vsix, name: 'web', settings: { ...USER_SETTINGS, 'remote.extensionKind': { [EXTENSION_ID]: ['web'] } } });
  let browser;
  let steps;
  const consoleLines = [];
  try {
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60_000, server);
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: VIEWPORT });
    page.setDefaultTimeout(20_000);
    page.on('console', (message) => consoleLines.push(`[${message.type()}] ${message.text()}`));
    // Workers the page starts: the web worker extension host and, inside it, Lashing's server.
    const workers = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    steps = new Steps(page, SHOTS);

    await steps.step('web: the workbench opens examples/ and Lashing runs in the web worker extension host', async () => {
      await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
      await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
      // The status-bar item shows finding counts and checklist progress once the workspace scan is done:
      // the scan and the checklist went through the editor's file API (findFiles, workspace.fs).
      const item = page.locator('.statusbar-item[aria-label^="Lashing:"][aria-label*="checklist"]').first();
      await item.waitFor({ state: 'visible', timeout: 90_000 });
      const label = await item.getAttribute('aria-label');
      assert(/Lashing: \d+ errors, \d+ warnings; checklist \d+ of 49 met/.test(label ?? ''), `status bar: ${label}`);
      await steps.screenshot('workbench');
    });

    await steps.step('web: the Lashing output says web worker extension host and Web Worker server; no Node server process', async () => {
      await runCommand(page, 'Lashing: Show Output');
      const text = await until('the Lashing output', async () => {
        const value = await outputText(page);
        return value.includes('Lashing language server') ? value : undefined;
      });
      assert(/in the web worker extension host/.test(text), `the client's line: ${text.slice(0, 600)}`);
      assert(/Lashing language server 0\.1\.0 \(Web Worker\)/.test(text), `the server's line: ${text.slice(0, 600)}`);
      assert(!/Node extension host|\(Node\)/.test(text), `no Node host in the output: ${text.slice(0, 600)}`);
      await steps.screenshot('output');
      const processes = nodeServerProcesses(extensions);
      assert(processes.length === 0, `Lashing's Node server runs:\n${processes.join('\n')}`);
      assert(workers.some((url) => url.startsWith('blob:')), `the page started Workers: ${workers.join(', ')}`);
    });

    await steps.step('web: the Problems panel lists findings of a Dockerfile and a manifest before they are opened', async () => {
      await showProblems(page);
      await until('findings of several files in the Problems panel', async () => (await problemRows(page)).length > 10, 60_000);
      for (const [rule, file] of [
        ['dockerfile/sudo', 'Dockerfile'],
        ['kubernetes/privileged', 'storefront.yaml'],
      ]) {
        await filterProblems(page, rule);
        const rows = await until(`${rule} in the Problems panel`, async () => {
          const texts = await problemRows(page);
          return texts.some((text) => text.includes(file)) && texts.some((text) => text.includes('lashing') && text.includes(rule)) ? texts : undefined;
        });
        assert(rows.length >= 2, `${rule}: ${rows.join(' | ')}`);
      }
      await steps.screenshot('problems');
    });

    await steps.step('web: a manifest opens from its finding, selected on `privileged`', async () => {
      await showProblems(page);
      await filterProblems(page, 'kubernetes/privileged');
      const row = page.locator('.markers-panel .monaco-tl-row', { hasText: 'kubernetes/privileged' }).first();
      await row.waitFor({ state: 'visible' });
      await row.click({ position: { x: 80, y: 8 } });
      await page.keyboard.press('Enter');
      await until('storefront.yaml in the editor', async () => (await page.locator('.editor-group-container .tab.active', { hasText: 'storefront.yaml' }).count()) > 0);
      const position = await until('the selection on `privileged`', async () => {
        const value = await cursor(page);
        return value && value.selected === 'privileged'.length ? value : undefined;
      });
      const line = readFileSync(path.join(workspace, 'k8s', 'storefront.yaml'), 'utf8').split('\n')[position.line - 1];
      assert(/^\s*privileged:\s*true/.test(line), `the selected line ${position.line}: ${line}`);
      await steps.screenshot('manifest');
    });

    await steps.step('web: a Quick Fix from the Ctrl+. menu changes the Dockerfile and its finding disappears', async () => {
      await showProblems(page);
      await filterProblems(page, 'dockerfile/sudo');
      const markers = page.locator('.markers-panel .monaco-tl-row', { hasText: 'sudo' });
      await until('two sudo findings', async () => (await markers.count()) === 2);
      await markers.first().click({ position: { x: 80, y: 8 } });
      await page.keyboard.press('Enter');
      await until('api/Dockerfile in the editor', async () => (await page.locator('.editor-group-container .tab.active', { hasText: 'Dockerfile' }).count()) > 0);
      await page.waitForTimeout(500);
      await page.keyboard.press('Control+.');
      const fix = page.locator('.action-widget .monaco-list-row[aria-label="Remove `sudo`"]').first();
      await fix.waitFor({ state: 'visible', timeout: 15_000 });
      await steps.screenshot('quick-fix');
      for (let i = 0; i < 12 && (await page.locator('.action-widget .monaco-list-row.focused').getAttribute('aria-label')) !== 'Remove `sudo`'; i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await until('the fixed line in the editor', async () => (await page.locator('.editor-group-container .view-lines').first().innerText()).replace(/\u00a0/g, ' ').includes('RUN apt-get update && sudo apt-get install'));
      await page.keyboard.press('Control+S');
      await until('one sudo finding left', async () => (await markers.count()) === 1, 20_000);
      // Saved through the editor's file system (the remote's disk here).
      const file = path.join(workspace, 'api', 'Dockerfile');
      await until('the fix saved to disk', async () => readFileSync(file, 'utf8').includes('RUN apt-get update && sudo apt-get install'), 10_000).catch((error) => {
        throw new Error(`${error.message}; on disk: ${readFileSync(file, 'utf8').split('\n').filter((line) => line.includes('apt-get')).join(' | ')}`);
      });
      await steps.screenshot('after-quick-fix');
    });
  } finally {
    writeFileSync(path.join(SHOTS, 'browser-console.log'), `${consoleLines.join('\n')}\n`);
    await browser?.close().catch(() => undefined);
    await server.stop();
  }
  if (!steps) return [{ name: 'web: start code-server', ok: false, error: 'code-server did not start' }];
  if (steps.results.some((result) => !result.ok)) log(`web: browser console in ${path.relative(REPO, path.join(SHOTS, 'browser-console.log'))}`);
  return steps.results;
}
