// The UI test: the packaged .vsix installed in code-server (VS Code 1.100.3), driven through the real workbench
// in Chromium. Every step saves a screenshot under test-results/e2e/.

import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CODE_SERVER_ENTRY, REPO, RESULTS, freePort, launchChromium, log, run, startProcess, waitForHttp, workspaceCopy } from './lib.mjs';

export const SHOTS = path.join(RESULTS, 'e2e');
const VIEWPORT = { width: 1600, height: 1000 };

export const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'chat.commandCenter.enabled': false,
  'window.commandCenter': false,
  'editor.minimap.enabled': false,
  'workbench.colorTheme': 'Default Dark Modern',
};

export class Steps {
  constructor(page, dir = SHOTS) {
    this.page = page;
    this.dir = dir;
    this.results = [];
    this.shot = 0;
  }

  async screenshot(name) {
    this.shot++;
    const file = path.join(this.dir, `${String(this.shot).padStart(2, '0')}-${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** Runs one step; a failing step is recorded with a screenshot, and the following steps still run. */
  async step(name, body) {
    const started = Date.now();
    try {
      await body();
      this.results.push({ name, ok: true, ms: Date.now() - started });
      log(`  ✔ ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      const shot = await this.screenshot(`FAILED-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`).catch(() => undefined);
      this.results.push({ name, ok: false, ms: Date.now() - started, error: error instanceof Error ? error.message : String(error) });
      log(`  ✖ ${name}: ${error instanceof Error ? error.stack ?? error.message : String(error)}${shot ? `\n    screenshot: ${path.relative(REPO, shot)}` : ''}`);
    }
  }
}

export async function until(what, probe, timeoutMs = 30_000) {
  const started = Date.now();
  let last;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last.message ?? last}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

export async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.press('Enter');
}

export async function showProblems(page) {
  if (!(await page.locator('.markers-panel').isVisible().catch(() => false))) await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel').waitFor({ state: 'visible' });
}

/** The Problems panel's filter box. */
export async function filterProblems(page, text) {
  const input = page.locator('.markers-panel-action-filter input, .viewpane-filter input').first();
  await input.waitFor({ state: 'visible' });
  await input.fill(text);
  await page.waitForTimeout(400);
}

export async function problemRows(page) {
  return page.locator('.markers-panel .monaco-tl-row').allInnerTexts();
}

/** All rows of a tree view, read by moving the keyboard focus from the first row to the last. */
async function readTree(page, container) {
  await page.bringToFront();
  await page.locator(`${container} .monaco-list`).first().focus();
  await page.keyboard.press('Home');
  const focused = page.locator(`${container} .monaco-list-row.focused`).first();
  const seen = [];
  // Row by row: wait for the list to render each newly focused row (it renders on an animation
  // frame when it has to scroll), and stop on the row the list marks as its last.
  for (let index = 0; index < 400; index++) {
    await until(`row ${index} focused`, async () => (await focused.getAttribute('data-index')) === String(index), 5_000);
    seen.push({ label: (await focused.getAttribute('aria-label')) ?? '', text: (await focused.innerText()).replace(/\s+/g, ' ').trim(), level: Number(await focused.getAttribute('aria-level')) });
    if ((await focused.getAttribute('data-last-element')) === 'true') break;
    await page.keyboard.press('ArrowDown');
  }
  return seen;
}

/** Moves the keyboard focus down the tree to the first row whose label starts with `prefix`. */
async function focusRow(page, container, prefix) {
  await page.bringToFront();
  await page.locator(`${container} .monaco-list`).first().focus();
  await page.keyboard.press('Home');
  const focused = page.locator(`${container} .monaco-list-row.focused`).first();
  await until(`the row ${prefix}… focused`, async () => {
    if (((await focused.getAttribute('aria-label')) ?? '').startsWith(prefix)) return true;
    await page.keyboard.press('ArrowDown');
    return false;
  }, 30_000);
  return focused;
}

/** Drags the sash between the side bar and the editor so the checklist's texts fit. */
async function widenSideBar(page, width) {
  const box = await page.locator('#workbench\\.parts\\.sidebar').boundingBox();
  if (!box || box.width >= width) return;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, y, { steps: 8 });
  await page.mouse.up();
  await page.waitForTimeout(300);
}

/** What the CLI says for the same files: the view must show the same statuses. */
function expectedChecklist(workspace) {
  const result = spawnSync(process.execPath, [path.join(REPO, 'dist', 'cli.js'), 'checklist', '.', '--format', 'json'], { cwd: workspace, encoding: 'utf8' });
  if (result.status !== 0 && !result.stdout) throw new Error(`lashing checklist failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

/**
 * Installs the .vsix into a fresh code-server profile named `name` (user data, extensions, a copy of
 * examples/) and starts code-server on a free loopback port with the given user settings.
 */
export async function startCodeServer({ runDir, vsix, name, settings }) {
  const workspace = workspaceCopy(runDir, `${name}-workspace`);
  const userData = path.join(runDir, `${name}-user-data`);
  const extensions = path.join(runDir, `${name}-extensions`);
  mkdirSync(path.join(userData, 'User'), { recursive: true });
  writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  const config = path.join(runDir, `code-server-${name}.yaml`);
  writeFileSync(config, 'auth: none\n');
  const tmp = path.join(runDir, 'tmp');
  mkdirSync(tmp, { recursive: true });
  const env = { ...process.env, TMPDIR: tmp };
  run(process.execPath, [CODE_SERVER_ENTRY, '--config', config, '--user-data-dir', userData, '--extensions-dir', extensions, '--install-extension', vsix], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await freePort();
  const server = startProcess(
    process.execPath,
    [CODE_SERVER_ENTRY, '--config', config, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', '--user-data-dir', userData, '--extensions-dir', extensions, workspace],
    { logFile: path.join(RESULTS, `${name}-code-server.log`), env: { TMPDIR: tmp } },
  );
  return { workspace, extensions, port, server };
}

export async function runUiTest({ runDir, vsix }) {
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  const { workspace, port, server } = await startCodeServer({ runDir, vsix, name: 'ui', settings: USER_SETTINGS });
  let browser;
  let steps;
  try {
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60_000, server);
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: VIEWPORT });
    page.setDefaultTimeout(20_000);
    steps = new Steps(page);

    await steps.step('the workbench opens examples/ and Lashing activates', async () => {
      await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
      await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
      // The status-bar item shows finding counts and checklist progress once the workspace scan is done.
      const item = page.locator('.statusbar-item[aria-label^="Lashing:"][aria-label*="checklist"]').first();
      await item.waitFor({ state: 'visible', timeout: 60_000 });
      const label = await item.getAttribute('aria-label');
      assert(/Lashing: \d+ errors, \d+ warnings; checklist \d+ of 49 met/.test(label ?? ''), `status bar: ${label}`);
      await steps.screenshot('workbench');
    });

    await steps.step('the Problems panel lists Lashing findings of a Dockerfile, a manifest and a Compose file', async () => {
      await showProblems(page);
      await until('findings of several files in the Problems panel', async () => (await problemRows(page)).length > 10, 60_000);
      await steps.screenshot('problems');
      for (const [rule, file] of [
        ['dockerfile/expose-ssh', 'Dockerfile'],
        ['kubernetes/privileged', 'storefront.yaml'],
        ['compose/docker-socket-mount', 'compose.yaml'],
      ]) {
        await filterProblems(page, rule);
        const rows = await until(`${rule} in the Problems panel`, async () => {
          const texts = await problemRows(page);
          return texts.some((text) => text.includes(file)) && texts.some((text) => text.includes('lashing') && text.includes(rule)) ? texts : undefined;
        });
        assert(rows.length >= 2, `${rule}: ${rows.join(' | ')}`);
      }
      await filterProblems(page, 'kubernetes/privileged');
      await steps.screenshot('problems-manifest');
    });

    await steps.step('hovering a finding shows the rule documentation', async () => {
      await filterProblems(page, 'dockerfile/root-user');
      const marker = page.locator('.markers-panel .monaco-tl-row', { hasText: 'dockerfile/root-user' }).first();
      await marker.waitFor({ state: 'visible' });
      await marker.click({ position: { x: 80, y: 8 } });
      await page.keyboard.press('Enter');
      await until('the editor of api/Dockerfile', async () => (await page.locator('.editor-group-container .tab.active', { hasText: 'Dockerfile' }).count()) > 0);
      await page.waitForTimeout(500);
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      // The marker part shows first; the rule's documentation arrives from the server.
      const text = await until('the rule documentation in the hover', async () => {
        const hovers = await page.locator('.monaco-hover:visible').allInnerTexts();
        return hovers.find((value) => value.includes('root-user') && /D2\.1/.test(value));
      }, 15_000);
      assert(text.length > 200, `the hover carries the documentation: ${text.slice(0, 300)}`);
      await page.waitForTimeout(300);
      await steps.screenshot('hover');
      await page.keyboard.press('Escape');
    });

    await steps.step('a Quick Fix applies and its finding disappears', async () => {
      await showProblems(page);
      await filterProblems(page, 'dockerfile/sudo');
      const markers = page.locator('.markers-panel .monaco-tl-row', { hasText: 'sudo' });
      await until('two sudo findings', async () => (await markers.count()) === 2);
      await markers.first().click({ position: { x: 80, y: 8 } });
      await page.keyboard.press('Enter');
      await page.waitForTimeout(500);
      await page.keyboard.press('Control+.');
      const fix = page.locator('.action-widget .monaco-list-row[aria-label="Remove `sudo`"]').first();
      await fix.waitFor({ state: 'visible', timeout: 15_000 });
      await steps.screenshot('quick-fix');
      // Keyboard, as users do: move the focus to the fix and press Enter.
      for (let i = 0; i < 12 && (await page.locator('.action-widget .monaco-list-row.focused').getAttribute('aria-label')) !== 'Remove `sudo`'; i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await until('the fixed line in the editor', async () => (await page.locator('.editor-group-container .view-lines').first().innerText()).replace(/\u00a0/g, ' ').includes('RUN apt-get update && sudo apt-get install'));
      await page.keyboard.press('Control+S');
      await until('one sudo finding left', async () => (await markers.count()) === 1, 20_000);
      await steps.screenshot('after-quick-fix');
    });

    await steps.step('the checklist view shows both lists, their sections and the statuses of examples/', async () => {
      await runCommand(page, 'Lashing: Show Checklist');
      const container = '.pane:has(.pane-header[aria-label*="Security Checklist"])';
      await page.locator(`${container} .monaco-list-row`).first().waitFor({ state: 'visible', timeout: 30_000 });
      await widenSideBar(page, 760);
      await page.waitForTimeout(1000);
      // Wait until the view shows what `lashing checklist` says of the same files (the server has
      // finished with the previous step's edit), then read the whole tree.
      const expected = expectedChecklist(workspace);
      const { met, total, open, counts } = expected.summary;
      const wantedMessage = [`${met} of ${total} met`, `${open} not met`, ...(counts.manual > 0 ? [`${counts.manual} manual`] : []), ...(counts['not-applicable'] > 0 ? [`${counts['not-applicable']} not applicable`] : [])].join(' · ');
      let shownMessage = '';
      await until(`the summary message "${wantedMessage}"`, async () => {
        shownMessage = await page.locator(`${container} .message`).first().innerText().catch(() => '');
        return shownMessage.trim() === wantedMessage;
      }).catch((error) => { throw new Error(`${error.message}; the view shows "${shownMessage}"`); });
      await steps.screenshot('checklist');
      let rows = [];
      // The view may still refresh while it is read: read until whole.
      await until('the whole checklist read from the view', async () => {
        rows = await readTree(page, container);
        const count = (level) => rows.filter((row) => row.level === level).length;
        return count(1) === 2 && count(2) === 12 && count(3) === 49;
      }, 45_000).catch(() => undefined);
      writeFileSync(path.join(SHOTS, 'checklist-rows.txt'), rows.map((row) => `${'  '.repeat(row.level - 1)}${row.label}`).join('\n') + '\n');
      const listRows = rows.filter((row) => row.level === 1).map((row) => row.text);
      assert(listRows.length === 2 && listRows[0].startsWith('Securing Container Deployments') && listRows[1].startsWith('Securing Orchestrator Configurations'), `lists: ${listRows.join(' | ')}`);
      const sectionRows = rows.filter((row) => row.level === 2);
      assert(sectionRows.length === 12, `12 sections, got ${sectionRows.length} (rows read: test-results/e2e/checklist-rows.txt): ${sectionRows.map((row) => row.text).join(' | ')}`);
      const itemRows = rows.filter((row) => row.level === 3);
      assert(itemRows.length === 49, `49 items, got ${itemRows.length}`);
      const wanted = expected.lists.flatMap((list) => list.sections.flatMap((section) => section.items));
      const labels = { met: 'met', 'not-met': 'not met', 'not-applicable': 'not applicable', manual: 'manual', attested: 'attested', evidenced: 'evidenced' };
      const mismatches = [];
      for (const item of wanted) {
        const row = itemRows.find((entry) => entry.label.startsWith(`${item.id} `));
        const description = item.status === 'not-met' ? `not met · ${item.findings.length} finding${item.findings.length === 1 ? '' : 's'}` : labels[item.status];
        if (!row || !row.label.startsWith(`${item.id} ${item.text} Status: ${description}.`)) mismatches.push(`${item.id}: expected "${description}", view shows "${row?.label ?? '(missing)'}"`);
      }
      assert(mismatches.length === 0, `statuses differ from \`lashing checklist\`:\n${mismatches.join('\n')}`);
      const badge = await page.locator('.activitybar .action-item:has([aria-label^="Lashing"]) .badge-content').first().innerText().catch(() => '');
      assert(badge === String(expected.summary.open), `activity-bar badge ${badge}, expected ${expected.summary.open}`);
    });

    await steps.step('a not-met item lists its findings by file and opens the exact range', async () => {
      const container = '.pane:has(.pane-header[aria-label*="Security Checklist"])';
      const d21 = await focusRow(page, container, 'D2.1 ');
      await d21.click();
      const file = page.locator(`${container} .monaco-list-row`, { hasText: 'k8s/storefront.yaml' }).first();
      await file.waitFor({ state: 'visible' });
      const finding = page.locator(`${container} .monaco-list-row`, { hasText: 'kubernetes/privileged' }).first();
      await finding.waitFor({ state: 'visible' });
      await steps.screenshot('checklist-item-findings');
      await finding.click();
      await until('storefront.yaml opened at the finding', async () => (await page.locator('.editor-group-container .tab.active', { hasText: 'storefront.yaml' }).count()) > 0);
      await until('the selection on `privileged`', async () => (await page.locator('.editor-group-container .selected-text').count()) > 0);
      await steps.screenshot('finding-opened-from-checklist');
    });

    await steps.step('the checklist filters to what is not met', async () => {
      const container = '.pane:has(.pane-header[aria-label*="Security Checklist"])';
      const actions = '#workbench\\.parts\\.sidebar .title-actions';
      await page.locator(`${actions} .action-label[aria-label="Filter: Not Met"]`).click();
      await page.locator(`${actions} .action-label[aria-label="Filter: Show All"]`).waitFor({ state: 'visible' });
      const notMet = (row) => / Status: not met · \d+ findings?\./.test(row.label);
      const rows = await until('only not-met items in the view', async () => {
        const read = await readTree(page, container);
        const level3 = read.filter((row) => row.level === 3);
        return level3.length > 0 && level3.every(notMet) ? read : undefined;
      }, 20_000).catch(async () => readTree(page, container));
      const items = rows.filter((row) => row.level === 3);
      assert(items.length > 0 && items.every((row) => / Status: not met · \d+ findings?\./.test(row.label)), `only not-met items: ${items.map((row) => row.label.slice(0, 40)).join(' | ')}`);
      await steps.screenshot('checklist-not-met');
      await page.locator(`${actions} .action-label[aria-label="Filter: Show All"]`).click();
    });
  } finally {
    await browser?.close().catch(() => undefined);
    await server.stop();
  }
  return steps?.results ?? [{ name: 'start code-server', ok: false, error: 'code-server did not start' }];
}
