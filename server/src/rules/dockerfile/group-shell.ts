import type { DockerfileRule } from '../../dockerfile/rule';

export const shellRules: DockerfileRule[] = [];
