import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference, NIST_800_190 } from '../../engine/references';
import { getPair, getScalar, nodeEnd, nodeStart } from '../../engine/yaml';
import { detectStyle, renderScalar } from '../../engine/yaml-edit';
import type { TextEdit } from '../../engine/types';
import { containerLabel, type KubernetesModel } from '../../kubernetes/model';
import { secretEnvValues, type SecretEnvValue } from './lib-secrets';
import { KUBERNETES_DOCS, rangeOf, scalarText } from './lib-objects';

export default kubernetesRule({
  id: 'kubernetes/secret-in-env',
  title: 'Secret written into an environment variable',
  defaultSeverity: 'error',
  fix: 'S',
  checklist: ['D4.3'],
  anchors: { kubeLinter: ['env-var-secret'], polaris: ['sensitiveContainerEnvVar'] },
  docs: {
    why: 'A literal password or token in `env[].value` is committed to version control, visible to everyone who can read the manifest or `kubectl get` the workload, and copied into every rendered chart and CI log. Secrets need their own access control and rotation.',
    how: 'Store the value in a Kubernetes Secret (created by Sealed Secrets, External Secrets, SOPS or Vault — not committed in plain text) and reference it with `valueFrom.secretKeyRef`, or mount the Secret as a file.',
    bad: 'env:\n  - name: DB_PASSWORD\n    value: s3cr3t-Passw0rd',
    good: 'env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: app-secrets\n        key: DB_PASSWORD',
    references: [checklistReference('D4.3'), NIST_800_190('4.1.4', 'Embedded clear text secrets'), KUBERNETES_DOCS('Using Secrets as environment variables', 'concepts/configuration/secret/#using-secrets-as-environment-variables')],
  },
  check(model, ctx) {
    for (const found of secretEnvValues(model)) {
      const secretName = suggestedSecretName(found);
      const edits = secretKeyRefEdit(model, found, secretName);
      ctx.report({
        range: rangeOf(model, found.value),
        message: `\`${found.name}\` of ${containerLabel(found.container)} holds a literal secret: read it from a Secret with \`valueFrom.secretKeyRef\`.`,
        fixes: edits ? [{ title: `Read ${found.name} from Secret "${secretName}" (valueFrom.secretKeyRef; create the Secret outside the repository)`, mechanical: false, edits: [edits] }] : [],
      });
    }
  },
});

function suggestedSecretName(found: SecretEnvValue): string {
  const objectName = scalarText(getScalar(found.container.pod.object.metadata, 'name'));
  const base = (objectName ?? found.container.name ?? 'app').toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '');
  return `${base || 'app'}-secrets`;
}

/** Replaces `value: <literal>` by a `valueFrom.secretKeyRef` block at the same place. */
function secretKeyRefEdit(model: KubernetesModel, found: SecretEnvValue, secretName: string): TextEdit | undefined {
  const { source } = model;
  const key = found.valuePair.key as { range?: [number, number, number] } | null;
  if (!key?.range || getPair(found.item, 'valueFrom')) return undefined;
  const start = nodeStart(key);
  let end = nodeEnd(found.value);
  while (end > start && /\s/.test(source.text[end - 1])) end--;
  const keyName = renderScalar(found.name);
  const name = renderScalar(secretName);
  if (found.item.flow) {
    return { range: source.rangeAt(start, end), newText: `valueFrom: {secretKeyRef: {name: ${name}, key: ${keyName}}}` };
  }
  const column = start - source.lineStart(source.positionAt(start).line);
  const step = detectStyle(source).indent;
  const pad = (level: number): string => ' '.repeat(column + level * step);
  const eol = source.eol;
  const text = ['valueFrom:', `${pad(1)}secretKeyRef:`, `${pad(2)}name: ${name}`, `${pad(2)}key: ${keyName}`].join(eol);
  return { range: source.rangeAt(start, end), newText: text };
}
