// Hover for security-relevant Kubernetes fields: the practice it serves, the safe value, and the
// Pod Security level it affects — shown even where there is no finding.

import { isMap, isPair, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { Position } from '../engine/types';
import type { KubernetesModel } from '../kubernetes/model';
import { pairKey } from '../engine/yaml';
import { checklistItemText } from '../engine/references';

interface FieldDoc {
  /** Parent key the field must sit under (undefined: anywhere). */
  parent?: string;
  text: string;
  safe: string;
  pss?: 'baseline' | 'restricted';
  checklist: string;
}

const FIELDS: Record<string, FieldDoc[]> = {
  securityContext: [{ text: 'Security settings of the pod (applied to every container, which may override them) or of one container.', safe: '`runAsNonRoot: true`, `allowPrivilegeEscalation: false`, `capabilities.drop: ["ALL"]`, `seccompProfile.type: RuntimeDefault`, `readOnlyRootFilesystem: true`', pss: 'restricted', checklist: 'D2.1' }],
  privileged: [{ parent: 'securityContext', text: 'A privileged container has every capability and all host devices: it is root on the node.', safe: 'absent or `false`', pss: 'baseline', checklist: 'D2.1' }],
  allowPrivilegeEscalation: [{ parent: 'securityContext', text: 'Whether a process can gain more privileges than its parent (setuid binaries, file capabilities).', safe: '`false`', pss: 'restricted', checklist: 'D2.1' }],
  runAsNonRoot: [{ parent: 'securityContext', text: 'The kubelet refuses to start the container if its user would be root (UID 0).', safe: '`true`', pss: 'restricted', checklist: 'D2.1' }],
  runAsUser: [{ parent: 'securityContext', text: 'The UID the container process runs as; overrides the image’s `USER`.', safe: 'a non-zero UID, e.g. `10001`', pss: 'restricted', checklist: 'D2.1' }],
  runAsGroup: [{ parent: 'securityContext', text: 'The primary GID of the container process.', safe: 'a non-zero GID', checklist: 'D2.1' }],
  readOnlyRootFilesystem: [{ parent: 'securityContext', text: 'Mounts the container’s root file system read-only, so an attacker cannot drop tools or modify binaries.', safe: '`true` (mount an `emptyDir` where the app must write)', checklist: 'D2.4' }],
  capabilities: [{ parent: 'securityContext', text: 'Linux capabilities added to or dropped from the container’s default set.', safe: '`drop: ["ALL"]`, and `add` at most `NET_BIND_SERVICE`', pss: 'restricted', checklist: 'D2.5' }],
  add: [{ parent: 'capabilities', text: 'Capabilities granted beyond the default set. `SYS_ADMIN`, `NET_ADMIN`, `SYS_PTRACE`, `SYS_MODULE` and `ALL` are near root.', safe: 'nothing, or `NET_BIND_SERVICE`', pss: 'baseline', checklist: 'D2.5' }],
  drop: [{ parent: 'capabilities', text: 'Capabilities removed from the default set.', safe: '`["ALL"]`', pss: 'restricted', checklist: 'D2.5' }],
  seccompProfile: [{ parent: 'securityContext', text: 'The seccomp filter that limits which system calls the container may make.', safe: '`type: RuntimeDefault` (or `Localhost`)', pss: 'restricted', checklist: 'D2.2' }],
  appArmorProfile: [{ parent: 'securityContext', text: 'The AppArmor profile confining the container.', safe: '`type: RuntimeDefault` or `Localhost`; never `Unconfined`', pss: 'baseline', checklist: 'D2.2' }],
  seLinuxOptions: [{ parent: 'securityContext', text: 'SELinux labels; a custom `type`, `user` or `role` can escape the container policy.', safe: 'unset, or only `level`', pss: 'baseline', checklist: 'D2.2' }],
  procMount: [{ parent: 'securityContext', text: '`Unmasked` exposes the host’s /proc paths that are normally masked.', safe: '`Default`', pss: 'baseline', checklist: 'D2.3' }],
  windowsOptions: [{ parent: 'securityContext', text: 'Windows settings; `hostProcess: true` runs the container as a process on the host.', safe: '`hostProcess` absent or `false`', pss: 'baseline', checklist: 'D2.1' }],
  sysctls: [{ parent: 'securityContext', text: 'Kernel parameters set for the pod; only namespaced, safe sysctls are allowed by Pod Security.', safe: 'only the safe set (e.g. `net.ipv4.ip_unprivileged_port_start`)', pss: 'baseline', checklist: 'D2.3' }],
  hostNetwork: [{ text: 'The pod uses the node’s network namespace: it sees every interface and can bind any host port.', safe: 'absent or `false`', pss: 'baseline', checklist: 'D2.3' }],
  hostPID: [{ text: 'The pod shares the node’s process namespace: it can see and signal every process on the node.', safe: 'absent or `false`', pss: 'baseline', checklist: 'D2.3' }],
  hostIPC: [{ text: 'The pod shares the node’s IPC namespace (shared memory of other processes).', safe: 'absent or `false`', pss: 'baseline', checklist: 'D2.3' }],
  hostUsers: [{ text: '`false` runs the pod in its own user namespace: root in the container is an unprivileged user on the node.', safe: '`false` where the runtime supports it', checklist: 'D2.3' }],
  hostPath: [{ text: 'Mounts a file or folder of the node into the pod: writes reach the node, and paths like `/`, `/etc` or the runtime socket give it away.', safe: 'avoid; use a PersistentVolumeClaim, `emptyDir`, `configMap` or `secret`', pss: 'baseline', checklist: 'D2.3' }],
  hostPort: [{ text: 'Publishes the container port on the node’s interfaces, bypassing Services and NetworkPolicies.', safe: 'absent (use a Service)', pss: 'baseline', checklist: 'D3.1' }],
  automountServiceAccountToken: [{ text: 'Whether the service-account token is mounted into the pod; a stolen token is an API credential.', safe: '`false` unless the pod calls the Kubernetes API', checklist: 'O1.1' }],
  serviceAccountName: [{ text: 'The identity the pod uses against the API server; the `default` account is shared by every pod of the namespace.', safe: 'a dedicated ServiceAccount with only the roles it needs', checklist: 'O1.1' }],
  readOnly: [{ parent: 'volumeMounts', text: 'Mounts the volume read-only in this container.', safe: '`true` for anything the container only reads (always for `hostPath`)', checklist: 'D2.4' }],
  image: [{ text: 'The container image. A moving tag (`latest`, none) changes what runs without a change here.', safe: 'a version tag, ideally with `@sha256:` digest, from a trusted registry', checklist: 'D1.2' }],
  resources: [{ text: 'CPU and memory requests and limits; without a memory limit one container can exhaust the node.', safe: 'requests for cpu and memory, a memory limit', checklist: 'O4.4' }],
  verbs: [{ parent: 'rules', text: 'Actions a Role grants. `*`, `escalate`, `bind`, `impersonate` and write verbs on RBAC objects allow privilege escalation.', safe: 'only what is needed, e.g. `get`, `list`, `watch`', checklist: 'O1.1' }],
  resources_rbac: [{ text: 'Resources a Role grants access to. `secrets`, `pods/exec`, `nodes/proxy` and `*` are sensitive.', safe: 'named resources, no wildcards', checklist: 'O1.1' }],
  apiGroups: [{ parent: 'rules', text: 'API groups a rule applies to; `*` covers every present and future API, CRDs included.', safe: 'named groups', checklist: 'O1.1' }],
  podSelector: [{ text: 'Pods this NetworkPolicy applies to; `{}` selects every pod of the namespace (a default-deny when there are no rules).', safe: 'a default-deny policy with `podSelector: {}`, plus narrow allow policies', checklist: 'D3.1' }],
  externalIPs: [{ parent: 'spec', text: 'External IPs of a Service; anyone who can create Services can intercept traffic to any IP (CVE-2020-8554).', safe: 'absent; restrict with an admission policy', checklist: 'D3.4' }],
  tls: [{ parent: 'spec', text: 'TLS for an Ingress: without it, traffic between clients and the ingress is plain text.', safe: 'a `tls` entry with a certificate secret for every host', checklist: 'D4.2' }],
};

const PSS_TEXT = { baseline: 'Pod Security: checked by the **baseline** (and restricted) profile.', restricted: 'Pod Security: checked by the **restricted** profile.' };

/** The chain of keys from the document root to the key under the cursor. */
function keyPathAt(node: unknown, offset: number, path: string[]): { path: string[]; pair?: Pair } | undefined {
  if (isMap(node)) {
    for (const item of node.items) {
      if (!isPair(item)) continue;
      const key = item.key as Node | null;
      const keyName = isPair(item) ? pairKey(item) : undefined;
      if (key && isScalar(key) && key.range && offset >= key.range[0] && offset <= key.range[1] && keyName !== undefined) {
        return { path: [...path, keyName], pair: item };
      }
      const value = item.value as Node | null;
      if (value && value.range && offset >= value.range[0] && offset <= value.range[1] && keyName !== undefined) {
        if (isScalar(value)) return { path: [...path, keyName], pair: item };
        return keyPathAt(value, offset, [...path, keyName]);
      }
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      const child = item as Node | null;
      if (child && child.range && offset >= child.range[0] && offset <= child.range[1]) return keyPathAt(child, offset, path);
    }
  }
  return undefined;
}

export function kubernetesHover(model: KubernetesModel, position: Position): string | undefined {
  const offset = model.source.offsetAt(position);
  const document = model.documents.find((doc) => offset >= doc.range[0] && offset <= doc.range[1]);
  if (!document?.root) return undefined;
  const found = keyPathAt(document.root, offset, []);
  if (!found) return undefined;
  const key = found.path[found.path.length - 1];
  const parent = found.path[found.path.length - 2];
  const isRbac = found.path.includes('rules') && key === 'resources';
  const candidates = isRbac ? FIELDS.resources_rbac : FIELDS[key];
  const doc = candidates?.find((candidate) => !candidate.parent || candidate.parent === parent);
  if (!doc) return undefined;
  const lines = [`**${key}** — ${doc.text}`, '', `Safe value: ${doc.safe}.`];
  if (doc.pss) lines.push('', PSS_TEXT[doc.pss]);
  const item = checklistItemText(doc.checklist);
  if (item) lines.push('', `Checklist ${doc.checklist}: ${item}`);
  return lines.join('\n');
}
