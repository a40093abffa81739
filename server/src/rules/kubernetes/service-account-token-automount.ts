import { isScalar } from 'yaml';
import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference } from '../../engine/references';
import { getPair, resolveNode } from '../../engine/yaml';
import { insertMapEntries, setScalar } from '../../engine/yaml-edit';
import { allPods, isTemplated } from '../../kubernetes/model';
import { isServiceAccountBound, knownFacts, namespaceOf, serviceAccountAutomount } from '../../kubernetes/index-facts';
import { CIS_KUBERNETES, KUBERNETES_DOCS, objectLabel, podAnchor, podServiceAccount, rangeOf } from './lib-objects';

export default kubernetesRule({
  id: 'kubernetes/service-account-token-automount',
  title: 'Service account token mounted automatically',
  defaultSeverity: 'info',
  fix: 'M',
  checklist: ['O1.1'],
  anchors: { trivy: ['KSV-0036'], checkov: ['CKV_K8S_38'], polaris: ['automountServiceAccountToken'] },
  docs: {
    why: 'Unless told otherwise, Kubernetes mounts a token for the pod\'s service account into every container. Most applications never call the Kubernetes API, yet anyone who compromises them gets a credential for it — and whatever RBAC grants that account, now or later.',
    how: 'Set `automountServiceAccountToken: false` in the pod spec (or on the ServiceAccount, which covers every pod using it). Pods that do call the API keep the token: give them a dedicated ServiceAccount bound to a minimal Role — such pods are not reported when the binding is in the workspace.',
    bad: 'spec:\n  containers:\n    - name: web\n      image: registry.example.com/web:2.1.0',
    good: 'spec:\n  automountServiceAccountToken: false\n  containers:\n    - name: web\n      image: registry.example.com/web:2.1.0',
    references: [checklistReference('O1.1'), CIS_KUBERNETES('5.1.6', 'Ensure that Service Account Tokens are only mounted where necessary'), KUBERNETES_DOCS('Configure Service Accounts for Pods — opt out of API credential automounting', 'tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting')],
  },
  check(model, ctx) {
    const known = knownFacts(model, ctx.workspace);
    for (const pod of allPods(model)) {
      if (pod.object.kind === 'PodTemplate') continue;
      const pair = getPair(pod.spec, 'automountServiceAccountToken');
      const value = resolveNode(pair?.value);
      if (isTemplated(value)) continue;
      if (isScalar(value) && value.value === false) continue;
      if (isScalar(value) && value.value === true && value.range) {
        ctx.report({
          range: rangeOf(model, value),
          message: `${objectLabel(pod.object)} mounts its service account token explicitly: keep it only if the pod calls the Kubernetes API.`,
          fixes: [{ title: 'Set automountServiceAccountToken: false', mechanical: false, edits: [setScalar(model.source, value, false)] }],
        });
        continue;
      }
      if (pod.object.partial) continue;
      const account = podServiceAccount(pod);
      if (account.name === undefined) continue; // templated: the account is not known here
      const namespace = namespaceOf(pod.object, known.defaultNamespace);
      if (serviceAccountAutomount(known, namespace, account.name) === false) continue;
      if (isServiceAccountBound(known, namespace, account.name)) continue; // the token is used on purpose
      const after = getPair(pod.spec, 'serviceAccountName') ? 'serviceAccountName' : getPair(pod.spec, 'serviceAccount') ? 'serviceAccount' : undefined;
      const edits = insertMapEntries(model.source, pod.spec, [{ key: 'automountServiceAccountToken', value: false }], after ? { after } : {});
      ctx.report({
        range: podAnchor(model, pod),
        message: `${objectLabel(pod.object)} gets a token for service account "${account.name}" mounted automatically: set \`automountServiceAccountToken: false\` unless it calls the Kubernetes API.`,
        // A dedicated account probably exists to call the API: then the fix is a choice, not mechanical.
        fixes: edits.length > 0 ? [{ title: 'Set automountServiceAccountToken: false in the pod spec', mechanical: account.name === 'default', edits }] : [],
      });
    }
  },
});
