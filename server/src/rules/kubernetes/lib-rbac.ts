// RBAC roles and bindings as plain data, for the rbac-* rules.

import { isMap, type YAMLMap } from 'yaml';
import { getMap, getPair, getScalar, getSeq, resolveNode, seqItems } from '../../engine/yaml';
import type { KubeObject, KubernetesModel } from '../../kubernetes/model';
import { scalarText, stringItems, type StringItem } from './lib-objects';

export interface PolicyRule {
  object: KubeObject;
  map: YAMLMap;
  apiGroups: StringItem[];
  /** True when the rule has no `apiGroups` key (treated as the core group). */
  apiGroupsMissing: boolean;
  resources: StringItem[];
  verbs: StringItem[];
  resourceNames: StringItem[];
}

const RBAC_GROUP = 'rbac.authorization.k8s.io/';
const cache = new WeakMap<KubernetesModel, PolicyRule[]>();

/**
 * The rules of every Role and ClusterRole. Aggregated ClusterRoles (`aggregationRule`) are left
 * out: the controller overwrites their `rules` with those of the roles they select.
 */
export function policyRules(model: KubernetesModel): PolicyRule[] {
  let rules = cache.get(model);
  if (rules) return rules;
  rules = [];
  for (const object of model.objects) {
    if ((object.kind !== 'Role' && object.kind !== 'ClusterRole') || !object.apiVersion.startsWith(RBAC_GROUP)) continue;
    if (getPair(object.map, 'aggregationRule')) continue;
    for (const item of seqItems(getSeq(object.map, 'rules'))) {
      if (!isMap(item)) continue;
      const apiGroupsPair = getPair(item, 'apiGroups');
      rules.push({
        object,
        map: item,
        apiGroups: stringItems(apiGroupsPair?.value),
        apiGroupsMissing: !apiGroupsPair || resolveNode(apiGroupsPair.value) === undefined,
        resources: stringItems(getPair(item, 'resources')?.value),
        verbs: stringItems(getPair(item, 'verbs')?.value),
        resourceNames: stringItems(getPair(item, 'resourceNames')?.value),
      });
    }
  }
  cache.set(model, rules);
  return rules;
}

/** Whether the rule applies to an API group (`''` = core). */
export function coversGroup(rule: PolicyRule, ...groups: string[]): boolean {
  if (rule.apiGroupsMissing) return groups.includes('');
  return rule.apiGroups.some((item) => item.value === '*' || groups.includes(item.value));
}

/** The verbs among `wanted` the rule grants (`*` grants all). */
export function grantedVerbs(rule: PolicyRule, wanted: readonly string[]): string[] {
  const verbs = rule.verbs.map((item) => item.value.toLowerCase());
  if (verbs.includes('*')) return [...wanted];
  return wanted.filter((verb) => verbs.includes(verb));
}

/** Resource items naming one of `names` exactly (case-insensitively), or `<resource>/*` for subresources. */
export function resourceItems(rule: PolicyRule, names: readonly string[]): StringItem[] {
  return rule.resources.filter((item) => {
    const value = item.value.toLowerCase();
    if (names.includes(value)) return true;
    const slash = value.indexOf('/');
    return slash > 0 && value.slice(slash + 1) === '*' && names.some((name) => name.startsWith(value.slice(0, slash + 1)));
  });
}

export const READ_VERBS = ['get', 'list', 'watch'] as const;
export const WRITE_VERBS = ['create', 'update', 'patch', 'delete', 'deletecollection'] as const;
export const ALL_VERBS = [...READ_VERBS, ...WRITE_VERBS] as const;

export interface BindingInfo {
  object: KubeObject;
  roleKind?: string;
  roleName?: string;
  roleNameNode?: ReturnType<typeof getScalar>;
  subjects: Array<{ map: YAMLMap; kind?: string; name?: string; nameNode?: ReturnType<typeof getScalar> }>;
}

/** RoleBindings and ClusterRoleBindings. */
export function bindings(model: KubernetesModel): BindingInfo[] {
  const result: BindingInfo[] = [];
  for (const object of model.objects) {
    if ((object.kind !== 'RoleBinding' && object.kind !== 'ClusterRoleBinding') || !object.apiVersion.startsWith(RBAC_GROUP)) continue;
    const roleRef = getMap(object.map, 'roleRef');
    const roleNameNode = getScalar(roleRef, 'name');
    result.push({
      object,
      roleKind: scalarText(getScalar(roleRef, 'kind')),
      roleName: scalarText(roleNameNode),
      roleNameNode,
      subjects: seqItems(getSeq(object.map, 'subjects'))
        .filter(isMap)
        .map((subject) => {
          const nameNode = getScalar(subject, 'name');
          return { map: subject, kind: scalarText(getScalar(subject, 'kind')), name: scalarText(nameNode), nameNode };
        }),
    });
  }
  return result;
}
