import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference, NIST_800_190, PSS } from '../../engine/references';
import { checkApplies, CIS_KUBERNETES, containerRange, containerTitle, ensureFix, fixes, forEachPod, keyRangeOf, pssLevel, setScalarFix, setting, windowsExempt } from '../../kubernetes/pss';

export default kubernetesRule({
  id: 'kubernetes/allow-privilege-escalation',
  title: 'Privilege escalation not disabled',
  defaultSeverity: 'warning',
  fix: 'M',
  checklist: ['D2.1'],
  pss: ['allowPrivilegeEscalation'],
  anchors: { trivy: ['KSV-0001'], checkov: ['CKV_K8S_20'], kubeLinter: ['privilege-escalation-container'], polaris: ['privilegeEscalationAllowed'] },
  docs: {
    why: 'Unless `allowPrivilegeEscalation` is `false`, a process in the container can gain more privileges than its parent, through setuid/setgid binaries (`sudo`, `su`, `ping` on some images) or file capabilities. `false` sets the kernel\'s `no_new_privs` flag, which closes that path for good. Kubernetes defaults to allowing escalation, so the setting must be explicit.',
    how: 'Set `allowPrivilegeEscalation: false` in every container\'s `securityContext`. Since Kubernetes 1.25 the restricted profile does not require it for Windows pods (`spec.os.name: windows`).',
    bad: 'containers:\n- name: app\n  image: nginx:1.27',
    good: 'containers:\n- name: app\n  image: nginx:1.27\n  securityContext:\n    allowPrivilegeEscalation: false',
    references: [
      checklistReference('D2.1'),
      PSS('Privilege Escalation'),
      NIST_800_190('4.4.3', 'Insecure container runtime configurations'),
      CIS_KUBERNETES('5.2.6', 'Minimize the admission of containers with allowPrivilegeEscalation'),
    ],
  },
  check(model, ctx) {
    if (!checkApplies(ctx, 'restricted', 8)) return;
    const level = pssLevel(ctx);
    forEachPod(model, (pod) => {
      if (windowsExempt(pod, level)) return;
      for (const container of pod.containers) {
        const found = setting(container.securityContext, 'allowPrivilegeEscalation');
        if (found?.templated || found?.value === false) continue;
        if (found && found.value !== null && found.value !== undefined) {
          ctx.report({
            range: keyRangeOf(model, found.pair),
            message: `${containerTitle(container)} allows privilege escalation (setuid binaries and file capabilities work): set \`allowPrivilegeEscalation: false\`.`,
            fixes: fixes(setScalarFix(model, found.node, false, 'Set `allowPrivilegeEscalation: false`')),
          });
          continue;
        }
        if (pod.object.partial) continue;
        ctx.report({
          range: containerRange(model, container),
          message: `${containerTitle(container)} does not set \`allowPrivilegeEscalation: false\`, so processes may gain privileges through setuid binaries.`,
          fixes: fixes(ensureFix(model, container.map, ['securityContext'], [{ key: 'allowPrivilegeEscalation', value: false }], 'Set `allowPrivilegeEscalation: false`')),
        });
      }
    });
  },
});
