import type { DockerfileRule } from '../../dockerfile/rule';

export const contentRules: DockerfileRule[] = [];
