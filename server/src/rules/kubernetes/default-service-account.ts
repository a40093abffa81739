import { isMap, isScalar } from 'yaml';
import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference } from '../../engine/references';
import { getPair, getScalar, getSeq, getString, resolveNode, seqItems } from '../../engine/yaml';
import { allPods, isTemplated } from '../../kubernetes/model';
import { knownFacts, namespaceOf, serviceAccountAutomount } from '../../kubernetes/index-facts';
import { CIS_KUBERNETES, KUBERNETES_DOCS, objectLabel, podAnchor, podServiceAccount, rangeOf, scalarText } from './lib-objects';

export default kubernetesRule({
  id: 'kubernetes/default-service-account',
  title: 'Pod runs as the default service account',
  defaultSeverity: 'info',
  fix: '-',
  checklist: ['O1.1'],
  anchors: { checkov: ['CKV_K8S_41'], kubeLinter: ['default-service-account'] },
  docs: {
    why: 'Every pod of a namespace that names no service account shares the `default` one. Any permission granted to `default` (by a chart, an operator, or a hurried `kubectl create rolebinding`) is silently granted to all of them, and audit logs cannot tell the workloads apart.',
    how: 'Create a ServiceAccount per workload and set `serviceAccountName`; bind roles to that account only. A pod that needs no API access can instead keep `default` with `automountServiceAccountToken: false` (the pod then has no credential) — such pods are not reported. Never bind roles to `default`.',
    bad: 'spec:\n  containers:\n    - name: worker\n      image: registry.example.com/worker:3.0.1',
    good: 'spec:\n  serviceAccountName: worker\n  containers:\n    - name: worker\n      image: registry.example.com/worker:3.0.1',
    references: [checklistReference('O1.1'), CIS_KUBERNETES('5.1.5', 'Ensure that default service accounts are not actively used'), KUBERNETES_DOCS('Configure Service Accounts for Pods', 'tasks/configure-pod-container/configure-service-account/')],
  },
  check(model, ctx) {
    const known = knownFacts(model, ctx.workspace);
    for (const pod of allPods(model)) {
      if (pod.object.kind === 'PodTemplate') continue;
      const account = podServiceAccount(pod);
      if (account.name !== 'default') continue;
      if (!account.node && pod.object.partial) continue;
      const automount = resolveNode(getPair(pod.spec, 'automountServiceAccountToken')?.value);
      if (isTemplated(automount) || (isScalar(automount) && automount.value === false)) continue; // no credential in the pod
      const namespace = namespaceOf(pod.object, known.defaultNamespace);
      if (!(isScalar(automount) && automount.value === true) && serviceAccountAutomount(known, namespace, 'default') === false) continue;
      ctx.report({
        range: account.node ? rangeOf(model, account.node) : podAnchor(model, pod),
        message: `${objectLabel(pod.object)} runs as the namespace's \`default\` service account, shared by every pod that names none: give it its own ServiceAccount.`,
      });
    }
    // Roles bound to `default` are granted to every pod of the namespace.
    for (const object of model.objects) {
      if ((object.kind !== 'RoleBinding' && object.kind !== 'ClusterRoleBinding') || !object.apiVersion.startsWith('rbac.authorization.k8s.io/')) continue;
      for (const subject of seqItems(getSeq(object.map, 'subjects'))) {
        if (!isMap(subject)) continue;
        const kind = getString(subject, 'kind');
        const nameNode = getScalar(subject, 'name');
        const name = scalarText(nameNode);
        if (!nameNode || name === undefined) continue;
        const isDefault = (kind === 'ServiceAccount' && name === 'default') || (kind === 'User' && /^system:serviceaccount:[^:]+:default$/.test(name));
        if (!isDefault) continue;
        ctx.report({ range: rangeOf(model, nameNode), message: `${objectLabel(object)} grants a role to a \`default\` service account, and so to every pod of that namespace that names no service account.` });
      }
    }
  },
});
