// Hover: the rule's documentation on a finding; otherwise what the token means for security.

import type { Hover } from 'vscode-languageserver';
import type { Engine, AnalysisResult } from '../engine/analyze';
import type { ParsedDocument } from '../engine/language';
import type { Position } from '../engine/types';
import { comparePositions } from '../engine/source';
import { renderRuleMarkdown } from '../engine/docs';
import type { DockerfileModel } from '../dockerfile/model';
import { dockerfileHover } from './dockerfile';
import { kubernetesHover } from './kubernetes';
import type { KubernetesModel } from '../kubernetes/model';

export interface HoverState {
  model?: ParsedDocument;
  result?: AnalysisResult;
}

/** Language-specific hovers register here (keyed by document kind). */
export const languageHovers: Partial<Record<string, (model: ParsedDocument, position: Position) => string | undefined>> = {
  dockerfile: (model, position) => dockerfileHover(model as DockerfileModel, position),
  kubernetes: (model, position) => kubernetesHover(model as KubernetesModel, position),
};

export function hoverAt(engine: Engine, state: HoverState, position: Position): Hover | null {
  const findings = (state.result?.findings ?? []).filter(
    (finding) => comparePositions(finding.range.start, position) <= 0 && comparePositions(position, finding.range.end) <= 0,
  );
  const sections: string[] = [];
  for (const ruleId of new Set(findings.map((finding) => finding.ruleId))) {
    const rule = engine.rule(ruleId);
    if (rule) sections.push(renderRuleMarkdown(rule));
  }
  if (sections.length === 0 && state.model) {
    const text = languageHovers[state.model.kind]?.(state.model, position);
    if (text) sections.push(text);
  }
  if (sections.length === 0) return null;
  return { contents: { kind: 'markdown', value: sections.join('\n\n---\n\n') } };
}
