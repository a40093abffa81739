// Builds the checklist input from analysed files on a Node host (CLI and language server).

import type { AnalysisResult } from '../engine/analyze';
import type { DocumentKind, EffectiveConfig, RuleMeta } from '../engine/types';
import { computeChecklist, type ChecklistReport, type Evidence } from './status';

export interface AnalysedFile {
  /** Display path (relative to the workspace root). */
  path: string;
  uri?: string;
  result?: AnalysisResult;
}

/** Rules that cannot decide anything under this configuration (turned off, or inactive until configured). */
export function inactiveRules(rules: readonly RuleMeta[], config: EffectiveConfig): string[] {
  return rules
    .filter((rule) => (config.rules[rule.id] ?? rule.defaultSeverity) === 'off' || (rule.id.endsWith('/untrusted-registry') && config.trustedRegistries.length === 0))
    .map((rule) => rule.id);
}

export function checklistFor(
  rules: readonly RuleMeta[],
  files: readonly AnalysedFile[],
  evidenceFiles: ReadonlyArray<{ path: string; text: string; uri?: string }>,
  config: EffectiveConfig,
  /** Evidence already detected (see ChecklistInput.evidence). */
  evidence: ReadonlyArray<Evidence> = [],
): ChecklistReport {
  const kinds = new Set<DocumentKind>();
  const findings = [];
  for (const file of files) {
    if (!file.result?.kind) continue;
    kinds.add(file.result.kind);
    for (const finding of file.result.findings) findings.push({ path: file.path, uri: file.uri, ruleId: finding.ruleId, message: finding.message, range: finding.range, severity: finding.severity });
  }
  return computeChecklist({ findings, kindsPresent: kinds, evidenceFiles, evidence, attestations: config.attestations, rules, inactiveRules: inactiveRules(rules, config) });
}
