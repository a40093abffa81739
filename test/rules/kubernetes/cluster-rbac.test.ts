import { describe, it } from 'node:test';
import { analyze, assert, expectFindings } from '../../helpers';

const role = (rules: string, kind = 'ClusterRole'): string => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata:
  name: r
rules:
${rules}`;

const binding = (subjects: string, roleName = 'reader', kind = 'ClusterRoleBinding'): string => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata:
  name: b
subjects:
${subjects}roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: ${roleName}
`;

/** Roles as common operators and agents ship them: leader election, metrics scraping, read-only config. */
const COMMON_OPERATOR_ROLES = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: leader-election
  namespace: operators
rules:
  - apiGroups: [""]
    resources: ["configmaps"]
    verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
  - apiGroups: ["coordination.k8s.io"]
    resources: ["leases"]
    verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
  - apiGroups: [""]
    resources: ["events"]
    verbs: ["create", "patch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: prometheus
rules:
  - apiGroups: [""]
    resources: [nodes, nodes/metrics, services, endpoints, pods]
    verbs: [get, list, watch]
  - apiGroups: ["discovery.k8s.io"]
    resources: ["endpointslices"]
    verbs: ["get", "list", "watch"]
  - apiGroups: [""]
    resources: ["configmaps"]
    verbs: ["get"]
  - nonResourceURLs: ["/metrics", "/metrics/cadvisor"]
    verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: config-reader
rules:
  - apiGroups:
      - ""
    resources:
      - configmaps
    verbs:
      - get
      - list
      - watch
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: monitoring-edit
  labels:
    rbac.example.com/aggregate-to-monitoring: "true"
aggregationRule:
  clusterRoleSelectors:
    - matchLabels:
        rbac.example.com/aggregate-to-monitoring: "true"
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: leader-election
  namespace: operators
subjects:
  - kind: ServiceAccount
    name: controller-manager
    namespace: operators
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: leader-election
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: system:public-info-viewer-example
subjects:
  - apiGroup: rbac.authorization.k8s.io
    kind: Group
    name: system:unauthenticated
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: system:public-info-viewer
`;

describe('RBAC rules stay silent on common operator and monitoring roles', () => {
  it('no rbac-* finding', () => {
    const findings = analyze('config/rbac/role.yaml', COMMON_OPERATOR_ROLES).filter((finding) => finding.ruleId.startsWith('kubernetes/rbac-'));
    assert.deepEqual(findings.map((finding) => `${finding.ruleId} ${finding.range.start.line}`), []);
  });
});

describe('kubernetes/rbac-wildcard', () => {
  const RULE = 'kubernetes/rbac-wildcard';
  it('reports each `*` in apiGroups, resources and verbs', () => {
    expectFindings(RULE, 'role.yaml', role('  - apiGroups: [⟦"*"⟧]\n    resources: [⟦"*"⟧]\n    verbs: [⟦"*"⟧]\n  - apiGroups:\n      - apps\n    resources:\n      - deployments\n    verbs:\n      - ⟦\'*\'⟧\n'));
  });
  it('stays silent for explicit lists and subresource names', () => {
    expectFindings(RULE, 'role.yaml', role('  - apiGroups: ["apps"]\n    resources: ["deployments", "deployments/scale"]\n    verbs: ["get", "patch"]\n'));
  });
});

describe('kubernetes/rbac-secrets-access', () => {
  const RULE = 'kubernetes/rbac-secrets-access';
  it('reports read or write access to Secrets in the core group', () => {
    expectFindings(RULE, 'role.yaml', role('  - apiGroups: [""]\n    resources: [⟦secrets⟧, configmaps]\n    verbs: [get, list, watch]\n  - apiGroups: ["*"]\n    resources: [⟦"secrets"⟧]\n    verbs: [create]\n', 'Role'));
  });
  it('stays silent for named Secrets, other API groups and roles without verbs', () => {
    expectFindings(RULE, 'role.yaml', role('  - apiGroups: [""]\n    resources: [secrets]\n    resourceNames: [app-tls]\n    verbs: [get]\n  - apiGroups: ["bitnami.com"]\n    resources: [sealedsecrets, secrets]\n    verbs: [get, list]\n  - apiGroups: [""]\n    resources: [secrets]\n    verbs: []\n'));
  });
});

describe('kubernetes/rbac-cluster-admin-binding', () => {
  const RULE = 'kubernetes/rbac-cluster-admin-binding';
  it('reports bindings to cluster-admin', () => {
    expectFindings(RULE, 'crb.yaml', binding('  - kind: ServiceAccount\n    name: ci\n    namespace: ci\n', '⟦cluster-admin⟧'));
    expectFindings(RULE, 'rb.yaml', binding('  - kind: User\n    name: alice\n', '⟦cluster-admin⟧', 'RoleBinding'));
  });
  it('stays silent for other roles', () => {
    expectFindings(RULE, 'crb.yaml', binding('  - kind: User\n    name: alice\n', 'view'));
  });
});

describe('kubernetes/rbac-pod-exec', () => {
  const RULE = 'kubernetes/rbac-pod-exec';
  it('reports pods/exec and pods/attach, and pods/* with create', () => {
    expectFindings(RULE, 'role.yaml', role('  - apiGroups: [""]\n    resources: [⟦pods/exec⟧, ⟦pods/attach⟧, pods/log]\n    verbs: [create, get]\n  - apiGroups: [""]\n    resources: [⟦"pods/*"⟧]\n    verbs: ["*"]\n'));
  });
  it('stays silent for logs and read-only pods/*', () => {
    expectFindings(RULE, 'role.yaml', role('  - apiGroups: [""]\n    resources: [pods, pods/log, pods/status]\n    verbs: [get, list, watch]\n  - apiGroups: [""]\n    resources: ["pods/*"]\n    verbs: [get]\n'));
  });
});

describe('kubernetes/rbac-privilege-escalation', () => {
  const RULE = 'kubernetes/rbac-privilege-escalation';
  it('reports escalate, bind, impersonate, RBAC writes and token creation', () => {
    expectFindings(
      RULE,
      'role.yaml',
      role(
        '  - apiGroups: ["rbac.authorization.k8s.io"]\n    resources: [⟦clusterrolebindings⟧, ⟦roles⟧]\n    verbs: [create, ⟦bind⟧, ⟦escalate⟧]\n  - apiGroups: [""]\n    resources: [users, groups, serviceaccounts]\n    verbs: [⟦impersonate⟧]\n  - apiGroups: [""]\n    resources: [⟦serviceaccounts/token⟧]\n    verbs: [create]\n',
      ),
    );
  });
  it('stays silent for read access to RBAC and bind limited to named roles', () => {
    expectFindings(RULE, 'role.yaml', role('  - apiGroups: ["rbac.authorization.k8s.io"]\n    resources: [roles, rolebindings, clusterroles]\n    verbs: [get, list, watch]\n  - apiGroups: ["rbac.authorization.k8s.io"]\n    resources: [clusterroles]\n    verbs: [bind]\n    resourceNames: [app-reader]\n'));
  });
});

describe('kubernetes/rbac-create-pods', () => {
  const RULE = 'kubernetes/rbac-create-pods';
  it('reports create on pods and workload controllers in their API groups', () => {
    expectFindings(RULE, 'role.yaml', role('  - apiGroups: ["", "apps", "batch"]\n    resources: [⟦pods⟧, ⟦deployments⟧, ⟦jobs⟧, services]\n    verbs: [create, delete]\n  - apiGroups: ["*"]\n    resources: [⟦daemonsets⟧]\n    verbs: ["*"]\n'));
  });
  it('stays silent for read access, other verbs and mismatched API groups', () => {
    expectFindings(RULE, 'role.yaml', role('  - apiGroups: [""]\n    resources: [pods]\n    verbs: [get, list, watch, delete]\n  - apiGroups: [""]\n    resources: [deployments]\n    verbs: [create]\n  - apiGroups: ["apps"]\n    resources: [deployments/scale]\n    verbs: [update, patch]\n'));
  });
});

describe('kubernetes/rbac-node-proxy', () => {
  const RULE = 'kubernetes/rbac-node-proxy';
  it('reports nodes/proxy and nodes/*', () => {
    expectFindings(RULE, 'role.yaml', role('  - apiGroups: [""]\n    resources: [⟦nodes/proxy⟧, ⟦"nodes/*"⟧]\n    verbs: [get]\n'));
  });
  it('stays silent for metrics and stats', () => {
    expectFindings(RULE, 'role.yaml', role('  - apiGroups: [""]\n    resources: [nodes, nodes/metrics, nodes/stats]\n    verbs: [get, list]\n'));
  });
});

describe('kubernetes/rbac-anonymous-subject', () => {
  const RULE = 'kubernetes/rbac-anonymous-subject';
  it('reports bindings to anonymous, all-users and masters groups', () => {
    expectFindings(
      RULE,
      'crb.yaml',
      binding('  - kind: User\n    name: ⟦system:anonymous⟧\n  - kind: Group\n    name: ⟦system:authenticated⟧\n  - kind: Group\n    name: ⟦"system:masters"⟧\n  - kind: Group\n    name: developers\n'),
    );
  });
  it('stays silent for the built-in discovery roles and service accounts named alike', () => {
    expectFindings(RULE, 'crb.yaml', binding('  - kind: Group\n    name: system:authenticated\n', 'system:discovery'));
    expectFindings(RULE, 'crb.yaml', binding('  - kind: ServiceAccount\n    name: system:anonymous\n    namespace: x\n'));
  });
});
