import { composeRule, COMPOSE_REFERENCE } from '../../compose/rule';
import { getSetting, resolvedText, settingValueRange } from '../../compose/model';
import { removeSettingEdits } from '../../compose/edit';
import { checklistReference, CIS_DOCKER, NIST_800_190 } from '../../engine/references';

/** Service keys that share a host namespace with the value `host`, and what that shares. */
const NAMESPACES: Array<[key: string, what: string]> = [
  ['network_mode', "the host's network stack (every host interface and port, localhost services)"],
  ['pid', "the host's processes (they can be seen, signalled and ptraced)"],
  ['ipc', "the host's shared memory and IPC objects"],
  ['userns_mode', "the host's user namespace (user namespace remapping is turned off)"],
  ['uts', "the host's hostname and domain name"],
  ['cgroup', "the host's cgroup namespace"],
];

export default composeRule({
  id: 'compose/host-namespace',
  title: 'Host namespace shared',
  defaultSeverity: 'error',
  fix: 'M',
  checklist: ['D2.3'],
  anchors: { kics: ['Host Namespace is Shared', 'Network_Mode Host Mode', 'Shared Host IPC Namespace', 'Shared Host User Namespace', 'Shared Host Network Namespace'] },
  docs: {
    why: 'Namespaces are what separates a container from the host. `network_mode: host` exposes every host interface and lets the container reach services bound to the host\'s localhost; `pid: host` lets it see and signal (or ptrace) host processes; `ipc: host` shares host shared memory; `userns_mode: host` disables user-namespace remapping; `uts: host` lets it change the host name.',
    how: 'Remove the setting. Publish the ports the service needs with `ports:` and connect services through Compose networks; share a namespace with one other service (`network_mode: "service:db"`) when two containers must really share one.',
    bad: 'services:\n  app:\n    image: nginx:1.27\n    network_mode: host\n    pid: host',
    good: 'services:\n  app:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:8080:80"',
    references: [
      checklistReference('D2.3'),
      CIS_DOCKER('5.9', "Ensure that the host's network namespace is not shared"),
      CIS_DOCKER('5.15', "Ensure that the host's process namespace is not shared"),
      CIS_DOCKER('5.16', "Ensure that the host's IPC namespace is not shared"),
      CIS_DOCKER('5.20', "Ensure that the host's UTS namespace is not shared"),
      CIS_DOCKER('5.30', "Ensure that the host's user namespaces are not shared"),
      NIST_800_190('4.4.3', 'Insecure container runtime configurations'),
      COMPOSE_REFERENCE('network_mode'),
    ],
  },
  check(model, ctx) {
    for (const service of model.services) {
      for (const [key, what] of NAMESPACES) {
        const setting = getSetting(service, key);
        if (!setting || resolvedText(setting.value)?.trim().toLowerCase() !== 'host') continue;
        ctx.report({
          range: settingValueRange(model, setting),
          message: `\`${key}: host\`: service "${service.name}" shares ${what}.`,
          fixes: [{ title: `Remove \`${key}: host\``, mechanical: true, edits: removeSettingEdits(model, setting) }],
        });
      }
    }
  },
});
