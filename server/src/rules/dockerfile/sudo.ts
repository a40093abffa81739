import { dockerfileRule } from '../../dockerfile/rule';
import { removeWordEdit, shellCommands, wordRange } from '../../dockerfile/helpers';
import { checklistReference, CIS_DOCKER, NIST_800_190 } from '../../engine/references';

export default dockerfileRule({
  id: 'dockerfile/sudo',
  title: 'sudo in RUN',
  defaultSeverity: 'warning',
  fix: 'M',
  checklist: ['D2.1'],
  anchors: { hadolint: ['DL3004'], trivy: ['DS-0010'], checkov: ['CKV2_DOCKER_1'] },
  docs: {
    why:
      'Build steps already run as the current `USER`. Using `sudo` means the image ships sudo and a sudoers setup, which lets any process in the container regain root, and its TTY and PAM behaviour makes builds unpredictable.',
    how: 'Drop `sudo`. Run the privileged steps before switching with `USER`, or switch back with `USER root` for that step and then to the unprivileged user again.',
    bad: 'USER app\nRUN sudo apt-get update',
    good: 'RUN apt-get update && apt-get install -y --no-install-recommends curl\nUSER app',
    references: [checklistReference('D2.1'), CIS_DOCKER('4.1', 'Ensure that a user for the container has been created'), NIST_800_190('4.3.1', 'Unbounded administrative access')],
  },
  check(model, ctx) {
    for (const { run, command } of shellCommands(model)) {
      for (let i = 0; i < command.programIndex; i++) {
        const word = command.words[i];
        if (word.value !== 'sudo' && !word.value.endsWith('/sudo')) continue;
        ctx.report({
          range: wordRange(model, run, word),
          message: '`sudo` in a build step: run privileged steps as root before `USER`, without sudo.',
          fixes: [{ title: 'Remove `sudo`', mechanical: true, edits: [removeWordEdit(model, run, word)] }],
        });
      }
      if (command.programIndex >= 0 && command.words[command.programIndex].value === 'sudo') {
        // `sudo` alone (e.g. `sudo -i`): program is sudo itself.
        const word = command.words[command.programIndex];
        ctx.report({ range: wordRange(model, run, word), message: '`sudo` in a build step: run privileged steps as root before `USER`, without sudo.' });
      }
    }
  },
});
