// Image and runtime rules: which images the build pulls, and how the final image runs.
import type { DockerfileRule } from '../../dockerfile/rule';
import rootUser from './root-user';
import imageUnpinnedTag from './image-unpinned-tag';
import imageNoDigest from './image-no-digest';
import untrustedRegistry from './untrusted-registry';
import eolBaseImage from './eol-base-image';
import nonMinimalBase from './non-minimal-base';
import healthcheckMissing from './healthcheck-missing';
import shellFormEntrypoint from './shell-form-entrypoint';

export const imageRules: DockerfileRule[] = [
  rootUser,
  imageUnpinnedTag,
  imageNoDigest,
  untrustedRegistry,
  eolBaseImage,
  nonMinimalBase,
  healthcheckMissing,
  shellFormEntrypoint,
];
