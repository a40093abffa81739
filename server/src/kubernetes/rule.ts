import type { Rule, RuleContext } from '../engine/types';
import { nodeEnd, nodeStart } from '../engine/yaml';
import type { KubernetesModel } from './model';

export type KubernetesRule = Rule<KubernetesModel>;

/**
 * Declares a Kubernetes rule; the identity function gives the object literal its type.
 * A rule reports once per range: a value shared through a YAML anchor (`<<: *defaults`, `*alias`)
 * is reported at the anchor, once, however many objects or containers use it. Findings inside a
 * Tekton `stepTemplate` value that every step overrides are dropped: it takes no effect.
 */
export function kubernetesRule(rule: Omit<KubernetesRule, 'kind'>): KubernetesRule {
  const check = rule.check;
  return {
    ...rule,
    kind: 'kubernetes',
    check(model: KubernetesModel, ctx: RuleContext): void {
      const seen = new Set<string>();
      const overridden = model.objects.flatMap((object) => (object.overridden ?? []).map(({ from, to }) => [nodeStart(from), nodeEnd(to)] as const));
      const once: RuleContext = {
        config: ctx.config,
        workspace: ctx.workspace,
        path: ctx.path,
        report(input) {
          const { start, end } = input.range;
          const key = `${start.line}:${start.character}:${end.line}:${end.character}`;
          if (seen.has(key)) return;
          if (overridden.length > 0) {
            const offset = model.source.offsetAt(start);
            if (overridden.some(([from, to]) => offset >= from && offset < to)) return;
          }
          seen.add(key);
          ctx.report(input);
        },
      };
      check.call(rule, model, once);
    },
  };
}
