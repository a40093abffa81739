// Entry point of the integration suite inside VS Code's extension host: `require(extensionTestsPath).run()`,
// as @vscode/test-electron (and code-server's browser test harness) call it. Runs mocha on *.spec.js here.

import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 90_000, reporter: 'spec' });
  const files = readdirSync(__dirname)
    .filter((file) => file.endsWith('.spec.js'))
    .sort();
  for (const file of files) mocha.addFile(path.join(__dirname, file));
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => {
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed.`));
        else resolve();
      });
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
