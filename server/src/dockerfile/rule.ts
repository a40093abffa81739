import type { Rule } from '../engine/types';
import type { DockerfileModel } from './model';

export type DockerfileRule = Rule<DockerfileModel>;

/** Declares a Dockerfile rule; the identity function gives the object literal its type. */
export function dockerfileRule(rule: Omit<DockerfileRule, 'kind'>): DockerfileRule {
  return { ...rule, kind: 'dockerfile' };
}
