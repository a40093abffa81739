import { describe, it } from 'node:test';
import { expectFindings } from '../../helpers';

const ID = 'kubernetes/host-path-volume';

describe(ID, () => {
  it('reports hostPath volumes at the key', () => {
    expectFindings(ID, 'd.yaml', `apiVersion: apps/v1
kind: Deployment
metadata:
  name: x
spec:
  template:
    spec:
      containers:
      - name: app
        image: app:1
      volumes:
      - name: logs
        ⟦hostPath⟧:
          path: /var/log
      - name: tmp
        emptyDir: {}
      - {name: sock, ⟦hostPath⟧: {path: /run/containerd/containerd.sock}}
`, { config: { kubernetes: { profile: 'baseline' } } });
  });
  it('stays silent for other volumes and for PersistentVolumes (not pods)', () => {
    expectFindings(ID, 'pv.yaml', 'apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: local\nspec:\n  capacity: {storage: 1Gi}\n  hostPath:\n    path: /mnt/data\n');
    expectFindings(ID, 'p.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers: [{name: a, image: x}]\n  volumes:\n  - name: c\n    configMap: {name: c}\n  - name: h\n    hostPath:\n');
  });
});
