import type { Range, Reference, Rule } from '../engine/types';
import type { ComposeModel } from './model';

export type ComposeRule = Rule<ComposeModel>;

function rangeKey(range: Range): string {
  return `${range.start.line}:${range.start.character}:${range.end.line}:${range.end.character}`;
}

/**
 * Declares a Compose rule. A setting written in an anchor (or in a service others `extends`) is
 * seen through every service that uses it; the finding is reported once, where it is written.
 */
export function composeRule(rule: Omit<ComposeRule, 'kind'>): ComposeRule {
  return {
    ...rule,
    kind: 'compose',
    check(model, ctx) {
      const reported = new Set<string>();
      rule.check(model, {
        config: ctx.config,
        workspace: ctx.workspace,
        path: ctx.path,
        report(input) {
          const key = rangeKey(input.range);
          if (reported.has(key)) return;
          reported.add(key);
          ctx.report(input);
        },
      });
    },
  };
}

/** The Compose Specification's page for a service attribute. */
export const COMPOSE_REFERENCE = (attribute: string): Reference => ({
  title: `Compose file reference: services.${attribute}`,
  url: `https://docs.docker.com/reference/compose-file/services/#${attribute.replace(/[^a-z0-9_]/gi, '').toLowerCase()}`,
});
