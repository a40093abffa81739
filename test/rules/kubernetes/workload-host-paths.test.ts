import { describe, it } from 'node:test';
import { assertFixRoundTrip, expectFindings } from '../../helpers';

const daemonSet = (mounts: string, volumes: string): string => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  template:
    spec:
      containers:
        - name: agent
          image: registry.example.com/agent:1.0.0
          volumeMounts:
${mounts}      volumes:
${volumes}`;

describe('kubernetes/docker-socket-mount', () => {
  const RULE = 'kubernetes/docker-socket-mount';
  it('reports runtime sockets and their directories', () => {
    expectFindings(
      RULE,
      'ds.yaml',
      daemonSet(
        '            - {name: docker, mountPath: /var/run/docker.sock}\n',
        `        - name: docker
          hostPath:
            path: ⟦/var/run/docker.sock⟧
        - name: containerd
          hostPath: {path: ⟦/run/containerd/containerd.sock⟧, type: Socket}
        - name: crio
          hostPath:
            path: ⟦"/var/run/crio/"⟧
`,
      ),
    );
  });
  it('stays silent for other host paths', () => {
    expectFindings(RULE, 'ds.yaml', daemonSet('            - {name: logs, mountPath: /var/log, readOnly: true}\n', '        - name: logs\n          hostPath:\n            path: /var/log\n'));
  });
});

describe('kubernetes/sensitive-host-path', () => {
  const RULE = 'kubernetes/sensitive-host-path';
  it('reports sensitive host directories', () => {
    expectFindings(
      RULE,
      'ds.yaml',
      daemonSet(
        '',
        `        - name: root
          hostPath: {path: ⟦/⟧}
        - name: etc
          hostPath: {path: ⟦/etc/⟧}
        - name: kubelet
          hostPath: {path: ⟦/var/lib/kubelet/pods⟧}
        - name: proc
          hostPath: {path: ⟦/proc⟧}
        - name: ssh
          hostPath: {path: ⟦/root/.ssh⟧}
        - name: run
          hostPath: {path: ⟦/var/run⟧}
`,
      ),
    );
  });
  it('stays silent for narrow, common mounts (and sockets, reported by docker-socket-mount)', () => {
    expectFindings(
      RULE,
      'ds.yaml',
      daemonSet(
        '',
        `        - name: tz
          hostPath: {path: /etc/localtime, type: File}
        - name: certs
          hostPath: {path: /etc/ssl/certs}
        - name: pods
          hostPath: {path: /var/log/pods}
        - name: cgroup
          hostPath: {path: /sys/fs/cgroup}
        - name: docker
          hostPath: {path: /var/run/docker.sock}
        - name: data
          hostPath: {path: /mnt/data}
`,
      ),
    );
  });
});

describe('kubernetes/writable-host-path', () => {
  const RULE = 'kubernetes/writable-host-path';
  it('reports hostPath mounts without readOnly: true', () => {
    expectFindings(
      RULE,
      'ds.yaml',
      daemonSet(
        `            - ⟦name⟧: logs
              mountPath: /var/log
            - name: data
              mountPath: /data
              readOnly: ⟦false⟧
            - name: certs
              mountPath: /etc/ssl/certs
              readOnly: true
            - name: cache
              mountPath: /cache
`,
        `        - name: logs
          hostPath: {path: /var/log}
        - name: data
          hostPath: {path: /mnt/data}
        - name: certs
          hostPath: {path: /etc/ssl/certs}
        - name: cache
          emptyDir: {}
`,
      ),
    );
  });
  it('stays silent for sockets and devices (read-only protects nothing there)', () => {
    expectFindings(
      RULE,
      'ds.yaml',
      daemonSet('            - {name: docker, mountPath: /var/run/docker.sock}\n            - {name: fuse, mountPath: /dev/fuse}\n', '        - name: docker\n          hostPath: {path: /var/run/docker.sock}\n        - name: fuse\n          hostPath: {path: /dev/fuse, type: CharDevice}\n'),
    );
  });
  it('fix adds readOnly: true to the mount (block and flow)', () => {
    const volumes = '        - name: logs\n          hostPath: {path: /var/log}\n';
    assertFixRoundTrip(RULE, 'ds.yaml', daemonSet('            - name: logs\n              mountPath: /var/log\n', volumes), daemonSet('            - name: logs\n              mountPath: /var/log\n              readOnly: true\n', volumes));
    assertFixRoundTrip(RULE, 'ds.yaml', daemonSet('            - {name: logs, mountPath: /var/log}\n', volumes), daemonSet('            - {name: logs, mountPath: /var/log, readOnly: true}\n', volumes));
    assertFixRoundTrip(RULE, 'ds.yaml', daemonSet('            - name: logs\n              mountPath: /var/log\n              readOnly: false\n', volumes), daemonSet('            - name: logs\n              mountPath: /var/log\n              readOnly: true\n', volumes));
  });
});

describe('kubernetes/ssh-port', () => {
  const RULE = 'kubernetes/ssh-port';
  it('reports container port 22', () => {
    expectFindings(RULE, 'pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: nginx:1.27\n      ports:\n        - containerPort: 8080\n        - containerPort: ⟦22⟧\n          name: ssh\n        - {containerPort: ⟦22⟧, protocol: TCP}\n');
  });
  it('stays silent for other ports and UDP 22', () => {
    expectFindings(RULE, 'pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: nginx:1.27\n      ports:\n        - containerPort: 2222\n        - containerPort: 22\n          protocol: UDP\n        - containerPort: 8022\n');
  });
});
