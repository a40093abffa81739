import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference, CIS_DOCKER, NIST_800_190, PSS } from '../../engine/references';
import { allPods } from '../../kubernetes/model';
import { runtimeSocket, sensitiveHostPath } from './lib-host-paths';
import { hostPathVolumes, KUBERNETES_DOCS, rangeOf } from './lib-objects';

export default kubernetesRule({
  id: 'kubernetes/sensitive-host-path',
  title: 'Sensitive host directory mounted',
  defaultSeverity: 'error',
  fix: '-',
  checklist: ['D2.3'],
  anchors: { kubeLinter: ['sensitive-host-mounts'] },
  docs: {
    why: 'Host directories such as `/`, `/etc`, `/proc`, `/var/run` or `/var/lib/kubelet` hold the node\'s credentials, its kernel interfaces and the data of every other pod. A container that mounts them can read other workloads\' secrets or, when writable, change the node — escaping the container boundary altogether.',
    how: 'Mount only the narrow path the workload needs (for example `/var/log/pods` for a log shipper, `/etc/localtime` for the time zone), read-only. Prefer Kubernetes volumes (ConfigMap, Secret, emptyDir, CSI) over `hostPath`.',
    bad: 'volumes:\n  - name: host\n    hostPath:\n      path: /etc',
    good: 'volumes:\n  - name: tz\n    hostPath:\n      path: /etc/localtime\n      type: File',
    references: [checklistReference('D2.3'), CIS_DOCKER('5.5', 'Ensure sensitive host system directories are not mounted on containers'), NIST_800_190('4.4.3', 'Insecure container runtime configurations'), PSS('HostPath Volumes'), KUBERNETES_DOCS('Volumes — hostPath', 'concepts/storage/volumes/#hostpath')],
  },
  check(model, ctx) {
    for (const pod of allPods(model)) {
      for (const volume of hostPathVolumes(pod)) {
        if (runtimeSocket(volume.path)) continue; // kubernetes/docker-socket-mount reports it
        const what = sensitiveHostPath(volume.path);
        if (!what) continue;
        ctx.report({ range: rangeOf(model, volume.pathNode), message: `Host path \`${volume.path}\` exposes ${what} to the pod.` });
      }
    }
  },
});
