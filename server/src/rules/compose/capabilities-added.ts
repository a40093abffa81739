import { isScalar } from 'yaml';
import { composeRule, COMPOSE_REFERENCE } from '../../compose/rule';
import { nodeRange, scalarText, sequenceItems, settingLayers } from '../../compose/model';
import { removeSequenceItemEdits } from '../../compose/edit';
import { interpolate } from '../../compose/variables';
import { checklistReference, CIS_DOCKER, NIST_800_190 } from '../../engine/references';

/** Capabilities that break isolation or reach the kernel, the network stack or other processes. */
const DANGEROUS: Record<string, string> = {
  ALL: 'every capability',
  SYS_ADMIN: 'mounts, namespaces and much of the kernel ("the new root")',
  NET_ADMIN: 'network configuration: interfaces, routes, firewall rules, sniffing',
  SYS_PTRACE: 'tracing and reading the memory of other processes',
  SYS_MODULE: 'loading kernel modules',
  NET_RAW: 'raw sockets: packet spoofing and ARP/DNS poisoning of neighbours',
  SYS_RAWIO: 'raw I/O on devices and memory',
  SYS_BOOT: 'rebooting the host',
  SYS_TIME: "setting the host's clock",
  DAC_READ_SEARCH: 'reading any file (open_by_handle_at container escape)',
  BPF: 'loading eBPF programs into the kernel',
  PERFMON: 'kernel performance monitoring',
  MAC_ADMIN: 'changing the AppArmor/SELinux/Smack policy',
  MAC_OVERRIDE: 'overriding mandatory access control',
  SYSLOG: 'reading and clearing the kernel log',
  LINUX_IMMUTABLE: 'changing immutable files',
  SYS_RESOURCE: 'exceeding resource limits',
  AUDIT_CONTROL: 'changing the kernel audit rules',
  BLOCK_SUSPEND: 'blocking system suspend',
  WAKE_ALARM: 'waking the system',
};

export function capabilityName(text: string): string {
  return interpolate(text).value.trim().toUpperCase().replace(/^CAP_/, '');
}

export default composeRule({
  id: 'compose/capabilities-added',
  title: 'Dangerous capability added',
  defaultSeverity: 'warning',
  fix: 'M',
  checklist: ['D2.5'],
  anchors: { kics: ['Container Capabilities Unrestricted'] },
  docs: {
    why: 'Capabilities split root\'s power into pieces; some pieces are nearly all of it. `SYS_ADMIN` allows mounts and namespace changes that lead to container escapes, `NET_ADMIN` and `NET_RAW` let the container reconfigure or spy on networks, `SYS_PTRACE` reads other processes\' memory, `SYS_MODULE` loads kernel code, and `ALL` grants everything.',
    how: 'Remove the capability and find the narrower one the program really needs (`NET_BIND_SERVICE` to bind ports below 1024, `CHOWN`/`SETUID`/`SETGID` for entrypoints that drop privileges). Start from `cap_drop: [ALL]` and add back only those.',
    bad: 'services:\n  app:\n    image: nginx:1.27\n    cap_add:\n      - SYS_ADMIN',
    good: 'services:\n  app:\n    image: nginx:1.27\n    cap_drop: [ALL]\n    cap_add: [NET_BIND_SERVICE]',
    references: [checklistReference('D2.5'), CIS_DOCKER('5.3', 'Ensure that Linux kernel capabilities are restricted within containers'), NIST_800_190('4.4.3', 'Insecure container runtime configurations'), COMPOSE_REFERENCE('cap_add')],
  },
  check(model, ctx) {
    for (const service of model.services) {
      for (const setting of settingLayers(service, 'cap_add')) {
        for (const { node, index, seq } of sequenceItems(setting.value)) {
          if (!isScalar(node)) continue;
          const name = capabilityName(scalarText(node) ?? '');
          const what = DANGEROUS[name];
          if (!what) continue;
          ctx.report({
            range: nodeRange(model.source, node),
            message: `Service "${service.name}" adds \`${name}\`: ${what}. Add only the narrow capability it needs.`,
            fixes: [{ title: `Remove \`${scalarText(node)}\` from cap_add`, mechanical: true, edits: removeSequenceItemEdits(model, setting, seq, index) }],
          });
        }
      }
    }
  },
});
