import type { Fix, Rule, RuleContext } from '../engine/types';
import type { DockerfileModel } from './model';

export type DockerfileRule = Rule<DockerfileModel>;

/**
 * Declares a Dockerfile rule; the identity function gives the object literal its type. Fixes whose
 * edits land inside an exec-form `RUN ["…", …]` are dropped: the rules write shell text, which
 * would break the JSON array (the finding itself stays).
 */
export function dockerfileRule(rule: Omit<DockerfileRule, 'kind'>): DockerfileRule {
  const check = rule.check;
  return {
    ...rule,
    kind: 'dockerfile',
    check(model: DockerfileModel, ctx: RuleContext): void {
      const spans = execFormSpans(model);
      if (spans.length === 0) {
        check.call(this, model, ctx);
        return;
      }
      const guarded: RuleContext = {
        ...ctx,
        report: (input) => ctx.report(input.fixes ? { ...input, fixes: input.fixes.filter((fix) => !touchesSpans(model, fix, spans)) } : input),
      };
      check.call(this, model, guarded);
    },
  };
}

const spanCache = new WeakMap<DockerfileModel, Array<[number, number]>>();

/** Document offsets of the arguments of exec-form RUN instructions. */
function execFormSpans(model: DockerfileModel): Array<[number, number]> {
  let spans = spanCache.get(model);
  if (!spans) {
    spans = model.runScripts.filter((run) => run.execForm).map((run) => [run.instruction.argumentsText.documentOffset(0), run.instruction.endOffset] as [number, number]);
    spanCache.set(model, spans);
  }
  return spans;
}

function touchesSpans(model: DockerfileModel, fix: Fix, spans: Array<[number, number]>): boolean {
  return fix.edits.some((edit) => {
    const from = model.source.offsetAt(edit.range.start);
    const to = model.source.offsetAt(edit.range.end);
    return spans.some(([start, end]) => (from < end && to > start) || (from === to && from > start && from < end));
  });
}
