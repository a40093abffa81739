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
  /**
   * Multi-document files (YAML streams): rules whose findings for one document depend only on that
   * document's text, the config, the path and the file-wide edit style. The engine caches their
   * findings per document object and, for a document the incremental parser reused unchanged (moved
   * whole lines), shifts them instead of running the rules again (see `Engine.analyzeModel`).
   */
  perDocument?: PerDocumentSupport<Model>;
}

/** A document of a multi-document file: its content offsets in the current version. */
export interface DocumentUnit {
  range: [number, number];
}

export interface PerDocumentSupport<Model extends ParsedDocument> {
  /** IDs of the rules whose findings for a document depend only on that document (see above). */
  ruleIds: ReadonlySet<string>;
  /** The documents of a model, in order; a reused document is the same object in the next version. */
  documents(model: Model): DocumentUnit[];
  /** A model whose documents (and objects) are only `documents`, for running per-document rules on them. */
  restrict(model: Model, documents: ReadonlySet<DocumentUnit>): Model;
  /** Everything file-wide a per-document rule's output may depend on besides config and path (e.g. the edit style fixes use). */
  fileKey(model: Model): string;
}
