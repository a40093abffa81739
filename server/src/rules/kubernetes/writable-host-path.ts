import { isScalar } from 'yaml';
import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference, CIS_DOCKER } from '../../engine/references';
import { keyRange, nodeStart, resolveNode } from '../../engine/yaml';
import { insertMapEntries, setScalar } from '../../engine/yaml-edit';
import { allPods, containerLabel, isTemplated } from '../../kubernetes/model';
import { runtimeSocket } from './lib-host-paths';
import { capitalize, hostPathVolumes, KUBERNETES_DOCS, rangeOf, volumeMounts } from './lib-objects';

/** hostPath types for which a read-only mount protects nothing (a socket or a device is used, not written). */
const NOT_FILES = new Set(['Socket', 'CharDevice', 'BlockDevice']);

export default kubernetesRule({
  id: 'kubernetes/writable-host-path',
  title: 'hostPath mounted writable',
  defaultSeverity: 'warning',
  fix: 'M',
  checklist: ['D2.4'],
  anchors: { kubeLinter: ['writable-host-mount'] },
  docs: {
    why: "A writable `hostPath` mount lets the container change files on the node itself: plant binaries or cron jobs, tamper with other pods' data or logs, fill the node's disk. Unlike the container's own file system, these changes outlive the pod.",
    how: 'Add `readOnly: true` to the `volumeMounts` entry when the container only reads the host files; when it must write, narrow the path to a dedicated directory and prefer a PersistentVolume or emptyDir.',
    bad: 'volumeMounts:\n  - name: varlog\n    mountPath: /var/log',
    good: 'volumeMounts:\n  - name: varlog\n    mountPath: /var/log\n    readOnly: true',
    references: [checklistReference('D2.4'), CIS_DOCKER('5.5', 'Ensure sensitive host system directories are not mounted on containers'), KUBERNETES_DOCS('Volumes — hostPath', 'concepts/storage/volumes/#hostpath')],
  },
  check(model, ctx) {
    for (const pod of allPods(model)) {
      const hostVolumes = new Map<string, string>();
      for (const volume of hostPathVolumes(pod)) {
        if (volume.name === undefined || runtimeSocket(volume.path)) continue; // sockets: kubernetes/docker-socket-mount
        if (volume.type !== undefined && NOT_FILES.has(volume.type)) continue;
        hostVolumes.set(volume.name, volume.path);
      }
      if (hostVolumes.size === 0) continue;
      for (const container of pod.containers) {
        for (const mount of volumeMounts(container)) {
          if (mount.name === undefined) continue;
          const path = hostVolumes.get(mount.name);
          if (path === undefined) continue;
          const readOnly = resolveNode(mount.readOnlyPair?.value);
          if (isScalar(readOnly) && readOnly.value === true) continue;
          if (isTemplated(readOnly)) continue;
          const message = `${capitalize(containerLabel(container))} mounts host path \`${path}\` writable: add \`readOnly: true\` unless it must change files on the node.`;
          if (isScalar(readOnly) && readOnly.value !== null && readOnly.range) {
            ctx.report({ range: rangeOf(model, readOnly), message, fixes: [{ title: 'Mount it read-only (readOnly: true)', mechanical: true, edits: [setScalar(model.source, readOnly, true)] }] });
            continue;
          }
          if (pod.object.partial) continue;
          const edits = insertMapEntries(model.source, mount.map, [{ key: 'readOnly', value: true }]);
          const range = mount.nameKey ? keyRange(model.source, mount.nameKey) : model.source.rangeAt(nodeStart(mount.map), nodeStart(mount.map));
          ctx.report({ range, message, fixes: edits.length > 0 ? [{ title: 'Mount it read-only (readOnly: true)', mechanical: true, edits }] : [] });
        }
      }
    }
  },
});
