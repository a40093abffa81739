import type { LanguageSupport } from '../engine/language';
import { yamlComments, yamlSuppressionScope, nodeStart, nodeEnd } from '../engine/yaml';
import { parseKubernetes, type KubeObject, type KubernetesModel } from './model';
import { kubernetesRules } from '../rules/kubernetes';
import type { RuleMeta } from '../engine/types';

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
};
