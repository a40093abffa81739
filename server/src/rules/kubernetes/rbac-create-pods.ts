import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference } from '../../engine/references';
import { coversGroup, grantedVerbs, policyRules, type PolicyRule } from './lib-rbac';
import { CIS_KUBERNETES, KUBERNETES_DOCS, objectLabel, rangeOf } from './lib-objects';

/** Resources whose creation runs a pod, by API group. */
const POD_CREATING: Record<string, string[]> = {
  pods: [''],
  replicationcontrollers: [''],
  deployments: ['apps', 'extensions'],
  daemonsets: ['apps', 'extensions'],
  statefulsets: ['apps'],
  replicasets: ['apps', 'extensions'],
  jobs: ['batch'],
  cronjobs: ['batch'],
};

export default kubernetesRule({
  id: 'kubernetes/rbac-create-pods',
  title: 'RBAC allows creating pods or workloads',
  defaultSeverity: 'warning',
  fix: '-',
  checklist: ['O1.1'],
  anchors: { trivy: ['KSV-0048'], kubeLinter: ['access-to-create-pods'] },
  docs: {
    why: 'Whoever can create a pod (directly or through a Deployment, DaemonSet, Job…) can run it with any service account of the namespace and mount any Secret, ConfigMap or volume there — gaining every permission those carry, and on a namespace without Pod Security admission, root on the node.',
    how: 'Give create access to workloads only to your deployment pipeline or GitOps controller, per namespace, and enforce Pod Security admission (`restricted`) in those namespaces.',
    bad: 'rules:\n  - apiGroups: [""]\n    resources: ["pods"]\n    verbs: ["create"]',
    good: 'rules:\n  - apiGroups: [""]\n    resources: ["pods"]\n    verbs: ["get", "list", "watch"]',
    references: [checklistReference('O1.1'), CIS_KUBERNETES('5.1.4', 'Minimize access to create pods'), KUBERNETES_DOCS('RBAC good practices — workload creation', 'concepts/security/rbac-good-practices/#workload-creation')],
  },
  check(model, ctx) {
    for (const rule of policyRules(model)) {
      if (grantedVerbs(rule, ['create']).length === 0) continue;
      for (const item of rule.resources) {
        const resource = item.value.toLowerCase();
        if (!creates(rule, resource)) continue;
        ctx.report({ range: rangeOf(model, item.node), message: `${objectLabel(rule.object)} may create \`${item.value}\`: it can run pods with any service account and Secret of the namespace.` });
      }
    }
  },
});

function creates(rule: PolicyRule, resource: string): boolean {
  const groups = POD_CREATING[resource];
  return groups !== undefined && coversGroup(rule, ...groups);
}
