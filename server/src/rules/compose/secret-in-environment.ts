import { isMap, isScalar, isSeq } from 'yaml';
import { composeRule, COMPOSE_REFERENCE } from '../../compose/rule';
import { getSetting, scalarText, type ComposeModel, type ComposeService } from '../../compose/model';
import { environmentEntries, type EnvironmentEntry } from '../../compose/values';
import { appendToSetting, insertMapSettings, insertServiceSettings, joinInsertions, setScalarEdits } from '../../compose/edit';
import { interpolate, isSingleVariable } from '../../compose/variables';
import { isPlaceholderValue, isSecretName } from '../../engine/secrets';
import { checklistReference, CIS_DOCKER, NIST_800_190 } from '../../engine/references';
import type { Fix, TextEdit } from '../../engine/types';
import { entriesOf, keyRange } from '../../compose/model';

/** Words that mark a feature as off rather than hold a credential (`API_KEY=${API_KEY:-invalid}`). */
const SENTINELS = new Set(['invalid', 'disabled', 'disable', 'unset', 'empty', 'notset', 'not-set', 'not_set', 'unknown', 'dummy', 'nothing']);

/** Whether an environment value is a literal (written in the file, directly or as a variable's default). */
export function literalSecretValue(raw: string): { literal: boolean; fromDefault: boolean } {
  const { value, unresolved, hasVariables } = interpolate(raw);
  if (unresolved) return { literal: false, fromDefault: false };
  if (value.trim() === '' || SENTINELS.has(value.trim().toLowerCase())) return { literal: false, fromDefault: false };
  if (hasVariables) return { literal: !isPlaceholderValue(value.replace(/\$/g, '')), fromDefault: true };
  // `$${DB_PASSWORD}`: an escaped reference the container's own shell or entrypoint expands.
  if (isSingleVariable(value)) return { literal: false, fromDefault: false };
  return { literal: !isPlaceholderValue(raw.replace(/\$\$/g, '')), fromDefault: false };
}

function fromEnvironmentFix(model: ComposeModel, entry: EnvironmentEntry): Fix | undefined {
  const reference = `\${${entry.name}}`;
  let edits: TextEdit[] = [];
  if (entry.form === 'map' && entry.valueNode) edits = setScalarEdits(model, entry.valueNode, reference);
  else if (entry.form === 'list' && entry.item) edits = setScalarEdits(model, entry.item.node, `${entry.name}=${reference}`);
  if (edits.length === 0) return undefined;
  return { title: `Read the value from the environment or \`.env\` (\`${reference}\`)`, mechanical: false, edits };
}

function composeSecretFix(model: ComposeModel, service: ComposeService, entry: EnvironmentEntry, value: string): Fix | undefined {
  const secretName = entry.name.toLowerCase().replace(/[^a-z0-9_.-]/g, '_');
  const target = `/run/secrets/${secretName}`;
  const edits: TextEdit[] = [];
  if (entry.form === 'map' && entry.valueNode && entry.pair) {
    edits.push({ range: keyRange(model.source, entry.pair), newText: `${entry.name}_FILE` }, ...setScalarEdits(model, entry.valueNode, target));
  } else if (entry.form === 'list' && entry.item) {
    edits.push(...setScalarEdits(model, entry.item.node, `${entry.name}_FILE=${target}`));
  } else {
    return undefined;
  }
  // The service gets the secret…
  const serviceSecrets = getSetting(service, 'secrets');
  if (!serviceSecrets) edits.push(...insertServiceSettings(model, service, [{ key: 'secrets', value: [secretName] }]));
  else if (isSeq(serviceSecrets.value)) {
    const present = serviceSecrets.value.items.some((item) => (isScalar(item) ? scalarText(item) === secretName : isMap(item) && scalarText(entriesOf(item).get('source')?.value) === secretName));
    if (!present) edits.push(...appendToSetting(model, serviceSecrets, secretName));
  } else return undefined;
  // …and the file declares it from a file next to it.
  const declaration = { file: `./secrets/${secretName}.txt` };
  const topSecrets = model.topLevel.get('secrets');
  const root = service.document.root;
  if (topSecrets && isMap(topSecrets.value)) {
    if (!entriesOf(topSecrets.value).has(secretName)) edits.push(...insertMapSettings(model, topSecrets.value, [{ key: secretName, value: declaration }]));
  } else if (!topSecrets && root) {
    edits.push(...insertMapSettings(model, root, [{ key: 'secrets', value: { [secretName]: declaration } }]));
  } else return undefined;
  return {
    title: `Move to a Compose secret (\`${entry.name}_FILE\` → ${target}; the image must read \`*_FILE\` variables)`,
    mechanical: false,
    edits: joinInsertions(edits),
    newFiles: [{ relativePath: `secrets/${secretName}.txt`, content: value }],
  };
}

export default composeRule({
  id: 'compose/secret-in-environment',
  title: 'Secret in environment',
  defaultSeverity: 'error',
  fix: 'S',
  checklist: ['D4.3'],
  anchors: { kics: ['Passwords And Secrets'] },
  docs: {
    why: 'A password, token or key written into the Compose file is in version control, in every clone and fork, and visible to anyone who can run `docker inspect` on the container. It cannot be rotated without a commit, and it is usually the same in every environment.',
    how: 'Use a Compose secret (`secrets:` at the top level, mounted at `/run/secrets/<name>`; many official images read `*_FILE` variables such as `POSTGRES_PASSWORD_FILE`), or reference a variable (`${DB_PASSWORD}`) that comes from the shell or an untracked `.env` file.',
    bad: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: s3cr3t',
    good: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password\n    secrets:\n      - postgres_password\nsecrets:\n  postgres_password:\n    file: ./secrets/postgres_password.txt',
    references: [checklistReference('D4.3'), CIS_DOCKER('4.10', 'Ensure secrets are not stored in Dockerfiles'), NIST_800_190('4.1.4', 'Embedded clear text secrets'), COMPOSE_REFERENCE('secrets'), { title: 'Compose: secrets', url: 'https://docs.docker.com/compose/how-tos/use-secrets/' }],
  },
  check(model, ctx) {
    for (const service of model.services) {
      for (const entry of environmentEntries(model, service)) {
        if (entry.value === undefined || !entry.valueRange || !isSecretName(entry.name)) continue;
        const { literal, fromDefault } = literalSecretValue(entry.value);
        if (!literal) continue;
        const fixes = [fromEnvironmentFix(model, entry), composeSecretFix(model, service, entry, interpolate(entry.value).value)].filter((fix): fix is Fix => fix !== undefined);
        ctx.report({
          range: entry.valueRange,
          message: fromDefault
            ? `\`${entry.name}\` has a literal default value in the Compose file: drop the default and provide it from the environment or a Compose secret.`
            : `\`${entry.name}\` is a literal secret in the Compose file: use a Compose secret or a variable from an untracked \`.env\`.`,
          fixes,
        });
      }
    }
  },
});
