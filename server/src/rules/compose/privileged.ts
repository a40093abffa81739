import { composeRule, COMPOSE_REFERENCE } from '../../compose/rule';
import { getSetting, isTrue, nestedSetting, settingKeyRange } from '../../compose/model';
import { removeSettingEdits } from '../../compose/edit';
import { checklistReference, CIS_DOCKER, NIST_800_190 } from '../../engine/references';

export default composeRule({
  id: 'compose/privileged',
  title: 'Privileged service',
  defaultSeverity: 'error',
  fix: 'M',
  checklist: ['D2.1'],
  anchors: { kics: ['Privileged Containers Enabled'], other: ['Semgrep privileged-service'] },
  docs: {
    why: '`privileged: true` (or `build.privileged: true`, for the build\'s RUN steps) gives the container every capability, every host device and no seccomp, AppArmor or SELinux confinement. A process that breaks out of the application — or simply mounts the host disk from `/dev` — owns the host.',
    how: 'Remove `privileged: true`. Grant only what the service really needs: a single capability with `cap_add`, a single device with `devices`.',
    bad: 'services:\n  app:\n    image: nginx:1.27\n    privileged: true',
    good: 'services:\n  app:\n    image: nginx:1.27\n    cap_drop: [ALL]',
    references: [checklistReference('D2.1'), CIS_DOCKER('5.4', 'Ensure that privileged containers are not used'), NIST_800_190('4.4.3', 'Insecure container runtime configurations'), COMPOSE_REFERENCE('privileged')],
  },
  check(model, ctx) {
    for (const service of model.services) {
      const setting = getSetting(service, 'privileged');
      if (!setting || !isTrue(setting.value)) continue;
      ctx.report({
        range: settingKeyRange(model, setting),
        message: `Service "${service.name}" runs privileged: it has every capability and device of the host. Grant only the capability or device it needs.`,
        fixes: [{ title: 'Remove `privileged: true`', mechanical: true, edits: removeSettingEdits(model, setting) }],
      });
    }
    for (const service of model.services) {
      // `build.privileged` runs the image's RUN steps with the same unconfined rights on the builder.
      const build = nestedSetting(service, 'build', 'privileged');
      if (!build || !isTrue(build.value)) continue;
      ctx.report({
        range: settingKeyRange(model, build),
        message: `Service "${service.name}" is built privileged: every RUN step of its Dockerfile gets every capability and device of the builder's host.`,
        fixes: [{ title: 'Remove `privileged: true` from `build`', mechanical: true, edits: removeSettingEdits(model, build) }],
      });
    }
  },
});
