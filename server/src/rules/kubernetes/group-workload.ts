import type { KubernetesRule } from '../../kubernetes/rule';

export const workloadRules: KubernetesRule[] = [];
