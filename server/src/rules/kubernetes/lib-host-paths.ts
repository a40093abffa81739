// Host paths that matter: container runtime sockets and sensitive host directories.

import { normalizeHostPath } from './lib-objects';

const SOCKET_FILES: Array<[RegExp, string]> = [
  [/(?:^|\/)docker\.sock$/, 'Docker'],
  [/(?:^|\/)dockershim\.sock$/, 'dockershim'],
  [/(?:^|\/)cri-dockerd\.sock$/, 'cri-dockerd'],
  [/(?:^|\/)containerd\.sock$/, 'containerd'],
  [/(?:^|\/)crio\.sock$/, 'CRI-O'],
  [/(?:^|\/)podman\.sock$/, 'Podman'],
];

/** Directories that hold a runtime socket (mounting the directory exposes the socket). */
const SOCKET_DIRECTORIES: Record<string, string> = {
  '/var/run/docker': 'Docker',
  '/run/docker': 'Docker',
  '/var/run/containerd': 'containerd',
  '/run/containerd': 'containerd',
  '/run/k3s/containerd': 'containerd',
  '/var/run/crio': 'CRI-O',
  '/run/crio': 'CRI-O',
  '/var/run/podman': 'Podman',
  '/run/podman': 'Podman',
};

/** The container runtime whose API socket a host path exposes, or undefined. */
export function runtimeSocket(path: string): string | undefined {
  const normalized = normalizeHostPath(path);
  for (const [pattern, runtime] of SOCKET_FILES) if (pattern.test(normalized)) return runtime;
  return SOCKET_DIRECTORIES[normalized];
}

/** Directories that are sensitive as a whole mount (their sub-directories are often fine, e.g. `/etc/localtime`). */
const SENSITIVE_EXACT: Record<string, string> = {
  '/': 'the whole host file system',
  '/etc': 'the host configuration (users, credentials, kubelet and SSH configuration)',
  '/proc': 'the host processes and kernel settings',
  '/sys': 'kernel and device settings of the host',
  '/dev': 'every device of the host',
  '/boot': 'the host kernel and boot loader',
  '/var/run': 'the host runtime sockets (Docker, containerd, kubelet)',
  '/run': 'the host runtime sockets (Docker, containerd, kubelet)',
  '/var': 'host state, including kubelet credentials and container data',
  '/var/lib': 'host state, including kubelet credentials and container data',
  '/usr': 'the host programs',
  '/bin': 'the host programs',
  '/sbin': 'the host programs',
  '/lib': 'the host libraries and kernel modules',
  '/lib64': 'the host libraries',
  '/home': "the host users' home directories",
};

/** Directories sensitive as a whole and in every part. */
const SENSITIVE_TREES: Array<[string, string]> = [
  ['/root', "the host root user's home (SSH keys, kubeconfig)"],
  ['/proc', 'the host processes and kernel settings'],
  ['/boot', 'the host kernel and boot loader'],
  ['/var/lib/kubelet', 'kubelet credentials and every pod volume on the node'],
  ['/etc/kubernetes', 'the cluster credentials and control-plane configuration'],
  ['/var/lib/etcd', 'the cluster database (every Secret)'],
  ['/var/lib/docker', 'the data of every container on the node'],
  ['/var/lib/containerd', 'the data of every container on the node'],
  ['/var/lib/containers', 'the data of every container on the node'],
  ['/etc/ssh', 'the host SSH configuration and keys'],
  ['/etc/shadow', 'the host password hashes'],
  ['/etc/gshadow', 'the host password hashes'],
  ['/etc/sudoers', 'the host sudo rules'],
  ['/etc/sudoers.d', 'the host sudo rules'],
  ['/etc/pki/private', 'host private keys'],
  ['/etc/ssl/private', 'host private keys'],
  ['/sys/kernel', 'kernel settings and debugging interfaces'],
  ['/sys/firmware', 'the host firmware'],
  ['/dev/mem', 'the host physical memory'],
  ['/dev/kmem', 'the host kernel memory'],
  ['/dev/port', 'the host I/O ports'],
];

/** What a sensitive host path exposes, or undefined when it is not sensitive. */
export function sensitiveHostPath(path: string): string | undefined {
  const normalized = normalizeHostPath(path);
  const exact = SENSITIVE_EXACT[normalized];
  if (exact) return exact;
  for (const [tree, what] of SENSITIVE_TREES) {
    if (normalized === tree || normalized.startsWith(tree + '/')) return what;
  }
  return undefined;
}
