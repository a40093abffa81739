import { describe, it } from 'node:test';
import { expectFindings } from '../../helpers';

const ID = 'kubernetes/restricted-volume-types';
const TEXT = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: x
spec:
  template:
    spec:
      containers: [{name: a, image: x}]
      volumes:
      - name: nfs
        ⟦nfs⟧: {server: 10.0.0.5, path: /exports}
      - name: git
        ⟦gitRepo⟧:
          repository: https://example.com/repo.git
      - name: host
        ⟦hostPath⟧: {path: /data}
      - name: default
      - name: ok1
        emptyDir: {}
      - name: ok2
        projected: {sources: []}
      - name: ok3
        ephemeral:
          volumeClaimTemplate: {spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}}
      - {name: ok4, csi: {driver: secrets-store.csi.k8s.io}}
`;

describe(ID, () => {
  it('reports volume types outside the restricted set at the key', () => {
    expectFindings(ID, 's.yaml', TEXT);
  });
  it('is silent at the baseline profile', () => {
    expectFindings(ID, 's.yaml', TEXT.replace(/[⟦⟧]/g, ''), { config: { kubernetes: { profile: 'baseline' } } });
  });
});
