import { isScalar } from 'yaml';
import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference, NIST_800_190 } from '../../engine/references';
import { getScalar } from '../../engine/yaml';
import { detectStyle } from '../../engine/yaml-edit';
import type { Fix, TextEdit } from '../../engine/types';
import { ANY_NAMESPACE, isSelectedByNetworkPolicy, isWorkload, knownFacts, namespaceOf } from '../../kubernetes/index-facts';
import type { KubernetesModel } from '../../kubernetes/model';
import { KUBERNETES_DOCS, objectAnchor, objectLabel, podLabels, scalarText } from './lib-objects';

export const DEFAULT_DENY_FILE = 'networkpolicy-default-deny.yaml';

export default kubernetesRule({
  id: 'kubernetes/missing-network-policy',
  title: 'Workload not isolated by a NetworkPolicy',
  defaultSeverity: 'info',
  fix: 'M',
  checklist: ['D3.1', 'O3.1'],
  anchors: { checkov: ['CKV2_K8S_6'], kubeLinter: ['non-isolated-pod'], polaris: ['missingNetworkPolicy'] },
  docs: {
    why: 'Kubernetes lets every pod talk to every other pod, in every namespace, until a NetworkPolicy selects it. One compromised pod can then probe databases, internal admin endpoints and the cloud metadata service of the whole cluster. Policies are judged across the workspace: a policy in any file whose namespace and pod selector match counts.',
    how: 'Add a default-deny NetworkPolicy per namespace (`podSelector: {}` with `policyTypes: [Ingress, Egress]`, allowing only DNS egress) and then allow exactly the traffic each workload needs. The quick fix adds that policy to this file or writes it to a new file next to it; review the traffic your pods need before deploying it.',
    bad: 'kind: Deployment\nmetadata:\n  name: api\n  namespace: shop\n# no NetworkPolicy in namespace shop',
    good: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\n  namespace: shop\nspec:\n  podSelector: {}\n  policyTypes:\n    - Ingress\n    - Egress\n  egress:\n    - ports:\n        - protocol: UDP\n          port: 53\n        - protocol: TCP\n          port: 53',
    references: [checklistReference('D3.1'), checklistReference('O3.1'), NIST_800_190('4.3.3', 'Poorly separated inter-container network traffic'), KUBERNETES_DOCS('Network Policies — default policies', 'concepts/services-networking/network-policies/#default-policies')],
  },
  check(model, ctx) {
    const known = knownFacts(model, ctx.workspace);
    const offeredInFile = new Set<string>();
    const fixesByNamespace = new Map<string, Fix[]>();
    for (const object of model.objects) {
      if (!isWorkload(object) || object.partial) continue;
      const namespace = namespaceOf(object, known.defaultNamespace);
      for (const pod of object.pods) {
        const hostNetwork = getScalar(pod.spec, 'hostNetwork');
        if (isScalar(hostNetwork) && hostNetwork.value === true) continue; // policies do not apply to host-network pods
        if (isSelectedByNetworkPolicy(known, namespace, podLabels(model, pod))) continue;
        const explicitNamespace = namespace === ANY_NAMESPACE ? undefined : object.namespace !== undefined ? scalarText(getScalar(object.metadata, 'namespace')) : undefined;
        // Only the first finding of a namespace carries the mechanical fix, so fix-all adds one policy.
        const first = !offeredInFile.has(namespace);
        offeredInFile.add(namespace);
        let fixes = fixesByNamespace.get(namespace);
        if (!fixes) {
          fixes = defaultDenyFixes(model, ctx.path, explicitNamespace, namespace, (path) => ctx.workspace.fileExists(path));
          fixesByNamespace.set(namespace, fixes);
        }
        const where = namespace === ANY_NAMESPACE ? 'its namespace' : `namespace "${namespace}"`;
        ctx.report({
          range: objectAnchor(model, object),
          message: `${objectLabel(object)} is not selected by any NetworkPolicy of ${where}: every pod in the cluster can reach it, and it can reach them.`,
          fixes: fixes.map((fix) => (fix.newFiles ? fix : { ...fix, mechanical: first })),
        });
        break;
      }
    }
  },
});

function policyLines(model: KubernetesModel, namespace: string | undefined): string[] {
  const style = detectStyle(model.source);
  const pad = ' '.repeat(style.indent);
  const dash = ' '.repeat(style.indent + style.sequenceIndent);
  const portDash = ' '.repeat(style.indent + style.sequenceIndent + 2 + style.sequenceIndent);
  return [
    'apiVersion: networking.k8s.io/v1',
    'kind: NetworkPolicy',
    'metadata:',
    `${pad}name: default-deny`,
    ...(namespace !== undefined ? [`${pad}namespace: ${/^[a-z0-9-]+$/.test(namespace) ? namespace : JSON.stringify(namespace)}`] : []),
    'spec:',
    `${pad}podSelector: {}`,
    `${pad}policyTypes:`,
    `${dash}- Ingress`,
    `${dash}- Egress`,
    `${pad}egress:`,
    `${dash}# DNS only; add policies that allow the traffic these pods need`,
    `${dash}- ports:`,
    `${portDash}- protocol: UDP`,
    `${portDash}  port: 53`,
    `${portDash}- protocol: TCP`,
    `${portDash}  port: 53`,
  ];
}

function defaultDenyFixes(model: KubernetesModel, path: string, namespace: string | undefined, effectiveNamespace: string, fileExists: (path: string) => boolean): Fix[] {
  const { source } = model;
  const eol = source.eol;
  const text = source.text;
  const lines = policyLines(model, namespace);
  // Append as a new document: `---` unless the file already ends with a document separator.
  let contentEnd = text.length;
  while (contentEnd > 0 && /\s/.test(text[contentEnd - 1])) contentEnd--;
  const trimmed = text.slice(Math.max(0, text.lastIndexOf('\n', contentEnd - 1) + 1), contentEnd);
  const endsWithSeparator = /^---[ \t]*$/.test(trimmed);
  let prefix = '';
  if (text.length > 0 && !/\n$/.test(text)) prefix += eol;
  if (!endsWithSeparator && contentEnd > 0) prefix += `---${eol}`;
  const end = source.positionAt(text.length);
  const append: TextEdit = { range: { start: end, end }, newText: prefix + lines.join(eol) + eol };
  const label = effectiveNamespace === ANY_NAMESPACE ? 'the namespace' : `namespace "${effectiveNamespace}"`;

  const folder = path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
  let fileName = DEFAULT_DENY_FILE;
  if (fileExists(folder + fileName) && namespace !== undefined) fileName = `networkpolicy-default-deny-${namespace.replace(/[^a-z0-9-]+/g, '-')}.yaml`;
  const fixes: Fix[] = [
    { title: `Add a default-deny NetworkPolicy (DNS egress allowed) for ${label} to this file`, mechanical: true, edits: [append] },
  ];
  if (!fileExists(folder + fileName)) {
    fixes.push({ title: `Create ${fileName} with a default-deny NetworkPolicy (DNS egress allowed) for ${label}`, mechanical: false, edits: [], newFiles: [{ relativePath: fileName, content: lines.join('\n') + '\n' }] });
  }
  return fixes;
}
