// `npm run bench -- --only=rules`: where the engine's time goes, per document kind and size —
// parsing (the model), each rule, and the suppression/sort pass — so a regression or the next
// optimisation points at one rule. Medians over repeated runs; not a target of its own.

import { dockerfileLanguage } from '../server/src/dockerfile/language';
import { kubernetesLanguage } from '../server/src/kubernetes/language';
import { composeLanguage } from '../server/src/compose/language';
import type { LanguageSupport, ParsedDocument } from '../server/src/engine/language';
import { defaultConfig } from '../server/src/engine/config';
import { NO_WORKSPACE } from '../server/src/engine/analyze';
import { now } from './stats';

export interface RuleTiming {
  name: string;
  ms: number;
}

/** Median time of the model and of each rule on `text`, slowest first. */
export function profileRules(kind: 'dockerfile' | 'kubernetes' | 'compose', text: string, path: string, runs: number): RuleTiming[] {
  const languages = { dockerfile: dockerfileLanguage, kubernetes: kubernetesLanguage, compose: composeLanguage } as unknown as Record<string, LanguageSupport<ParsedDocument>>;
  const language = languages[kind];
  const config = defaultConfig();
  const samples = new Map<string, number[]>();
  const record = (name: string, ms: number): void => {
    const list = samples.get(name) ?? [];
    list.push(ms);
    samples.set(name, list);
  };
  for (let run = 0; run < runs; run++) {
    let start = now();
    const model = language.parse(text, path);
    record('(parse and model)', now() - start);
    for (const rule of language.rules) {
      start = now();
      rule.check(model, { config, workspace: NO_WORKSPACE, path, report: () => undefined });
      record(rule.id, now() - start);
    }
  }
  const median = (values: number[]): number => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
  };
  return [...samples].map(([name, values]) => ({ name, ms: median(values) })).sort((a, b) => b.ms - a.ms);
}
