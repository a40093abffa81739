// Pod-spec rules that are not Pod Security Standards controls: images, secrets in env, volumes,
// resources, service accounts, network isolation.
import type { KubernetesRule } from '../../kubernetes/rule';
import readOnlyRootFilesystem from './read-only-root-filesystem';
import resourcesMissing from './resources-missing';
import imageUnpinnedTag from './image-unpinned-tag';
import imageNoDigest from './image-no-digest';
import untrustedRegistry from './untrusted-registry';
import secretInEnv from './secret-in-env';
import serviceAccountTokenAutomount from './service-account-token-automount';
import defaultServiceAccount from './default-service-account';
import dockerSocketMount from './docker-socket-mount';
import sensitiveHostPath from './sensitive-host-path';
import writableHostPath from './writable-host-path';
import sshPort from './ssh-port';
import missingNetworkPolicy from './missing-network-policy';

export const workloadRules: KubernetesRule[] = [
  readOnlyRootFilesystem,
  resourcesMissing,
  imageUnpinnedTag,
  imageNoDigest,
  untrustedRegistry,
  secretInEnv,
  serviceAccountTokenAutomount,
  defaultServiceAccount,
  dockerSocketMount,
  sensitiveHostPath,
  writableHostPath,
  sshPort,
  missingNetworkPolicy,
];
