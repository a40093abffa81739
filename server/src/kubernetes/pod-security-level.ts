// "Pod Security at a glance": the highest Pod Security Standards level each workload meets.

import type { Engine, AnalysisInput } from '../engine/analyze';
import type { EffectiveConfig, Finding, Range } from '../engine/types';
import type { KubernetesModel } from './model';
import { nodeRange } from '../engine/yaml';

export type PodSecurityLevel = 'restricted' | 'baseline' | 'privileged';

export interface WorkloadLevel {
  /** The object's first line, where the lens goes. */
  range: Range;
  name: string;
  level: PodSecurityLevel;
  /** The PSS findings that keep it from the next level up. */
  findings: Finding[];
}

function pssFindings(engine: Engine, model: KubernetesModel, input: AnalysisInput, profile: 'baseline' | 'restricted'): Finding[] {
  const pssRuleIds = new Set(engine.rules.filter((rule) => rule.pss && rule.pss.length > 0).map((rule) => rule.id));
  const base = input.config as EffectiveConfig;
  // Judge by the standard itself: every PSS rule on, whatever the user's severities.
  const rules: EffectiveConfig['rules'] = { ...base.rules };
  for (const id of pssRuleIds) if (rules[id] === 'off') delete rules[id];
  const config: EffectiveConfig = { ...base, rules, kubernetes: { ...base.kubernetes, profile } };
  return engine.analyzeParsed(model, { ...input, config }).findings.filter((finding) => pssRuleIds.has(finding.ruleId));
}

export function workloadLevels(engine: Engine, model: KubernetesModel, input: AnalysisInput): WorkloadLevel[] {
  const workloads = model.objects.filter((object) => object.pods.length > 0 && !object.partial);
  if (workloads.length === 0) return [];
  const baseline = pssFindings(engine, model, input, 'baseline');
  const restricted = pssFindings(engine, model, input, 'restricted');
  return workloads.map((object) => {
    const range = nodeRange(model.source, object.map);
    const inside = (finding: Finding): boolean => finding.range.start.line >= range.start.line && finding.range.end.line <= range.end.line;
    const baselineHere = baseline.filter(inside);
    const restrictedHere = restricted.filter(inside);
    const level: PodSecurityLevel = baselineHere.length > 0 ? 'privileged' : restrictedHere.length > 0 ? 'baseline' : 'restricted';
    const lensLine = range.start.line;
    return {
      range: { start: { line: lensLine, character: 0 }, end: { line: lensLine, character: 0 } },
      name: `${object.kind}/${object.name ?? '(unnamed)'}`,
      level,
      findings: level === 'privileged' ? baselineHere : restrictedHere,
    };
  });
}

export function lensTitle(workload: WorkloadLevel): string {
  if (workload.level === 'restricted') return 'Pod Security: restricted ✓';
  const count = workload.findings.length;
  const blocking = workload.level === 'privileged' ? 'baseline' : 'restricted';
  return `Pod Security: ${workload.level} — ${count} ${blocking} finding${count === 1 ? '' : 's'}`;
}
