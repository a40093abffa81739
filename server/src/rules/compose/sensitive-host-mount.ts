import { composeRule, COMPOSE_REFERENCE } from '../../compose/rule';
import { volumeEntries } from '../../compose/values';
import { isRuntimeSocket, isRuntimeSocketDirectory, sensitiveHostPath } from '../../compose/paths';
import { checklistReference, CIS_DOCKER, NIST_800_190 } from '../../engine/references';

export default composeRule({
  id: 'compose/sensitive-host-mount',
  title: 'Sensitive host directory mounted',
  defaultSeverity: 'warning',
  fix: '-',
  checklist: ['D2.3'],
  anchors: { kics: ['Sensitive Host Directory Mounted'] },
  docs: {
    why: 'A bind mount of a system directory gives the container the host\'s configuration, credentials and kernel interfaces: `/etc` holds password hashes and service configuration, `/proc` and `/sys` reach the kernel, `/dev` the disks, `/root` and `~/.ssh` keys. Written to, these mounts are a direct path to the host; even read-only they leak secrets.',
    how: 'Mount only the single file or application folder the service needs (e.g. `/etc/localtime:/etc/localtime:ro`), read-only, or use a named volume. Agents that truly need host views (node exporters, cAdvisor) should mount them read-only and be the only services that do.',
    bad: 'services:\n  app:\n    image: alpine:3.20\n    volumes:\n      - /etc:/host-etc',
    good: 'services:\n  app:\n    image: alpine:3.20\n    volumes:\n      - /etc/localtime:/etc/localtime:ro\n      - app-data:/data',
    references: [checklistReference('D2.3'), CIS_DOCKER('5.5', 'Ensure sensitive host system directories are not mounted on containers'), NIST_800_190('4.5.5', 'Host OS file system tampering'), COMPOSE_REFERENCE('volumes')],
  },
  check(model, ctx) {
    for (const service of model.services) {
      for (const volume of volumeEntries(model, service)) {
        const hostPath = volume.type === 'bind' ? volume.source : volume.boundDevice;
        if (hostPath === undefined) continue;
        // A path from a variable is unknown, except `$HOME/.ssh`-like paths whose variable part is the home folder.
        if (volume.unresolved && !/^(?:\$HOME|\$\{HOME\})\//.test(hostPath)) continue;
        if (isRuntimeSocket(hostPath) || isRuntimeSocketDirectory(hostPath)) continue; // compose/docker-socket-mount
        const why = sensitiveHostPath(hostPath);
        if (!why) continue;
        ctx.report({
          range: volume.sourceRange,
          message: `Service "${service.name}" mounts ${why} (\`${hostPath}\`)${volume.readOnly ? ' read-only' : ' writable'}: mount only the files it needs.`,
        });
      }
    }
  },
});
