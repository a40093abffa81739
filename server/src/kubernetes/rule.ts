import type { Rule } from '../engine/types';
import type { KubernetesModel } from './model';

export type KubernetesRule = Rule<KubernetesModel>;

/** Declares a Kubernetes rule; the identity function gives the object literal its type. */
export function kubernetesRule(rule: Omit<KubernetesRule, 'kind'>): KubernetesRule {
  return { ...rule, kind: 'kubernetes' };
}
