// Every Compose rule, one file each.
import type { ComposeRule } from '../../compose/rule';
import privileged from './privileged';
import hostNamespace from './host-namespace';
import dockerSocketMount from './docker-socket-mount';
import sensitiveHostMount from './sensitive-host-mount';
import capabilitiesAdded from './capabilities-added';
import capabilitiesNotDropped from './capabilities-not-dropped';
import noNewPrivileges from './no-new-privileges';
import securityOptUnconfined from './security-opt-unconfined';
import readOnlyFilesystem from './read-only-filesystem';
import rootUser from './root-user';
import secretInEnvironment from './secret-in-environment';
import hardcodedSecret from './hardcoded-secret';
import imageUnpinnedTag from './image-unpinned-tag';
import imageNoDigest from './image-no-digest';
import untrustedRegistry from './untrusted-registry';
import portAllInterfaces from './port-all-interfaces';
import resourcesMissing from './resources-missing';
import hostDevices from './host-devices';

export const composeRules: ComposeRule[] = [
  privileged,
  hostNamespace,
  dockerSocketMount,
  sensitiveHostMount,
  capabilitiesAdded,
  capabilitiesNotDropped,
  noNewPrivileges,
  securityOptUnconfined,
  readOnlyFilesystem,
  rootUser,
  secretInEnvironment,
  hardcodedSecret,
  imageUnpinnedTag,
  imageNoDigest,
  untrustedRegistry,
  portAllInterfaces,
  resourcesMissing,
  hostDevices,
];
