// What the language server keeps of the analysis of a file not open in an editor. A workspace scan
// keeps hundreds of thousands of findings; as objects (finding, range, two positions, an empty
// fixes array) they were the largest part of the server's heap after the scan (about 25 MB for the
// benchmark's 5,000 files). Packed, a finding is six numbers and a message reference.

import type { AnalysisResult } from './engine/analyze';
import type { Finding, Severity } from './engine/types';

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];
const FIELDS = 6;

/** Rule IDs by number: bounded by the number of rules, shared by every packed file. */
const ruleIds: string[] = [];
const ruleNumbers = new Map<string, number>();

function ruleNumber(ruleId: string): number {
  let number = ruleNumbers.get(ruleId);
  if (number === undefined) {
    number = ruleIds.push(ruleId) - 1;
    ruleNumbers.set(ruleId, number);
  }
  return number;
}

/** Findings without their fixes, as one typed array and their messages. */
export class PackedFindings {
  private constructor(
    private readonly numbers: Int32Array,
    private readonly messages: readonly string[],
  ) {}

  /** `keepMessage` decides what copy of each message is kept (the server shares and detaches them). */
  static pack(findings: readonly Finding[], keepMessage: (message: string) => string = (message) => message): PackedFindings {
    const numbers = new Int32Array(findings.length * FIELDS);
    findings.forEach((finding, i) => {
      const { start, end } = finding.range;
      const at = i * FIELDS;
      numbers[at] = ruleNumber(finding.ruleId);
      numbers[at + 1] = SEVERITIES.indexOf(finding.severity);
      numbers[at + 2] = start.line;
      numbers[at + 3] = start.character;
      numbers[at + 4] = end.line;
      numbers[at + 5] = end.character;
    });
    return new PackedFindings(numbers, findings.map((finding) => keepMessage(finding.message)));
  }

  get length(): number {
    return this.messages.length;
  }

  severity(index: number): Severity {
    return SEVERITIES[this.numbers[index * FIELDS + 1]];
  }

  /** New finding objects (with no fixes): callers may keep or change them. */
  unpack(): Finding[] {
    const n = this.numbers;
    return this.messages.map((message, i) => {
      const at = i * FIELDS;
      return {
        ruleId: ruleIds[n[at]],
        severity: SEVERITIES[n[at + 1]],
        message,
        range: { start: { line: n[at + 2], character: n[at + 3] }, end: { line: n[at + 4], character: n[at + 5] } },
        fixes: [],
      };
    });
  }
}

/** An analysis result as kept for a file not open in an editor (no model, no fixes). */
export class PackedResult {
  private constructor(
    private readonly kind: AnalysisResult['kind'],
    readonly findings: PackedFindings,
    private readonly suppressed: PackedFindings,
    private readonly reasons: readonly string[],
    private readonly notices: AnalysisResult['notices'],
    private readonly ruleErrors: AnalysisResult['ruleErrors'],
  ) {}

  static pack(result: AnalysisResult, keepMessage: (message: string) => string): PackedResult {
    return new PackedResult(
      result.kind,
      PackedFindings.pack(result.findings, keepMessage),
      PackedFindings.pack(result.suppressed.map((entry) => entry.finding), keepMessage),
      result.suppressed.map((entry) => keepMessage(entry.reason)),
      result.notices.map((notice) => ({ ...notice, message: keepMessage(notice.message) })),
      result.ruleErrors,
    );
  }

  unpack(): AnalysisResult {
    const suppressed = this.suppressed.unpack();
    return {
      kind: this.kind,
      findings: this.findings.unpack(),
      suppressed: suppressed.map((finding, i) => ({ finding, reason: this.reasons[i] })),
      notices: this.notices.map((notice) => ({ ...notice })),
      ruleErrors: this.ruleErrors,
    };
  }
}
