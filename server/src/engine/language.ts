import type { DocumentKind, Rule } from './types';
import type { SourceText } from './source';

/** A comment in an analysed document, as the suppression scanner needs it. */
export interface SourceComment {
  /** Zero-based line of the comment. */
  line: number;
  /** Offset of the `#` and of the comment's end. */
  start: number;
  end: number;
  /** The text after `#`. */
  text: string;
  /** True when nothing but whitespace precedes the comment on its line. */
  ownLine: boolean;
}

/** An analysis note that is not a rule finding (e.g. "Helm template: partly analysed"). */
export interface Notice {
  message: string;
  line: number;
}

export interface ParsedDocument {
  kind: DocumentKind;
  source: SourceText;
}

/** Everything the engine needs to analyse one kind of document. */
export interface LanguageSupport<Model extends ParsedDocument> {
  kind: DocumentKind;
  /**
   * `previous` is the model of an earlier version of the same file: a language may reuse (and so
   * modify) its unchanged parts instead of parsing them again, so it must not be used afterwards.
   */
  parse(text: string, path: string, previous?: Model): Model;
  rules: ReadonlyArray<Rule<Model>>;
  comments(model: Model): SourceComment[];
  /**
   * The lines a suppression comment on its own line covers: the construct that starts on the next
   * line (a whole Dockerfile instruction, a YAML key and its value).
   */
  suppressionScope(model: Model, line: number): { first: number; last: number };
  /** Other suppressions a model carries (e.g. Kubernetes annotations): rule IDs suppressed for a line range. */
  extraSuppressions?(model: Model): Array<{ ruleIds: string[]; first: number; last: number }>;
  /** Notes to show once per document. */
  notices?(model: Model): Notice[];
}
