import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference, NIST_800_190, PSS } from '../../engine/references';
import { checkApplies, CIS_KUBERNETES, forEachPod, isSet, keyRangeOf, mapItems, seqAt, setting } from '../../kubernetes/pss';
import { getString } from '../../engine/yaml';

export default kubernetesRule({
  id: 'kubernetes/host-path-volume',
  title: 'hostPath volume',
  defaultSeverity: 'warning',
  fix: '-',
  checklist: ['D2.3'],
  pss: ['hostPathVolumes'],
  anchors: { trivy: ['KSV-0023'], polaris: ['hostPathSet'] },
  docs: {
    why: 'A `hostPath` volume mounts a directory of the node into the pod. It bypasses the storage abstraction, ties the pod to one node, and is a classic escape route: write access to `/etc`, `/var/lib/kubelet`, the container runtime socket or `/proc` of the node gives control of the node. Even read access leaks other pods\' data and credentials.',
    how: 'Use `emptyDir` for scratch space, a `persistentVolumeClaim` for data, `configMap`/`secret`/`projected` volumes for configuration, or a CSI driver for node-local storage. Node agents that need host files belong in a namespace with a `privileged` Pod Security level; mount only the exact path, read-only.',
    bad: 'volumes:\n- name: data\n  hostPath:\n    path: /var/lib/app',
    good: 'volumes:\n- name: data\n  persistentVolumeClaim:\n    claimName: app-data',
    references: [
      checklistReference('D2.3'),
      PSS('HostPath Volumes'),
      NIST_800_190('4.4.3', 'Insecure container runtime configurations'),
      CIS_KUBERNETES('5.2.12', 'Minimize the admission of HostPath volumes'),
    ],
  },
  check(model, ctx) {
    if (!checkApplies(ctx, 'baseline')) return;
    forEachPod(model, (pod) => {
      for (const { map } of mapItems(seqAt(pod.spec, 'volumes'))) {
        const hostPath = setting(map, 'hostPath');
        if (!hostPath || !isSet(hostPath)) continue;
        const path = getString(hostPath.node, 'path');
        const name = getString(map, 'name');
        ctx.report({
          range: keyRangeOf(model, hostPath.pair),
          message: `Volume${name ? ` "${name}"` : ''} mounts the node's ${path ? `\`${path}\`` : 'file system'} (hostPath): use emptyDir, a PVC, a ConfigMap/Secret or a CSI driver.`,
        });
      }
    });
  },
});
