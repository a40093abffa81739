// Content rules: secrets (ARG/ENV names, literal credentials, secret files), what COPY/ADD bring
// into the image, and flags and volumes that hand the container runtime to a build or container.
import type { DockerfileRule } from '../../dockerfile/rule';
import secretInArgEnv from './secret-in-arg-env';
import hardcodedSecret from './hardcoded-secret';
import copySensitiveFile from './copy-sensitive-file';
import copyContextWithoutDockerignore from './copy-context-without-dockerignore';
import addInsteadOfCopy from './add-instead-of-copy';
import addRemoteUnverified from './add-remote-unverified';
import dockerSocketVolume from './docker-socket-volume';
import insecureBuildFlags from './insecure-build-flags';

export const contentRules: DockerfileRule[] = [
  secretInArgEnv,
  hardcodedSecret,
  copySensitiveFile,
  copyContextWithoutDockerignore,
  addInsteadOfCopy,
  addRemoteUnverified,
  dockerSocketVolume,
  insecureBuildFlags,
];
