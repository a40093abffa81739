import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference } from '../../engine/references';
import { getScalar } from '../../engine/yaml';
import { ANY_NAMESPACE, isNamespaceDeclared, isWorkload, knownFacts, namespaceHasQuota, namespaceHasWorkloads, namespaceOf } from '../../kubernetes/index-facts';
import { CIS_KUBERNETES, KUBERNETES_DOCS, objectAnchor, objectLabel, rangeOf, scalarText } from './lib-objects';
import { SYSTEM_NAMESPACES } from './namespace-without-pod-security';

export default kubernetesRule({
  id: 'kubernetes/namespace-without-quota',
  title: 'Namespace without ResourceQuota or LimitRange',
  defaultSeverity: 'info',
  fix: '-',
  checklist: ['O4.4'],
  anchors: { trivy: ['KSV-0039', 'KSV-0040'] },
  docs: {
    why: 'Without a ResourceQuota nothing caps what a namespace may consume — a runaway deployment, a fork bomb of Jobs or a compromised CI account can exhaust the cluster for everybody. Without a LimitRange, containers that forget `resources` get no defaults. The rule looks across the workspace: a ResourceQuota or LimitRange for the namespace in any file counts.',
    how: 'Add a `ResourceQuota` (CPU, memory, pod and object counts) and a `LimitRange` (default requests and limits) to every namespace that runs workloads. When the namespace is declared in the workspace the finding is on its `Namespace` object, otherwise on the workloads.',
    bad: 'kind: Namespace\nmetadata:\n  name: shop\n# workloads in shop, no ResourceQuota',
    good: 'apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: compute\n  namespace: shop\nspec:\n  hard:\n    requests.cpu: "8"\n    requests.memory: 16Gi\n    limits.memory: 16Gi\n    pods: "50"',
    references: [checklistReference('O4.4'), CIS_KUBERNETES('5.7', 'General Policies — apply resource quotas per namespace'), KUBERNETES_DOCS('Resource Quotas', 'concepts/policy/resource-quotas/'), KUBERNETES_DOCS('Limit Ranges', 'concepts/policy/limit-range/')],
  },
  check(model, ctx) {
    const known = knownFacts(model, ctx.workspace);
    const reported = new Set<string>();
    for (const object of model.objects) {
      if (object.partial) continue;
      if (object.kind === 'Namespace' && object.apiVersion === 'v1') {
        const nameNode = getScalar(object.metadata, 'name');
        const name = scalarText(nameNode);
        if (!nameNode || name === undefined || SYSTEM_NAMESPACES.has(name)) continue;
        if (!namespaceHasWorkloads(known, name) || namespaceHasQuota(known, name)) continue;
        ctx.report({ range: rangeOf(model, nameNode), message: `Namespace "${name}" runs workloads but has no ResourceQuota or LimitRange: nothing caps what it may consume.` });
        continue;
      }
      if (!isWorkload(object)) continue;
      const namespace = namespaceOf(object, known.defaultNamespace);
      if (namespace === ANY_NAMESPACE || SYSTEM_NAMESPACES.has(namespace)) continue;
      if (namespaceHasQuota(known, namespace) || isNamespaceDeclared(known, namespace)) continue; // declared: reported on the Namespace
      if (reported.has(namespace)) continue; // once per namespace and file
      reported.add(namespace);
      const namespaceNode = getScalar(object.metadata, 'namespace');
      const range = namespaceNode && namespaceNode.range ? rangeOf(model, namespaceNode) : objectAnchor(model, object);
      ctx.report({ range, message: `${objectLabel(object)} runs in namespace "${namespace}", which has no ResourceQuota or LimitRange in the workspace: nothing caps what the namespace may consume.` });
    }
  },
});
