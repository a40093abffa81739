// Pod Security Standards rules: one file per control, as the admission plugin checks it at the
// configured profile (baseline / restricted) and Kubernetes version.
import type { KubernetesRule } from '../../kubernetes/rule';
import hostNamespaces from './host-namespaces';
import privileged from './privileged';
import capabilitiesAdded from './capabilities-added';
import hostPathVolume from './host-path-volume';
import hostPorts from './host-ports';
import apparmorUnconfined from './apparmor-unconfined';
import selinuxOptions from './selinux-options';
import procMount from './proc-mount';
import seccompUnconfined from './seccomp-unconfined';
import unsafeSysctls from './unsafe-sysctls';
import windowsHostProcess from './windows-host-process';
import probeHost from './probe-host';
import restrictedVolumeTypes from './restricted-volume-types';
import allowPrivilegeEscalation from './allow-privilege-escalation';
import runAsNonRoot from './run-as-non-root';
import runAsRootUser from './run-as-root-user';
import seccompProfileMissing from './seccomp-profile-missing';
import capabilitiesNotDropped from './capabilities-not-dropped';

export const pssRules: KubernetesRule[] = [
  // Baseline
  hostNamespaces,
  privileged,
  capabilitiesAdded,
  hostPathVolume,
  hostPorts,
  apparmorUnconfined,
  selinuxOptions,
  procMount,
  seccompUnconfined,
  unsafeSysctls,
  windowsHostProcess,
  probeHost,
  // Restricted
  restrictedVolumeTypes,
  allowPrivilegeEscalation,
  runAsNonRoot,
  runAsRootUser,
  seccompProfileMissing,
  capabilitiesNotDropped,
];
