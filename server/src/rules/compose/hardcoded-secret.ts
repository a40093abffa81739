import { composeRule, COMPOSE_REFERENCE } from '../../compose/rule';
import { environmentEntries } from '../../compose/values';
import { literalSecretValue } from './secret-in-environment';
import { describeCredential, findCredentials, isSecretName } from '../../engine/secrets';
import { comparePositions, rangeContains } from '../../engine/source';
import { checklistReference, NIST_800_190 } from '../../engine/references';
import type { Range } from '../../engine/types';

export default composeRule({
  id: 'compose/hardcoded-secret',
  title: 'Hard-coded credential',
  defaultSeverity: 'error',
  fix: '-',
  checklist: ['D4.3'],
  anchors: { kics: ['Passwords And Secrets'] },
  docs: {
    why: 'A real credential — a private key, a cloud access key, an API token, a password inside a URL or on a command line — is in the file, so it is in version control, in every clone, and in the container\'s configuration for anyone who can inspect it. Leaked tokens are found and abused within minutes of being pushed to a public repository.',
    how: 'Revoke and rotate the credential first: it must be considered leaked. Then provide it at run time: a Compose secret (`secrets:`), or a variable (`${API_TOKEN}`) set from the shell or an untracked `.env` file.',
    bad: 'services:\n  worker:\n    image: example/worker:1.4\n    command: ["--db", "postgres://app:hunter2@db/app"]',
    good: 'services:\n  worker:\n    image: example/worker:1.4\n    command: ["--db", "postgres://app@db/app"]\n    environment:\n      PGPASSFILE: /run/secrets/pgpass\n    secrets: [pgpass]',
    references: [checklistReference('D4.3'), NIST_800_190('4.1.4', 'Embedded clear text secrets'), COMPOSE_REFERENCE('secrets'), { title: 'Compose: secrets', url: 'https://docs.docker.com/compose/how-tos/use-secrets/' }],
  },
  check(model, ctx) {
    // Literal values of secret-named variables are compose/secret-in-environment's (one finding per value).
    const covered: Range[] = [];
    if (ctx.config.rules['compose/secret-in-environment'] !== 'off') {
      for (const service of model.services) {
        for (const entry of environmentEntries(model, service)) {
          if (entry.value !== undefined && entry.valueRange && isSecretName(entry.name) && literalSecretValue(entry.value).literal) covered.push(entry.valueRange);
        }
      }
    }
    for (const match of findCredentials(model.source.text)) {
      const range = model.source.rangeAt(match.start, match.end);
      if (covered.some((outer) => rangeContains(outer, range) && comparePositions(outer.start, outer.end) !== 0)) continue;
      ctx.report({ range, message: `${capitalize(describeCredential(match.kind))} is written in the Compose file: revoke it and provide it at run time (a Compose secret or an untracked \`.env\`).` });
    }
  },
});

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
