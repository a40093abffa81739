import type { DockerfileRule } from '../../dockerfile/rule';
import curlPipeShell from './curl-pipe-shell';
import tlsVerificationDisabled from './tls-verification-disabled';

export const shellRules: DockerfileRule[] = [curlPipeShell, tlsVerificationDisabled];
