import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference, NIST_800_190, PSS } from '../../engine/references';
import { checkApplies, containerTitle, fixes, forEachPod, mapAt, removeKeyFix, securityContexts, setting, valueRangeOf } from '../../kubernetes/pss';

const ALLOWED_TYPES_1_0 = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);
const ALLOWED_TYPES_1_31 = new Set([...ALLOWED_TYPES_1_0, 'container_engine_t']);

export default kubernetesRule({
  id: 'kubernetes/selinux-options',
  title: 'Custom SELinux type, user or role',
  defaultSeverity: 'warning',
  fix: 'M',
  checklist: ['D2.2'],
  pss: ['seLinuxOptions'],
  anchors: { trivy: ['KSV-0025'] },
  docs: {
    why: 'SELinux labels decide what a container process may touch on the node. A custom `type` (such as `spc_t`, "super privileged container") or a custom `user` or `role` can lift the confinement the runtime applies with `container_t`. Only the container types and the MCS `level` are safe to set.',
    how: 'Remove `type`, `user` and `role` from `seLinuxOptions` (keep `level` if you need a specific MCS category). Allowed types are `container_t`, `container_init_t`, `container_kvm_t` and, since Kubernetes 1.31, `container_engine_t`.',
    bad: 'securityContext:\n  seLinuxOptions:\n    type: spc_t',
    good: 'securityContext:\n  seLinuxOptions:\n    level: "s0:c123,c456"',
    references: [checklistReference('D2.2'), PSS('SELinux'), NIST_800_190('4.4.3', 'Insecure container runtime configurations')],
  },
  check(model, ctx) {
    if (!checkApplies(ctx, 'baseline')) return;
    const allowedTypes = checkApplies(ctx, 'baseline', 31) ? ALLOWED_TYPES_1_31 : ALLOWED_TYPES_1_0;
    forEachPod(model, (pod) => {
      for (const { map, container } of securityContexts(pod)) {
        const options = mapAt(map, 'seLinuxOptions');
        if (!options) continue;
        const where = container ? containerTitle(container) : 'The pod';
        for (const key of ['type', 'user', 'role'] as const) {
          const found = setting(options, key);
          if (!found || found.templated || found.value === null || found.value === undefined) continue;
          const value = String(found.value);
          if (key === 'type' ? allowedTypes.has(value) : value === '') continue;
          ctx.report({
            range: valueRangeOf(model, found),
            message: key === 'type' ? `${where} sets SELinux type \`${value}\`: only the container types (${[...allowedTypes].filter(Boolean).join(', ')}) keep it confined.` : `${where} sets a custom SELinux ${key} \`${value}\`.`,
            fixes: fixes(removeKeyFix(model, options, key, `Remove \`seLinuxOptions.${key}\``)),
          });
        }
      }
    });
  },
});
