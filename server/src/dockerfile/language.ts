import type { LanguageSupport, SourceComment } from '../engine/language';
import { parseDockerfile, type DockerfileModel } from './model';
import { dockerfileRules } from '../rules/dockerfile';

export const dockerfileLanguage: LanguageSupport<DockerfileModel> = {
  kind: 'dockerfile',
  parse: (text) => parseDockerfile(text),
  rules: dockerfileRules,
  comments(model): SourceComment[] {
    const result: SourceComment[] = [];
    const { source } = model;
    // Every line whose first non-blank character is `#` is a comment in a Dockerfile, except inside heredoc bodies.
    const heredocLines = new Set<number>();
    for (const run of model.runScripts) {
      if (run.script.source !== run.instruction.argumentsText && run.script.source.text.length > 0) {
        const first = source.positionAt(run.script.source.documentOffset(0)).line;
        const last = source.positionAt(run.script.source.documentOffset(run.script.source.text.length)).line;
        for (let line = first; line <= last; line++) heredocLines.add(line);
      }
    }
    for (let line = 0; line < source.lineCount; line++) {
      if (heredocLines.has(line)) continue;
      const start = source.lineStart(line);
      const end = source.lineEnd(line);
      let i = start;
      while (i < end && (source.text[i] === ' ' || source.text[i] === '\t')) i++;
      if (i < end && source.text[i] === '#') result.push({ line, start: i, end, text: source.text.slice(i + 1, end), ownLine: true });
    }
    return result;
  },
  suppressionScope(model, line) {
    // The instruction that starts at or after this line (skipping further comments) is covered whole.
    for (const instruction of model.instructions) {
      if (instruction.range.end.line < line) continue;
      if (instruction.range.start.line <= line) return { first: line, last: instruction.range.end.line };
      // Only blank and comment lines in between (looked up, not rescanned: linear over many comments).
      const onlyComments = model.source.nextContentLine(line) >= instruction.range.start.line;
      return onlyComments ? { first: line, last: instruction.range.end.line } : { first: line, last: line };
    }
    return { first: line, last: line };
  },
};
