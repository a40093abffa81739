import { isScalar } from 'yaml';
import { composeRule, COMPOSE_REFERENCE } from '../../compose/rule';
import { getSetting, scalarText, settingValueRange } from '../../compose/model';
import { setScalarEdits } from '../../compose/edit';
import { interpolate } from '../../compose/variables';
import { checklistReference, CIS_DOCKER, NIST_800_190 } from '../../engine/references';

/** `root`, `0`, `root:<group>`, `0:<group>` (after variable defaults). */
export function isRootUser(text: string): boolean {
  const user = text.trim().split(':')[0].trim().toLowerCase();
  return user === 'root' || /^0+$/.test(user);
}

export default composeRule({
  id: 'compose/root-user',
  title: 'Service runs as root',
  defaultSeverity: 'warning',
  fix: 'S',
  checklist: ['D2.1'],
  anchors: { other: ['Semgrep service-runs-as-root'] },
  docs: {
    why: 'Root in a container is root on the host\'s kernel: with any capability, mount or kernel bug, it is a short way to the host, and it can read and change everything in the container. `user: root` (or `0`) explicitly undoes an image that was built to run unprivileged.',
    how: 'Remove `user: root` or set a non-root UID (and GID), e.g. `user: "1000:1000"`, and give that user ownership of the volumes it writes. Images whose entrypoint must start as root and then drop privileges (many official database images) can keep their default user instead of forcing root.',
    bad: 'services:\n  app:\n    image: node:22-alpine\n    user: root',
    good: 'services:\n  app:\n    image: node:22-alpine\n    user: "1000:1000"',
    references: [checklistReference('D2.1'), CIS_DOCKER('4.1', 'Ensure that a user for the container has been created'), NIST_800_190('4.4.3', 'Insecure container runtime configurations'), COMPOSE_REFERENCE('user')],
  },
  check(model, ctx) {
    for (const service of model.services) {
      const setting = getSetting(service, 'user');
      const raw = scalarText(setting?.value);
      if (!setting || raw === undefined) continue;
      const { value, unresolved } = interpolate(raw);
      if (unresolved || !isRootUser(value)) continue;
      const node = setting.value;
      ctx.report({
        range: settingValueRange(model, setting),
        message: `Service "${service.name}" runs as root (\`user: ${raw.trim()}\`): run it as a non-root UID.`,
        fixes: isScalar(node)
          ? [
              { title: 'Run as UID/GID 1000 (`user: "1000:1000"`)', mechanical: false, edits: setScalarEdits(model, node, '1000:1000') },
              { title: 'Run as nobody (`user: "65534:65534"`)', mechanical: false, edits: setScalarEdits(model, node, '65534:65534') },
            ]
          : [],
      });
    }
  },
});
