// Secret literals in manifests, shared by secret-in-env and hardcoded-secret (so one value is
// reported by one rule only).

import { isMap, isScalar, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { getPair, getSeq, nodeEnd, nodeStart, resolveNode, seqItems } from '../../engine/yaml';
import { isPlaceholderValue, isSecretName } from '../../engine/secrets';
import { allContainers, isTemplated, type ContainerRef, type KubernetesModel } from '../../kubernetes/model';
import { scalarText } from './lib-objects';

export interface SecretEnvValue {
  container: ContainerRef;
  /** The env item (`- name: X` map). */
  item: YAMLMap;
  name: string;
  valuePair: Pair;
  value: Scalar;
}

const cache = new WeakMap<KubernetesModel, SecretEnvValue[]>();

/** `env` entries whose name says secret and whose `value` is a literal. */
export function secretEnvValues(model: KubernetesModel): SecretEnvValue[] {
  let found = cache.get(model);
  if (found) return found;
  found = [];
  for (const container of allContainers(model)) {
    for (const item of seqItems(getSeq(container.map, 'env'))) {
      if (!isMap(item)) continue;
      const name = scalarText(resolveNode(getPair(item, 'name')?.value));
      const valuePair = getPair(item, 'value');
      const value = resolveNode(valuePair?.value);
      if (!name || !valuePair || !isScalar(value) || isTemplated(value) || value.value === null || value.value === undefined) continue;
      const text = typeof value.value === 'string' ? value.value : String(value.value);
      if (typeof value.value !== 'string' && typeof value.value !== 'number') continue; // booleans are settings
      if (!isSecretName(name) || isPlaceholderValue(text)) continue;
      found.push({ container, item, name, valuePair, value });
    }
  }
  cache.set(model, found);
  return found;
}

/** Offsets of the values secret-in-env reports. */
export function secretEnvSpans(model: KubernetesModel): Array<[number, number]> {
  return secretEnvValues(model).map(({ value }) => [nodeStart(value), nodeEnd(value)]);
}
