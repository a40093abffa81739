// Every Kubernetes rule. Each rule is one file; the groups keep this list easy to extend.
import type { KubernetesRule } from '../../kubernetes/rule';
import { pssRules } from './group-pss';
import { workloadRules } from './group-workload';
import { clusterRules } from './group-cluster';

export const kubernetesRules: KubernetesRule[] = [...pssRules, ...workloadRules, ...clusterRules];
