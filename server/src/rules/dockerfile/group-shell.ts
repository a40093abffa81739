// Rules about RUN shell commands: downloads, TLS and signature checks, package managers, permissions.
import type { DockerfileRule } from '../../dockerfile/rule';
import curlPipeShell from './curl-pipe-shell';
import tlsVerificationDisabled from './tls-verification-disabled';
import packageSignatureBypass from './package-signature-bypass';
import updateWithoutInstall from './update-without-install';
import aptNoInstallRecommends from './apt-no-install-recommends';
import packageCacheKept from './package-cache-kept';
import unpinnedPackages from './unpinned-packages';
import pipefail from './pipefail';
import worldWritable from './world-writable';
import sshServer from './ssh-server';
import buildToolsInFinalStage from './build-tools-in-final-stage';

export const shellRules: DockerfileRule[] = [
  curlPipeShell,
  tlsVerificationDisabled,
  packageSignatureBypass,
  updateWithoutInstall,
  aptNoInstallRecommends,
  packageCacheKept,
  unpinnedPackages,
  pipefail,
  worldWritable,
  sshServer,
  buildToolsInFinalStage,
];
