// Renders a rule's documentation as Markdown (hover, Explain Rule, SARIF help, README).

import type { RuleMeta } from './types';
import { checklistItemText } from './references';

export const DOCS_BASE_URL = 'https://github.com/lashing-security/lashing/blob/main/docs/rules.md';

export function ruleDocsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}#${ruleId.replace(/[^a-z0-9]+/g, '-')}`;
}

function anchorsLine(rule: RuleMeta): string {
  const parts: string[] = [];
  const add = (label: string, ids: string[] | undefined): void => {
    if (ids && ids.length > 0) parts.push(`${label} ${ids.join(', ')}`);
  };
  add('hadolint', rule.anchors.hadolint);
  add('Trivy', rule.anchors.trivy);
  add('Checkov', rule.anchors.checkov);
  add('BuildKit', rule.anchors.buildkit);
  add('kube-linter', rule.anchors.kubeLinter);
  add('Polaris', rule.anchors.polaris);
  add('KICS', rule.anchors.kics);
  add('', rule.anchors.other);
  return parts.join(' · ');
}

export function renderRuleMarkdown(rule: RuleMeta, options: { heading?: boolean } = {}): string {
  const fence = (code: string): string => '```' + (rule.kind === 'dockerfile' ? 'dockerfile' : 'yaml') + '\n' + code + '\n```';
  const lines: string[] = [];
  if (options.heading !== false) lines.push(`### ${rule.id} — ${rule.title}`, '');
  const severity = rule.defaultSeverity === 'off' ? 'off (opt-in)' : rule.defaultSeverity;
  const pss = rule.pss && rule.pss.length > 0 ? ` · Pod Security check: ${rule.pss.join(', ')}` : '';
  lines.push(`*Default severity: ${severity}${pss}*`, '');
  lines.push('**Why it matters.** ' + rule.docs.why, '');
  lines.push('**How to fix.** ' + rule.docs.how, '');
  lines.push('Bad:', '', fence(rule.docs.bad), '', 'Good:', '', fence(rule.docs.good), '');
  const checklist = rule.checklist.map((id) => `- Checklist ${id}: ${checklistItemText(id) ?? ''}`);
  const references = rule.docs.references
    .filter((reference) => !reference.title.startsWith('Checklist '))
    .map((reference) => (reference.url ? `- [${reference.title}](${reference.url})` : `- ${reference.title}`));
  if (checklist.length + references.length > 0) lines.push('**References**', '', ...checklist, ...references, '');
  const anchors = anchorsLine(rule);
  if (anchors) lines.push(`Same practice in other tools: ${anchors}`, '');
  lines.push(`Suppress with a reason: \`# lashing-ignore ${rule.id} -- <why>\``);
  return lines.join('\n');
}
