// Batch analysis of files on disk (CLI, reports, benchmarks): parse every file once, build the
// cross-file index from the parsed models, then run the rules.

import * as path from 'node:path';
import type { Engine, AnalysisResult } from '../engine/analyze';
import type { ConfigLayer } from '../engine/config';
import type { ParsedDocument } from '../engine/language';
import type { WorkspaceContext, Finding } from '../engine/types';
import { ConfigResolver } from './config-resolver';
import { fileExists, readTextFile } from './files';
import { createWorkspaceIndex } from './workspace-index';

export interface BatchFileResult {
  file: string;
  result?: AnalysisResult;
  /** Why the file was not analysed (too large, binary, unreadable). */
  skipped?: string;
  /** Problems in the `.lashing.yaml` that applies. */
  configFile?: string;
}

export interface BatchOptions {
  settings?: ConfigLayer;
  /** Root the config search stops at. */
  root?: string;
}

export function analyzeFiles(engine: Engine, files: string[], options: BatchOptions = {}): BatchFileResult[] {
  const resolver = new ConfigResolver(engine.knownRuleIds);
  const index = createWorkspaceIndex();
  const parsed: Array<{ file: string; text?: string; model?: ParsedDocument; skipped?: string }> = [];
  for (const file of files) {
    const read = readTextFile(file);
    if ('skipped' in read) {
      parsed.push({ file, skipped: read.skipped });
      continue;
    }
    const kind = engine.detectKind(file, read.text);
    if (!kind) {
      parsed.push({ file });
      continue;
    }
    const model = engine.parse(kind, read.text, file);
    if (model) index.update(file, model);
    parsed.push({ file, text: read.text, model });
  }
  const workspace: WorkspaceContext = { fileExists, manifests: index.facts() };
  return parsed.map(({ file, text, model, skipped }) => {
    if (skipped) return { file, skipped };
    if (!model || text === undefined) return { file };
    const { config, configFile } = resolver.configFor(file, options.settings, options.root);
    const result = engine.analyzeParsed(model, { path: file.split(path.sep).join('/'), text, config, workspace });
    return { file, result, configFile: configFile?.path };
  });
}

export function findingsOf(results: BatchFileResult[]): Array<{ file: string; findings: Finding[] }> {
  return results.filter((r) => r.result).map((r) => ({ file: r.file, findings: (r.result as AnalysisResult).findings }));
}
