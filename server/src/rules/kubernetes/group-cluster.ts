import type { KubernetesRule } from '../../kubernetes/rule';

export const clusterRules: KubernetesRule[] = [];
