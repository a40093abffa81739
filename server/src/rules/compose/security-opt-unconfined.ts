import { isScalar } from 'yaml';
import { composeRule, COMPOSE_REFERENCE } from '../../compose/rule';
import { nodeRange, resolvedText, scalarText, sequenceItems, settingLayers } from '../../compose/model';
import { removeSequenceItemEdits } from '../../compose/edit';
import { checklistReference, CIS_DOCKER, NIST_800_190 } from '../../engine/references';

/** What an option turns off, or undefined for a harmless option. */
export function unconfinedOption(text: string): string | undefined {
  const option = text.trim().toLowerCase().replace(/\s+/g, '');
  const [name, ...rest] = option.split(/[:=]/);
  const value = rest.join(':');
  if (name === 'seccomp' && value === 'unconfined') return 'the seccomp system-call filter';
  if (name === 'apparmor' && value === 'unconfined') return 'the AppArmor profile';
  if (name === 'label' && value === 'disable') return 'SELinux separation';
  if (name === 'label' && (value === 'type:spc_t' || value === 'type:unconfined_t')) return 'SELinux separation (super-privileged type)';
  if (name === 'systempaths' && value === 'unconfined') return 'the masking of kernel paths under /proc and /sys';
  return undefined;
}

export default composeRule({
  id: 'compose/security-opt-unconfined',
  title: 'Security profile disabled',
  defaultSeverity: 'error',
  fix: 'M',
  checklist: ['D2.2'],
  anchors: { kics: ['Seccomp Profile Is Disabled'], other: ['Semgrep seccomp-disabled', 'Semgrep selinux-separation-disabled'] },
  docs: {
    why: "Docker's default seccomp profile blocks dozens of dangerous system calls, AppArmor and SELinux confine what the container may touch on the host, and the masked `/proc` and `/sys` paths hide kernel interfaces. `seccomp:unconfined`, `apparmor:unconfined`, `label:disable` and `systempaths=unconfined` remove those layers, so a kernel bug or a misconfiguration is far more likely to become a host compromise.",
    how: 'Remove the option. If a program needs one extra system call, write a custom seccomp profile that allows just that call (`seccomp:./profile.json`) rather than disabling the filter.',
    bad: 'services:\n  app:\n    image: nginx:1.27\n    security_opt:\n      - seccomp:unconfined',
    good: 'services:\n  app:\n    image: nginx:1.27\n    security_opt:\n      - no-new-privileges:true',
    references: [
      checklistReference('D2.2'),
      CIS_DOCKER('5.1', 'Ensure that, if applicable, an AppArmor Profile is enabled'),
      CIS_DOCKER('5.2', 'Ensure that, if applicable, SELinux security options are set'),
      CIS_DOCKER('5.21', 'Ensure the default seccomp profile is not Disabled'),
      NIST_800_190('4.4.3', 'Insecure container runtime configurations'),
      COMPOSE_REFERENCE('security_opt'),
    ],
  },
  check(model, ctx) {
    for (const service of model.services) {
      for (const setting of settingLayers(service, 'security_opt')) {
        for (const { node, index, seq } of sequenceItems(setting.value)) {
          if (!isScalar(node)) continue;
          const text = scalarText(node) ?? '';
          const what = unconfinedOption(resolvedText(node) ?? '');
          if (!what) continue;
          ctx.report({
            range: nodeRange(model.source, node),
            message: `\`${text.trim()}\` turns off ${what} for service "${service.name}".`,
            fixes: [{ title: `Remove \`${text.trim()}\``, mechanical: true, edits: removeSequenceItemEdits(model, setting, seq, index) }],
          });
        }
      }
    }
  },
});
