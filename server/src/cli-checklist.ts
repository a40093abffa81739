// `lashing checklist [paths…]`: the practice guide's checklists with a status per item.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Engine } from './engine/analyze';
import { analyzeFiles } from './node/batch';
import { ConfigResolver } from './node/config-resolver';
import { readTextFile, walkFiles } from './node/files';
import { checklistFor } from './checklist/workspace';
import { formatChecklistText, isEvidenceCandidate } from './checklist/status';
import { mergeConfig } from './engine/config';

export function runChecklistCommand(engine: Engine, files: string[], roots: string[], format: string, write: (text: string) => void): number {
  if (format !== 'text' && format !== 'json') throw new Error(`--format must be text or json for checklist, not "${format}"`);
  const display = (file: string): string => {
    const relative = path.relative(process.cwd(), file);
    return (relative && !relative.startsWith('..') ? relative : file).split(path.sep).join('/');
  };
  const results = analyzeFiles(engine, files);
  const evidence: Array<{ path: string; text: string }> = [];
  for (const root of roots.length > 0 ? roots : ['.']) {
    const resolved = path.resolve(root);
    const candidates = fs.statSync(resolved).isDirectory()
      ? walkFiles(resolved, { root: resolved, ignore: [], include: (_name, relative) => isEvidenceCandidate(relative) }).files
      : [resolved];
    for (const file of candidates) {
      const read = readTextFile(file, 512 * 1024);
      if ('text' in read) evidence.push({ path: display(file), text: read.text });
    }
  }
  const firstRoot = path.resolve(roots[0] ?? '.');
  const configFile = new ConfigResolver(engine.knownRuleIds).findFor(path.join(fs.statSync(firstRoot).isDirectory() ? firstRoot : path.dirname(firstRoot), 'x'));
  const config = mergeConfig(configFile?.layer);
  const report = checklistFor(engine.rules, results.map((r) => ({ path: display(r.file), result: r.result })), evidence, config);
  write(format === 'json' ? JSON.stringify(report, null, 2) : formatChecklistText(report));
  return 0;
}
