// Report formats shared by the CLI and the server's export: text, JSON, SARIF 2.1.0, Markdown.

import type { Finding, RuleMeta, Severity } from '../engine/types';
import { renderRuleMarkdown, ruleDocsUrl } from '../engine/docs';

export interface FileFindings {
  /** Path as shown to the user (relative to the working directory or workspace). */
  path: string;
  findings: Finding[];
}

export interface JsonFinding {
  file: string;
  ruleId: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function toJsonFindings(files: FileFindings[]): JsonFinding[] {
  return files.flatMap((file) =>
    file.findings.map((finding) => ({
      file: file.path,
      ruleId: finding.ruleId,
      severity: finding.severity,
      message: finding.message,
      line: finding.range.start.line + 1,
      column: finding.range.start.character + 1,
      endLine: finding.range.end.line + 1,
      endColumn: finding.range.end.character + 1,
    })),
  );
}

export function formatJson(files: FileFindings[]): string {
  return JSON.stringify({ version: 1, findings: toJsonFindings(files) }, null, 2);
}

/** Compiler style, one finding per line: `file:line:col: severity ruleId message`. */
export function formatText(files: FileFindings[]): string {
  return toJsonFindings(files)
    .map((f) => `${f.file}:${f.line}:${f.column}: ${f.severity} ${f.ruleId} ${f.message.replace(/(?<!\s)\s*\n\s*/g, ' ') /* lookbehind: matches start at a whitespace run only (linear) */}`)
    .join('\n');
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
const SECURITY_SEVERITY: Record<string, string> = { error: '8.0', warning: '5.5', info: '3.0', hint: '1.0', off: '1.0' };

export function formatSarif(files: FileFindings[], rules: readonly RuleMeta[], toolVersion: string): string {
  const used = new Set(files.flatMap((file) => file.findings.map((finding) => finding.ruleId)));
  const ruleList = rules.filter((rule) => used.has(rule.id));
  const ruleIndex = new Map(ruleList.map((rule, index) => [rule.id, index]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Lashing',
            informationUri: 'https://github.com/lashing-security/lashing',
            version: toolVersion,
            rules: ruleList.map((rule) => ({
              id: rule.id,
              name: rule.id.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : '')),
              shortDescription: { text: rule.title },
              fullDescription: { text: rule.docs.why.replace(/`/g, '') },
              helpUri: ruleDocsUrl(rule.id),
              help: { text: `${rule.docs.why}\n\nHow to fix: ${rule.docs.how}`.replace(/`/g, ''), markdown: renderRuleMarkdown(rule) },
              defaultConfiguration: { level: rule.defaultSeverity === 'off' ? 'none' : SARIF_LEVEL[rule.defaultSeverity] },
              properties: { tags: ['security', rule.kind, ...rule.checklist.map((item) => `checklist-${item}`)], 'security-severity': SECURITY_SEVERITY[rule.defaultSeverity] },
            })),
          },
        },
        results: files.flatMap((file) =>
          file.findings.map((finding) => ({
            ruleId: finding.ruleId,
            ruleIndex: ruleIndex.get(finding.ruleId) ?? 0,
            level: SARIF_LEVEL[finding.severity],
            message: { text: finding.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: file.path.split('\\').join('/').split('/').map(encodeURIComponent).join('/') },
                  region: {
                    startLine: finding.range.start.line + 1,
                    startColumn: finding.range.start.character + 1,
                    endLine: finding.range.end.line + 1,
                    endColumn: finding.range.end.character + 1,
                  },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}

export function formatMarkdown(files: FileFindings[], rules: readonly RuleMeta[]): string {
  const all = toJsonFindings(files);
  const bySeverity = (severity: Severity): number => all.filter((f) => f.severity === severity).length;
  const lines = [
    '# Lashing report',
    '',
    `${all.length} findings in ${files.filter((f) => f.findings.length > 0).length} files: ${bySeverity('error')} errors, ${bySeverity('warning')} warnings, ${bySeverity('info')} info, ${bySeverity('hint')} hints.`,
    '',
  ];
  for (const file of files) {
    if (file.findings.length === 0) continue;
    lines.push(`## ${file.path}`, '', '| Line | Severity | Rule | Message |', '|---:|---|---|---|');
    for (const finding of file.findings) {
      const rule = rules.find((r) => r.id === finding.ruleId);
      const ruleCell = rule ? `[${finding.ruleId}](${ruleDocsUrl(finding.ruleId)})` : finding.ruleId;
      lines.push(`| ${finding.range.start.line + 1} | ${finding.severity} | ${ruleCell} | ${finding.message.replace(/\|/g, '\\|').replace(/\n/g, ' ')} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
