// Inputs that Trivy (KSV) and Checkov (CKV_K8S) judge in their own test suites, rewritten here
// where Lashing's catalogue agrees. Deliberate differences are asserted too, so a change is visible.
import { describe, it } from 'node:test';
import { expectFindings } from '../../helpers';

const pod = (spec: string): string => `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
${spec}`;

const role = (rules: string, kind = 'ClusterRole'): string => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata:
  name: r
  namespace: team
rules:
${rules}`;

describe('images as the other tools judge them', () => {
  it('a registry with a port is not a tag; a tag and a digest together pin the image', () => {
    const images = pod(`  containers:
  - name: kafka
    image: registry.example.com:4567/streaming/kafka:3.7.0
  - name: cache
    image: ⟦registry.example.com:5000/cache⟧
  - name: pinned
    image: nginx:latest@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31
  ephemeralContainers:
  - name: debug
    image: busybox:⟦latest⟧
`);
    expectFindings('kubernetes/image-unpinned-tag', 'pod.yaml', images);
  });
});

describe('host paths as the other tools judge them', () => {
  it('reports the Docker socket whatever the spelling of its path or its type', () => {
    expectFindings('kubernetes/docker-socket-mount', 'pod.yaml', pod(`  containers:
  - name: agent
    image: agent:1.0
  volumes:
  - name: a
    hostPath: {path: ⟦/var/run/docker.sock/⟧}
  - name: b
    hostPath:
      path: ⟦/var/run/docker.sock⟧
      type: Socket
  - name: c
    hostPath: {path: /var/lib/docker-data}
`));
  });
  it('reports each host directory Trivy KSV-0121 disallows, and not a sibling directory', () => {
    for (const path of ['/', '/boot', '/dev', '/etc', '/lib', '/proc', '/sys', '/usr', '/var/lib/docker']) {
      expectFindings('kubernetes/sensitive-host-path', 'pod.yaml', pod(`  containers:\n  - name: agent\n    image: agent:1.0\n  volumes:\n  - name: h\n    hostPath: {path: ⟦${path}⟧}\n`));
    }
    expectFindings('kubernetes/sensitive-host-path', 'pod.yaml', pod(`  containers:\n  - name: agent\n    image: agent:1.0\n  volumes:\n  - name: h\n    hostPath: {path: /var/lib/docker-registry-cache}\n`));
  });
  it('judges init containers for a writable root file system', () => {
    expectFindings('kubernetes/read-only-root-filesystem', 'pod.yaml', pod(`  initContainers:
  - ⟦name⟧: migrate
    image: tool:1.0
  containers:
  - name: app
    image: app:1.0
    securityContext:
      readOnlyRootFilesystem: true
`));
  });
});

describe('service account tokens as the other tools judge them', () => {
  it('an explicit true on the pod wins over its ServiceAccount', () => {
    expectFindings('kubernetes/service-account-token-automount', 'app.yaml', `apiVersion: v1
kind: ServiceAccount
metadata:
  name: app
automountServiceAccountToken: false
---
${pod(`  serviceAccountName: app
  automountServiceAccountToken: ⟦true⟧
  containers:
  - name: app
    image: app:1.0
`)}---
${pod(`  serviceAccountName: app
  containers:
  - name: app
    image: app:1.0
`).replace('name: p', 'name: q')}`);
  });
});

describe('RBAC as the other tools judge it', () => {
  it('every read and write verb on Secrets is access, in Roles and ClusterRoles alike', () => {
    for (const verb of ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection']) {
      expectFindings('kubernetes/rbac-secrets-access', 'role.yaml', role(`- apiGroups: ["*"]\n  resources: [⟦secrets⟧]\n  verbs: [${verb}]\n`, 'Role'));
    }
    expectFindings('kubernetes/rbac-secrets-access', 'role.yaml', role(`- apiGroups: [""]\n  resources: [secrets-store]\n  verbs: [list]\n`));
  });
  it('reports bind and escalate granted through `*` on roles and bindings (Checkov CKV_K8S_157/158)', () => {
    expectFindings('kubernetes/rbac-privilege-escalation', 'role.yaml', role(`- apiGroups: ["rbac.authorization.k8s.io"]\n  resources: [⟦rolebindings⟧, ⟦roles⟧]\n  verbs: ["*"]\n`, 'Role'));
    expectFindings('kubernetes/rbac-privilege-escalation', 'role.yaml', role(`- apiGroups: ["rbac.authorization.k8s.io"]\n  resources: [clusterrolebindings]\n  verbs: [get, list, delete]\n`));
  });
  it('create on workloads is reported; update and patch are not (Trivy KSV-0048 reports them too)', () => {
    expectFindings('kubernetes/rbac-create-pods', 'role.yaml', role(`- apiGroups: ["*"]\n  resources: [⟦deployments⟧, ⟦daemonsets⟧]\n  verbs: [create]\n`, 'Role'));
    expectFindings('kubernetes/rbac-create-pods', 'role.yaml', role(`- apiGroups: ["apps"]\n  resources: [deployments, statefulsets]\n  verbs: [update, patch]\n`, 'Role'));
  });
});

describe('ingress-nginx snippets as Checkov judges them (CKV_K8S_153)', () => {
  it('reports every snippet annotation, whatever its content', () => {
    expectFindings('kubernetes/ingress-nginx-snippets', 'ingress.yaml', `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
    kubernetes.io/ingress.class: nginx
    nginx.ingress.kubernetes.io/rewrite-target: /$2
    ⟦nginx.ingress.kubernetes.io/server-snippet⟧: |
      location = /health {
        return 200 'ok';
      }
spec:
  rules:
  - http:
      paths:
      - path: /
        pathType: Prefix
        backend: {service: {name: web, port: {number: 80}}}
`);
  });
});
