// Object-level rules: secrets and ConfigMaps, RBAC, Services, Ingresses, NetworkPolicies, Namespaces.
import type { KubernetesRule } from '../../kubernetes/rule';
import hardcodedSecret from './hardcoded-secret';
import secretInConfigmap from './secret-in-configmap';
import secretManifestCommitted from './secret-manifest-committed';
import networkPolicyAllowAll from './network-policy-allow-all';
import rbacWildcard from './rbac-wildcard';
import rbacSecretsAccess from './rbac-secrets-access';
import rbacClusterAdminBinding from './rbac-cluster-admin-binding';
import rbacPodExec from './rbac-pod-exec';
import rbacPrivilegeEscalation from './rbac-privilege-escalation';
import rbacCreatePods from './rbac-create-pods';
import rbacNodeProxy from './rbac-node-proxy';
import rbacAnonymousSubject from './rbac-anonymous-subject';
import serviceExternalIps from './service-external-ips';
import serviceExposed from './service-exposed';
import ingressWithoutTls from './ingress-without-tls';
import ingressNginxSnippets from './ingress-nginx-snippets';
import namespaceWithoutPodSecurity from './namespace-without-pod-security';
import namespaceWithoutQuota from './namespace-without-quota';

export const clusterRules: KubernetesRule[] = [
  hardcodedSecret,
  secretInConfigmap,
  secretManifestCommitted,
  networkPolicyAllowAll,
  rbacWildcard,
  rbacSecretsAccess,
  rbacClusterAdminBinding,
  rbacPodExec,
  rbacPrivilegeEscalation,
  rbacCreatePods,
  rbacNodeProxy,
  rbacAnonymousSubject,
  serviceExternalIps,
  serviceExposed,
  ingressWithoutTls,
  ingressNginxSnippets,
  namespaceWithoutPodSecurity,
  namespaceWithoutQuota,
];
