import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference, NIST_800_190, PSS } from '../../engine/references';
import { booleanSetting, checkApplies, CIS_KUBERNETES, containerTitle, fixes, forEachPod, keyRangeOf, removeKeyFix, setScalarFix } from '../../kubernetes/pss';

export default kubernetesRule({
  id: 'kubernetes/privileged',
  title: 'Privileged container',
  defaultSeverity: 'error',
  fix: 'M',
  checklist: ['D2.1'],
  pss: ['privileged'],
  anchors: { trivy: ['KSV-0017'], checkov: ['CKV_K8S_16'], kubeLinter: ['privileged-container'], polaris: ['runAsPrivileged'] },
  docs: {
    why: 'A privileged container gets every capability, all host devices, and no seccomp, AppArmor or SELinux confinement. Root in such a container is root on the node: it can mount the host disk, load kernel modules and take over every other pod on the node.',
    how: 'Remove `privileged: true` (or set it to `false`). Grant the single capability the workload needs with `capabilities.add`, or expose a device through a device plugin. Node agents that need full privileges belong in a namespace with a `privileged` Pod Security level, with a suppression explaining why.',
    bad: 'securityContext:\n  privileged: true',
    good: 'securityContext:\n  privileged: false\n  allowPrivilegeEscalation: false\n  capabilities:\n    drop: ["ALL"]',
    references: [
      checklistReference('D2.1'),
      PSS('Privileged Containers'),
      NIST_800_190('4.4.3', 'Insecure container runtime configurations'),
      CIS_KUBERNETES('5.2.2', 'Minimize the admission of privileged containers'),
    ],
  },
  check(model, ctx) {
    if (!checkApplies(ctx, 'baseline')) return;
    forEachPod(model, (pod) => {
      for (const container of pod.containers) {
        const sc = container.securityContext;
        const found = booleanSetting(sc, 'privileged');
        if (!sc || !found?.value) continue;
        ctx.report({
          range: keyRangeOf(model, found.setting.pair),
          message: `${containerTitle(container)} runs privileged: it has every capability and all host devices, with no confinement.`,
          fixes: fixes(setScalarFix(model, found.setting.node, false, 'Set `privileged: false`'), removeKeyFix(model, sc, 'privileged', 'Remove `privileged`')),
        });
      }
    });
  },
});

