// Host paths that matter for mounts: container runtime sockets and sensitive host directories.

/** Normalises a host path for comparison: `\` → `/`, no trailing `/`, no `/./`, `//` collapsed (not a leading `//./pipe`). */
export function normalizeHostPath(path: string): string {
  let p = path.trim().replace(/\\/g, '/');
  if (p.startsWith('//./pipe/') || p.startsWith('//.//pipe/')) return p.toLowerCase();
  p = p.replace(/\/{2,}/g, '/').replace(/\/\.(?=\/|$)/g, '');
  // `(?<!\/)`: only the first slash of a run starts a match (`/\/+$/` alone is quadratic on `////…x`).
  if (p.length > 1) p = p.replace(/(?<!\/)\/+$/, '');
  return p === '' ? '/' : p;
}

const SOCKET_NAMES = /(?:^|\/)(?:docker|containerd|crio|cri-dockerd|podman|dockershim)\.sock$/;
const SOCKET_DIRS = /^\/(?:var\/)?run\/(?:containerd|crio|podman|docker|user\/\d+(?:\/docker|\/podman)?)(?:\/|$)/;

/** The Docker, containerd, CRI-O or Podman API socket (Linux paths, rootless paths, Windows pipes). */
export function isRuntimeSocket(path: string): boolean {
  const p = normalizeHostPath(path);
  if (p.startsWith('//./pipe/')) return /^\/\/\.\/pipe\/(?:docker_engine|dockerdesktoplinuxengine|containerd-containerd|podman)/i.test(p);
  if (SOCKET_NAMES.test(p)) return true;
  // `/run/containerd/containerd.sock.ttrpc`, `/var/run/docker/containerd/containerd.sock`.
  return SOCKET_DIRS.test(p) && /\.sock(?:\.ttrpc)?$/.test(p);
}

/** The directory holds the runtime socket (`/var/run`, `/run/containerd`…: mounting it mounts the socket). */
export function isRuntimeSocketDirectory(path: string): boolean {
  const p = normalizeHostPath(path);
  return /^\/(?:var\/)?run(?:\/(?:containerd|crio|podman|docker))?$/.test(p);
}

/** Directories that are sensitive only as a whole (their files such as `/etc/localtime` are fine). */
const SENSITIVE_EXACT = new Set(['/', '/etc', '/var', '/usr', '/lib', '/lib64', '/bin', '/sbin', '/home', '/opt', '/var/lib', '/var/log', '/srv', '/mnt', '/media']);
/** Directories that are sensitive with everything under them. */
const SENSITIVE_TREES = [
  '/proc', '/sys', '/dev', '/boot', '/root', '/run', '/var/run',
  '/var/lib/docker', '/var/lib/containerd', '/var/lib/kubelet', '/var/lib/containers', '/var/lib/rancher', '/var/lib/etcd',
  '/etc/kubernetes', '/etc/docker', '/etc/containerd', '/etc/ssh', '/etc/sudoers', '/etc/sudoers.d', '/etc/shadow', '/etc/gshadow',
  '/etc/pam.d', '/etc/systemd', '/etc/cron.d', '/etc/crontab', '/etc/rancher', '/lib/modules', '/usr/lib/modules', '/lib/systemd',
];
/** Harmless files under sensitive trees (the syslog socket, the null and random devices). */
const HARMLESS = new Set(['/dev/log', '/dev/null', '/dev/zero', '/dev/random', '/dev/urandom', '/dev/full']);
/** Credentials in a user's home folder. */
const HOME_SECRETS = /^(?:~|\$HOME|\$\{HOME\}|\/home\/[^/]+|\/root|\/Users\/[^/]+)\/\.(?:ssh|aws|kube|docker|gnupg|azure|config\/gcloud|git-credentials|netrc|npmrc|pypirc)(?:\/|$)/;

/** Why a host path is sensitive to mount, or undefined when it is not. */
export function sensitiveHostPath(path: string): string | undefined {
  const raw = path.trim();
  if (HOME_SECRETS.test(raw.replace(/\\/g, '/'))) return 'credentials from a home folder';
  const p = normalizeHostPath(raw);
  if (!p.startsWith('/') || p.startsWith('//./pipe/') || HARMLESS.has(p)) return undefined;
  if (SENSITIVE_EXACT.has(p)) return p === '/' ? "the host's root file system" : `the host's ${p} directory`;
  for (const tree of SENSITIVE_TREES) {
    if (p === tree || p.startsWith(tree + '/')) return p === tree ? `the host's ${tree} directory` : `a path under the host's ${tree}`;
  }
  return undefined;
}
