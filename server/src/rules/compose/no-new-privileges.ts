import { isScalar } from 'yaml';
import { composeRule, COMPOSE_REFERENCE } from '../../compose/rule';
import { getSetting, isWindowsService, nodeRange, resolvedText, sequenceItems, serviceKeyRange, settingKeyRange, settingLayers } from '../../compose/model';
import { appendToSetting, insertServiceSettings, setScalarEdits } from '../../compose/edit';
import { checklistReference, CIS_DOCKER, NIST_800_190 } from '../../engine/references';

/** `no-new-privileges`, `no-new-privileges:true`, `no-new-privileges=true`, or `…:false`. */
export function noNewPrivilegesOption(text: string): boolean | undefined {
  // No two `\s*` may meet around an empty group: `\s*(?:[:=]\s*(\S*))?\s*$` backtracked quadratically on long blanks.
  const match = /^\s*no-new-privileges(?:\s*([:=])(?:\s*(\S+))?)?\s*$/i.exec(text);
  if (!match) return undefined;
  const value = (match[1] ? match[2] ?? '' : 'true').toLowerCase();
  return value === 'true' || value === '1' || value === 'yes';
}

export default composeRule({
  id: 'compose/no-new-privileges',
  title: 'Privilege escalation not blocked',
  defaultSeverity: 'info',
  fix: 'M',
  checklist: ['D2.1'],
  anchors: { kics: ['No New Privileges Not Set'], other: ['Semgrep no-new-privileges'] },
  docs: {
    why: 'Without `no-new-privileges`, a process in the container can gain privileges through setuid and setgid binaries or file capabilities (`su`, `sudo`, `ping`, a planted binary). With it, the kernel refuses every privilege gain after start, which closes a whole class of escalation paths.',
    how: 'Add `no-new-privileges:true` to `security_opt`. It breaks only programs that rely on setuid binaries at run time, which well-built images do not.',
    bad: 'services:\n  app:\n    image: nginx:1.27',
    good: 'services:\n  app:\n    image: nginx:1.27\n    security_opt:\n      - no-new-privileges:true',
    references: [checklistReference('D2.1'), CIS_DOCKER('5.25', 'Ensure that the container is restricted from acquiring additional privileges'), NIST_800_190('4.4.3', 'Insecure container runtime configurations'), COMPOSE_REFERENCE('security_opt')],
  },
  check(model, ctx) {
    for (const service of model.services) {
      let enabled = false;
      let disabled: { node: import('yaml').Scalar } | undefined;
      for (const setting of settingLayers(service, 'security_opt')) {
        for (const { node } of sequenceItems(setting.value)) {
          if (!isScalar(node)) continue;
          const value = noNewPrivilegesOption(resolvedText(node) ?? '');
          if (value === true) enabled = true;
          else if (value === false && !disabled) disabled = { node };
        }
      }
      if (enabled) continue;
      if (disabled) {
        ctx.report({
          range: nodeRange(model.source, disabled.node),
          message: `Service "${service.name}" turns \`no-new-privileges\` off: processes may gain privileges through setuid binaries.`,
          fixes: [{ title: 'Set `no-new-privileges:true`', mechanical: true, edits: setScalarEdits(model, disabled.node, 'no-new-privileges:true') }],
        });
        continue;
      }
      if (service.partial || isWindowsService(service)) continue; // a Linux-only option
      const existing = getSetting(service, 'security_opt');
      const edits = existing ? appendToSetting(model, existing, 'no-new-privileges:true') : insertServiceSettings(model, service, [{ key: 'security_opt', value: ['no-new-privileges:true'] }]);
      ctx.report({
        range: existing ? settingKeyRange(model, existing) : serviceKeyRange(model, service),
        message: `Service "${service.name}" does not set \`no-new-privileges:true\`: processes may gain privileges through setuid binaries.`,
        fixes: edits.length > 0 ? [{ title: 'Add `no-new-privileges:true` to `security_opt`', mechanical: true, edits }] : [],
      });
    }
  },
});
