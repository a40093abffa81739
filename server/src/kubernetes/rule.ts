import type { Rule, RuleContext } from '../engine/types';
import type { KubernetesModel } from './model';

export type KubernetesRule = Rule<KubernetesModel>;

/**
 * Declares a Kubernetes rule; the identity function gives the object literal its type.
 * A rule reports once per range: a value shared through a YAML anchor (`<<: *defaults`, `*alias`)
 * is reported at the anchor, once, however many objects or containers use it.
 */
export function kubernetesRule(rule: Omit<KubernetesRule, 'kind'>): KubernetesRule {
  const check = rule.check;
  return {
    ...rule,
    kind: 'kubernetes',
    check(model: KubernetesModel, ctx: RuleContext): void {
      const seen = new Set<string>();
      const once: RuleContext = {
        config: ctx.config,
        workspace: ctx.workspace,
        path: ctx.path,
        report(input) {
          const { start, end } = input.range;
          const key = `${start.line}:${start.character}:${end.line}:${end.character}`;
          if (seen.has(key)) return;
          seen.add(key);
          ctx.report(input);
        },
      };
      check.call(rule, model, once);
    },
  };
}
