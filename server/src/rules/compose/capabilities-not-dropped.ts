import { isScalar } from 'yaml';
import { composeRule, COMPOSE_REFERENCE } from '../../compose/rule';
import { getSetting, isWindowsService, scalarText, sequenceItems, serviceKeyRange, settingKeyRange, settingLayers, sharesValueWith } from '../../compose/model';
import { appendToSetting, insertServiceSettings } from '../../compose/edit';
import { checklistReference, CIS_DOCKER, NIST_800_190 } from '../../engine/references';
import { capabilityName } from './capabilities-added';

export default composeRule({
  id: 'compose/capabilities-not-dropped',
  title: 'Capabilities not dropped',
  defaultSeverity: 'info',
  fix: 'M',
  checklist: ['D2.5'],
  anchors: { kics: ['Container Capabilities Unrestricted'] },
  docs: {
    why: 'Docker gives every container a default set of capabilities (`CHOWN`, `DAC_OVERRIDE`, `FOWNER`, `SETUID`, `SETGID`, `NET_RAW`, `MKNOD`, …) whether it needs them or not. `NET_RAW` alone allows packet spoofing on the container network; the others help an attacker who gets code execution escalate inside the container.',
    how: 'Add `cap_drop: [ALL]` and give back only what the program needs with `cap_add` (often nothing; `NET_BIND_SERVICE` for ports below 1024; `CHOWN`, `SETUID`, `SETGID` for images whose entrypoint switches users). Test the service afterwards.',
    bad: 'services:\n  app:\n    image: nginx:1.27',
    good: 'services:\n  app:\n    image: nginx:1.27\n    cap_drop: [ALL]\n    cap_add: [CHOWN, SETUID, SETGID, NET_BIND_SERVICE]',
    references: [checklistReference('D2.5'), CIS_DOCKER('5.3', 'Ensure that Linux kernel capabilities are restricted within containers'), NIST_800_190('4.4.3', 'Insecure container runtime configurations'), COMPOSE_REFERENCE('cap_drop')],
  },
  check(model, ctx) {
    for (const service of model.services) {
      if (service.partial || isWindowsService(service)) continue; // Windows containers have no Linux capabilities
      const dropsAll = settingLayers(service, 'cap_drop').some((setting) =>
        sequenceItems(setting.value).some(({ node }) => isScalar(node) && capabilityName(scalarText(node) ?? '') === 'ALL'),
      );
      if (dropsAll) continue;
      const existing = getSetting(service, 'cap_drop');
      // `ALL` appended to a list cap_add shares would be added back too (and removed by capabilities-added).
      const shared = existing !== undefined && sharesValueWith(service, existing, 'cap_add');
      const edits = shared ? [] : existing ? appendToSetting(model, existing, 'ALL') : insertServiceSettings(model, service, [{ key: 'cap_drop', value: ['ALL'] }]);
      ctx.report({
        range: existing ? settingKeyRange(model, existing) : serviceKeyRange(model, service),
        message: existing
          ? `Service "${service.name}" drops some capabilities but keeps the rest of Docker's defaults: drop \`ALL\` and add back only what it needs.`
          : `Service "${service.name}" keeps Docker's default capabilities: add \`cap_drop: [ALL]\` and add back only what it needs.`,
        fixes: edits.length > 0 ? [{ title: 'Add `cap_drop: [ALL]`', mechanical: true, edits }] : [],
      });
    }
  },
});
