#!/usr/bin/env node
// `npm run test:e2e`: Lashing in a real VS Code (code-server 4.100.3 = VS Code 1.100.3) driven by Debian's Chromium.
//   1. installs what is missing: apt packages (chromium, ripgrep, build headers), code-server + playwright-core
//      from e2e/package-lock.json into $HOME/.cache/lashing-e2e (outside the repository);
//   2. packages the extension (`npm run package` → lashing.vsix);
//   3. runs the grammar test with VS Code's own Dockerfile/YAML grammars, and the integration suite
//      (test/vscode, mocha) inside code-server's extension host;
//   4. installs the .vsix into code-server and runs the UI test (e2e/ui.mjs) with screenshots in test-results/e2e/;
//   5. the web test (e2e/web.mjs): the same .vsix with `remote.extensionKind` ["web"], so the browser build runs
//      in the web worker extension host and its server in a Web Worker; screenshots in test-results/e2e-web/.
// Options: --suite-only, --ui-only (UI and web tests), --web-only, --keep (keep the run folder),
// --update-screenshots (copy the README screenshots to e2e/screenshots/).
// Exits non-zero when anything failed; the last line is "e2e: N passed, M failed".

import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { tmpdir } from 'node:os';
import * as lib from './lib.mjs';
import { runUiTest } from './ui.mjs';
import { runWebTest } from './web.mjs';

const args = new Set(process.argv.slice(2));
const webOnly = args.has('--web-only');
const suite = !args.has('--ui-only') && !webOnly;
const ui = !args.has('--suite-only');
const started = Date.now();
const runDir = mkdtempSync(path.join(process.env.LASHING_E2E_RUN_DIR ?? tmpdir(), 'lashing-e2e-'));
const runTmp = path.join(runDir, 'tmp');
mkdirSync(runTmp, { recursive: true });
mkdirSync(lib.RESULTS, { recursive: true });

/** The README's screenshots: checklist view, a finding with its hover, a quick fix. */
const README_SHOTS = { 'checklist.png': '-checklist-item-findings.png', 'hover.png': '-hover.png', 'quick-fix.png': '-quick-fix.png' };

const results = [];
let setupError;
try {
  lib.ensureSystemPackages();
  lib.ensureCodeServer(runTmp);
  // The suite loads the extension from the repository (dist/), the UI test installs the .vsix: both need a fresh build.
  const vsix = ui ? lib.packageExtension() : (lib.run('npm', ['run', '--silent', 'build'], { cwd: lib.REPO }), undefined);
  lib.compileTests();
  if (suite) {
    const grammar = lib.grammarTestWithVsCodeGrammars();
    results.push({ name: `injection grammar with VS Code 1.100.3's Dockerfile and YAML grammars: ${grammar.passed} passing, ${grammar.failed} failing`, ok: grammar.failed === 0 && grammar.passed > 0, passed: grammar.passed, failed: grammar.failed });
    lib.log('integration suite (test/vscode) in code-server’s extension host');
    const outcome = await lib.runSuiteInCodeServer({ runDir });
    const counts = lib.mochaCounts(outcome.lines);
    const ok = outcome.code === 0 && counts.failed === 0 && counts.passed > 0;
    results.push({ name: `integration suite: ${counts.passed} passing, ${counts.failed} failing${outcome.error ? ` (${outcome.error})` : ''}`, ok, passed: counts.passed, failed: ok ? counts.failed : Math.max(1, counts.failed) });
  }
  if (ui && vsix) {
    lib.log(webOnly ? 'UI test skipped (--web-only)' : 'UI test: the packaged extension in code-server, driven through the workbench');
    if (!webOnly) for (const step of await runUiTest({ runDir, vsix })) results.push({ ...step, passed: step.ok ? 1 : 0, failed: step.ok ? 0 : 1 });
    if (!webOnly && args.has('--update-screenshots')) {
      const target = path.join(lib.E2E_DIR, 'screenshots');
      mkdirSync(target, { recursive: true });
      const shots = path.join(lib.RESULTS, 'e2e');
      const names = readdirSync(shots);
      for (const [name, suffix] of Object.entries(README_SHOTS)) {
        const source = names.find((file) => file.endsWith(suffix) && !file.includes('FAILED'));
        if (source) cpSync(path.join(shots, source), path.join(target, name));
      }
      lib.log(`README screenshots updated in ${path.relative(lib.REPO, target)}`);
    }
    lib.log('web test: the browser build in code-server’s web worker extension host (remote.extensionKind ["web"])');
    for (const step of await runWebTest({ runDir, vsix })) results.push({ ...step, passed: step.ok ? 1 : 0, failed: step.ok ? 0 : 1 });
  }
} catch (error) {
  setupError = error;
  lib.log(`e2e setup failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
} finally {
  if (!args.has('--keep')) rmSync(runDir, { recursive: true, force: true });
  else lib.log(`run folder kept: ${runDir}`);
}

const passed = results.reduce((sum, result) => sum + result.passed, 0);
const failed = results.reduce((sum, result) => sum + result.failed, 0) + (setupError ? 1 : 0);
const seconds = Math.round((Date.now() - started) / 1000);
const summary = [
  `Lashing e2e in code-server 4.100.3 (VS Code 1.100.3), ${seconds} s`,
  ...results.map((result) => `  ${result.ok ? '✔' : '✖'} ${result.name}${result.error ? `: ${result.error.split('\n')[0]}` : ''}`),
  ...(setupError ? [`  ✖ setup: ${setupError instanceof Error ? setupError.message : String(setupError)}`] : []),
  `Screenshots and logs: ${path.relative(process.cwd(), path.join(lib.RESULTS)) || 'test-results'}/`,
];
writeFileSync(path.join(lib.RESULTS, 'e2e-summary.txt'), `${summary.join('\n')}\n`);
process.stdout.write(`\n${summary.join('\n')}\n`);
process.stdout.write(`e2e: ${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
