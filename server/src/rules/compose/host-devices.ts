import { composeRule, COMPOSE_REFERENCE } from '../../compose/rule';
import { deviceEntries } from '../../compose/values';
import { nodeRange, resolvedText, sequenceItems, settingLayers } from '../../compose/model';
import { checklistReference, CIS_DOCKER, NIST_800_190 } from '../../engine/references';

export default composeRule({
  id: 'compose/host-devices',
  title: 'Host device mapped',
  defaultSeverity: 'warning',
  fix: '-',
  checklist: ['D2.3'],
  anchors: {},
  docs: {
    why: 'A host device in the container is direct access to hardware and kernel drivers, outside the container\'s isolation: a disk (`/dev/sda`) can be read or rewritten, `/dev/mem` and `/dev/kmsg` reach the kernel, and driver bugs become host exploits. Device access also survives `cap_drop` because it is granted through the device cgroup; a `device_cgroup_rules` entry with a wildcard major number (`a *:* rwm`) opens every device of that type.',
    how: 'Map only the single device the service needs (e.g. one `/dev/dri/renderD128` for hardware transcoding, not all of `/dev`), with the least permissions (`:r` instead of the default `rwm`), and keep such services separate from the ones exposed to the network.',
    bad: 'services:\n  app:\n    image: alpine:3.20\n    devices:\n      - /dev/sda:/dev/sda',
    good: 'services:\n  transcoder:\n    image: jellyfin/jellyfin:10.9.11\n    devices:\n      - /dev/dri/renderD128:/dev/dri/renderD128',
    references: [checklistReference('D2.3'), CIS_DOCKER('5.17', 'Ensure that host devices are not directly exposed to containers'), NIST_800_190('4.4.3', 'Insecure container runtime configurations'), COMPOSE_REFERENCE('devices')],
  },
  check(model, ctx) {
    for (const service of model.services) {
      for (const device of deviceEntries(model, service)) {
        if (!device.hostPath.startsWith('/')) continue; // CDI names (`vendor.com/gpu=all`) and unresolved variables
        ctx.report({ range: device.range, message: `Service "${service.name}" gets the host device \`${device.hostPath}\`: access to hardware and drivers outside the container's isolation.` });
      }
      // `device_cgroup_rules` with a wildcard major number (`a *:* rwm`, `c *:* rwm`) lets the container
      // create and use any such device node (CAP_MKNOD is a default capability): disks, /dev/mem.
      for (const setting of settingLayers(service, 'device_cgroup_rules')) {
        for (const { node } of sequenceItems(setting.value)) {
          const rule = resolvedText(node)?.trim() ?? '';
          const match = /^([abc])(?:\s+([^\s:]+):\S+)?(?:\s+([rwm]+))?$/.exec(rule);
          if (!match || (match[2] !== undefined && match[2] !== '*') || (match[3] !== undefined && !/[rw]/.test(match[3]))) continue;
          const what = match[1] === 'b' ? 'every block device (the host disks)' : match[1] === 'c' ? 'every character device (including /dev/mem)' : 'every host device';
          ctx.report({ range: nodeRange(model.source, node), message: `Service "${service.name}" allows ${what} through \`device_cgroup_rules\`: allow only the major:minor numbers it needs.` });
        }
      }
    }
  },
});
