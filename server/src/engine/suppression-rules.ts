// Rules about Lashing's own suppression comments, one pair per document kind.

import type { DocumentKind, RuleMeta } from './types';

const cache = new Map<DocumentKind, [RuleMeta, RuleMeta]>();

export function suppressionRules(kind: DocumentKind): [RuleMeta, RuleMeta] {
  let pair = cache.get(kind);
  if (pair) return pair;
  const references = [{ title: 'Lashing: suppressions', url: 'https://github.com/lashing-dev/lashing#suppressions' }];
  pair = [
    {
      id: `${kind}/suppression-without-reason`,
      kind,
      title: 'Suppression without a reason',
      defaultSeverity: 'info',
      fix: '-',
      checklist: [],
      anchors: {},
      docs: {
        why: 'A suppression hides a security finding. Without a recorded reason, reviewers cannot tell an accepted risk from a forgotten one.',
        how: 'Write the reason after `--`: `# lashing-ignore <ruleId> -- <why this is acceptable here>`.',
        bad: '# lashing-ignore dockerfile/root-user',
        good: '# lashing-ignore dockerfile/root-user -- the entrypoint drops privileges with gosu',
        references,
      },
    },
    {
      id: `${kind}/unused-suppression`,
      kind,
      title: 'Suppression that suppresses nothing',
      defaultSeverity: 'info',
      fix: 'M',
      checklist: [],
      anchors: {},
      docs: {
        why: 'A suppression left behind after the problem was fixed (or naming an unknown rule) silently hides the next real finding at that place.',
        how: 'Remove the comment, or correct the rule ID.',
        bad: '# lashing-ignore dockerfile/no-such-rule -- typo',
        good: '(no comment where nothing needs suppressing)',
        references,
      },
    },
  ];
  cache.set(kind, pair);
  return pair;
}
