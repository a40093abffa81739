// Every Dockerfile rule. Each rule is one file; the groups keep this list easy to extend.
import type { DockerfileRule } from '../../dockerfile/rule';
import sudo from './sudo';
import exposeSsh from './expose-ssh';
import { imageRules } from './group-image';
import { shellRules } from './group-shell';
import { contentRules } from './group-content';

export const dockerfileRules: DockerfileRule[] = [...imageRules, ...shellRules, sudo, exposeSsh, ...contentRules];
