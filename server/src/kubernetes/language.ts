import type { LanguageSupport } from '../engine/language';
import { yamlComments, yamlSuppressionScope, nodeStart, nodeEnd } from '../engine/yaml';
import { detectStyle } from '../engine/yaml-edit';
import { parseKubernetes, type KubeObject, type KubernetesModel } from './model';
import { kubernetesRules } from '../rules/kubernetes';
import type { RuleMeta } from '../engine/types';

/**
 * Rules whose findings for a YAML document depend only on that document's objects (plus config,
 * path and the file's edit style): each looks at one object, pod or container at a time and reads
 * neither the workspace, nor the whole text, nor other objects of the file. Cached per document by
 * the engine (`LanguageSupport.perDocument`). Not here, because they look across documents or at the
 * workspace: default-service-account, service-account-token-automount, namespace-without-quota,
 * missing-network-policy (in-file and workspace facts), hardcoded-secret (scans the whole text).
 * A new rule is in neither list until someone decides (test/perf/incremental.test.ts checks).
 */
export const PER_DOCUMENT_RULES: readonly string[] = [
  'kubernetes/allow-privilege-escalation',
  'kubernetes/apparmor-unconfined',
  'kubernetes/capabilities-added',
  'kubernetes/capabilities-not-dropped',
  'kubernetes/docker-socket-mount',
  'kubernetes/host-namespaces',
  'kubernetes/host-path-volume',
  'kubernetes/host-ports',
  'kubernetes/image-no-digest',
  'kubernetes/image-unpinned-tag',
  'kubernetes/ingress-nginx-snippets',
  'kubernetes/ingress-without-tls',
  'kubernetes/namespace-without-pod-security',
  'kubernetes/network-policy-allow-all',
  'kubernetes/privileged',
  'kubernetes/probe-host',
  'kubernetes/proc-mount',
  'kubernetes/rbac-anonymous-subject',
  'kubernetes/rbac-cluster-admin-binding',
  'kubernetes/rbac-create-pods',
  'kubernetes/rbac-node-proxy',
  'kubernetes/rbac-pod-exec',
  'kubernetes/rbac-privilege-escalation',
  'kubernetes/rbac-secrets-access',
  'kubernetes/rbac-wildcard',
  'kubernetes/read-only-root-filesystem',
  'kubernetes/resources-missing',
  'kubernetes/restricted-volume-types',
  'kubernetes/run-as-non-root',
  'kubernetes/run-as-root-user',
  'kubernetes/seccomp-profile-missing',
  'kubernetes/seccomp-unconfined',
  'kubernetes/secret-in-configmap',
  'kubernetes/secret-in-env',
  'kubernetes/secret-manifest-committed',
  'kubernetes/selinux-options',
  'kubernetes/sensitive-host-path',
  'kubernetes/service-exposed',
  'kubernetes/service-external-ips',
  'kubernetes/ssh-port',
  'kubernetes/unsafe-sysctls',
  'kubernetes/untrusted-registry',
  'kubernetes/windows-host-process',
  'kubernetes/writable-host-path',
];

/** Rules that look across documents or at the workspace: run on the whole file every time. */
export const CROSS_DOCUMENT_RULES: readonly string[] = [
  'kubernetes/default-service-account',
  'kubernetes/service-account-token-automount',
  'kubernetes/namespace-without-quota',
  'kubernetes/missing-network-policy',
  'kubernetes/hardcoded-secret',
];

const KUBE_LINTER_PREFIX = 'ignore-check.kube-linter.io/';
const POLARIS = /^polaris\.fairwinds\.com\/(.+)-exempt$/;

/** Rule IDs by another tool's check name (kube-linter, Polaris), from the rules' anchors. */
function anchorIndex(rules: ReadonlyArray<RuleMeta>, tool: 'kubeLinter' | 'polaris'): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const rule of rules) {
    for (const check of rule.anchors[tool] ?? []) {
      const key = check.toLowerCase();
      index.set(key, [...(index.get(key) ?? []), rule.id]);
    }
  }
  return index;
}

let kubeLinterIndex: Map<string, string[]> | undefined;
let polarisIndex: Map<string, string[]> | undefined;

/** Rule IDs an object's (or its pod templates') exemption annotations suppress. */
export function annotationSuppressedRules(object: KubeObject): string[] {
  kubeLinterIndex ??= anchorIndex(kubernetesRules, 'kubeLinter');
  polarisIndex ??= anchorIndex(kubernetesRules, 'polaris');
  const ids = new Set<string>();
  const annotationSets = [object.annotations, ...object.pods.map((pod) => pod.annotations)];
  for (const annotations of annotationSets) {
    for (const [key, value] of Object.entries(annotations)) {
      if (key === 'kube-linter.io/ignore-all') {
        for (const list of kubeLinterIndex.values()) list.forEach((id) => ids.add(id));
      } else if (key.startsWith(KUBE_LINTER_PREFIX)) {
        for (const id of kubeLinterIndex.get(key.slice(KUBE_LINTER_PREFIX.length).toLowerCase()) ?? []) ids.add(id);
      } else if (key === 'polaris.fairwinds.com/exempt') {
        if (value.trim().toLowerCase() === 'true') for (const list of polarisIndex.values()) list.forEach((id) => ids.add(id));
      } else {
        const match = POLARIS.exec(key);
        if (match && value.trim().toLowerCase() === 'true') for (const id of polarisIndex.get(match[1].toLowerCase()) ?? []) ids.add(id);
      }
    }
  }
  return [...ids];
}

export const kubernetesLanguage: LanguageSupport<KubernetesModel> = {
  kind: 'kubernetes',
  parse: (text, path, previous) => parseKubernetes(text, path, previous),
  rules: kubernetesRules,
  comments: (model) => yamlComments(model.source, model.documents),
  suppressionScope: (model, line) => yamlSuppressionScope(model.source, model.documents, line),
  extraSuppressions(model) {
    const result: Array<{ ruleIds: string[]; first: number; last: number }> = [];
    for (const object of model.objects) {
      const ruleIds = annotationSuppressedRules(object);
      if (ruleIds.length === 0) continue;
      result.push({
        ruleIds,
        first: model.source.positionAt(nodeStart(object.map)).line,
        last: model.source.positionAt(nodeEnd(object.map)).line,
      });
    }
    return result;
  },
  notices: (model) => model.notices,
  perDocument: {
    ruleIds: new Set(PER_DOCUMENT_RULES),
    documents: (model) => model.documents,
    restrict(model, documents) {
      return {
        ...model,
        documents: model.documents.filter((document) => documents.has(document)),
        objects: model.objects.filter((object) => documents.has(object.document)),
      };
    },
    // Fixes indent like the rest of the file and break lines like it (yaml-edit's detectStyle, source.eol).
    fileKey: (model) => `${JSON.stringify(detectStyle(model.source))}\0${JSON.stringify(model.source.eol)}\0${model.helmTemplate}`,
  },
};
