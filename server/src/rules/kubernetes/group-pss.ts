// Pod Security Standards rules: one file per control, as the admission plugin checks it.
import type { KubernetesRule } from '../../kubernetes/rule';

export const pssRules: KubernetesRule[] = [];
