import type { DockerfileRule } from '../../dockerfile/rule';

export const imageRules: DockerfileRule[] = [];
