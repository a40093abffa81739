import { isScalar } from 'yaml';
import { composeRule, COMPOSE_REFERENCE } from '../../compose/rule';
import { getSetting, isTrue, isUnresolved, isWindowsService, serviceKeyRange, settingValueRange } from '../../compose/model';
import { insertServiceSettings, setScalarEdits } from '../../compose/edit';
import { checklistReference, CIS_DOCKER, NIST_800_190 } from '../../engine/references';

export default composeRule({
  id: 'compose/read-only-filesystem',
  title: 'Writable root file system',
  defaultSeverity: 'info',
  fix: 'M',
  checklist: ['D2.4'],
  anchors: { other: ['Semgrep writable-filesystem-service'] },
  docs: {
    why: "A writable root file system lets an attacker who gets code execution drop tools, change the application's code or configuration and persist until the container is recreated. A read-only root makes the container immutable: only the volumes and tmpfs mounts you list can be written.",
    how: 'Set `read_only: true` and give the program the writable places it needs: volumes for data, `tmpfs:` for scratch directories such as `/tmp` or `/var/run`.',
    bad: 'services:\n  app:\n    image: nginx:1.27',
    good: 'services:\n  app:\n    image: nginx:1.27\n    read_only: true\n    tmpfs:\n      - /tmp\n      - /var/cache/nginx\n      - /var/run',
    references: [checklistReference('D2.4'), CIS_DOCKER('5.12', "Ensure that the container's root filesystem is mounted as read only"), NIST_800_190('4.4.3', 'Insecure container runtime configurations'), COMPOSE_REFERENCE('read_only')],
  },
  check(model, ctx) {
    for (const service of model.services) {
      const setting = getSetting(service, 'read_only');
      // `read_only: ${READ_ONLY}` is decided where the variable is set.
      if (setting && (isTrue(setting.value) || isUnresolved(setting.value))) continue;
      if (setting) {
        // `read_only: false` (or another value) written out.
        if (service.partial && setting.origin !== 'own') continue;
        ctx.report({
          range: settingValueRange(model, setting),
          message: `Service "${service.name}" has a writable root file system: set \`read_only: true\` and mount volumes or tmpfs where it writes.`,
          fixes: isScalar(setting.value) ? [{ title: 'Set `read_only: true`', mechanical: true, edits: setScalarEdits(model, setting.value, true) }] : [],
        });
        continue;
      }
      if (service.partial || isWindowsService(service)) continue; // Windows containers have no read-only root
      ctx.report({
        range: serviceKeyRange(model, service),
        message: `Service "${service.name}" has a writable root file system: set \`read_only: true\` and mount volumes or tmpfs where it writes.`,
        fixes: [{ title: 'Add `read_only: true`', mechanical: true, edits: insertServiceSettings(model, service, [{ key: 'read_only', value: true }]) }],
      });
    }
  },
});
