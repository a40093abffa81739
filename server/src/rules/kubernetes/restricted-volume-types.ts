import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference, NIST_800_190, PSS } from '../../engine/references';
import { mapEntries } from '../../engine/yaml';
import { checkApplies, forEachPod, isSet, keyRangeOf, mapItems, seqAt, setting } from '../../kubernetes/pss';
import { getString } from '../../engine/yaml';

/** Volume sources the restricted profile allows. */
export const RESTRICTED_ALLOWED_VOLUMES = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret']);

/** Every other in-tree volume source (unknown keys are dropped by the API server and not judged). */
const OTHER_VOLUME_SOURCES = new Set([
  'hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'nfs', 'iscsi', 'glusterfs', 'rbd', 'flexVolume', 'cinder', 'cephfs',
  'flocker', 'fc', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'storageos',
]);

export default kubernetesRule({
  id: 'kubernetes/restricted-volume-types',
  title: 'Volume type outside the restricted set',
  defaultSeverity: 'warning',
  fix: '-',
  checklist: ['D2.3'],
  pss: ['restrictedVolumes'],
  anchors: { trivy: ['KSV-0028', 'KSV-0121'] },
  docs: {
    why: 'Volume types other than the core ones let a pod attach storage directly, without a PersistentVolume an administrator controls: network file systems and block devices by address (`nfs`, `iscsi`, `rbd`…), node paths (`hostPath`), driver binaries run on the node (`flexVolume`), or a Git checkout run by the kubelet (`gitRepo`, with known code-execution flaws). The restricted profile only allows `configMap`, `csi`, `downwardAPI`, `emptyDir`, `ephemeral`, `persistentVolumeClaim`, `projected` and `secret`.',
    how: 'Claim storage through a `persistentVolumeClaim` (an administrator provides the PersistentVolume or StorageClass for NFS, iSCSI, cloud disks…); use an init container instead of `gitRepo`; use `emptyDir` for scratch space.',
    bad: 'volumes:\n- name: shared\n  nfs:\n    server: 10.0.0.5\n    path: /exports',
    good: 'volumes:\n- name: shared\n  persistentVolumeClaim:\n    claimName: shared-data',
    references: [checklistReference('D2.3'), PSS('Volume Types'), NIST_800_190('4.4.3', 'Insecure container runtime configurations')],
  },
  check(model, ctx) {
    if (!checkApplies(ctx, 'restricted')) return;
    forEachPod(model, (pod) => {
      for (const { map } of mapItems(seqAt(pod.spec, 'volumes'))) {
        for (const entry of mapEntries(map)) {
          if (!OTHER_VOLUME_SOURCES.has(entry.key)) continue;
          const found = setting(map, entry.key);
          if (!found || !isSet(found)) continue;
          const name = getString(map, 'name');
          ctx.report({
            range: keyRangeOf(model, entry.pair),
            message: `Volume${name ? ` "${name}"` : ''} uses \`${entry.key}\`; the restricted profile allows only ${[...RESTRICTED_ALLOWED_VOLUMES].join(', ')}.`,
          });
        }
      }
    });
  },
});
