import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference, NIST_800_190, PSS } from '../../engine/references';
import { removeSeqItem, setScalar } from '../../engine/yaml-edit';
import { checkApplies, CIS_KUBERNETES, containerTitle, forEachPod, mapAt, scalarItems, seqAt } from '../../kubernetes/pss';
import { nodeRange } from '../../engine/yaml';

/** Capabilities the baseline profile allows to add (the container runtime's default set). */
export const BASELINE_CAPABILITIES = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);

/** Capabilities that amount to (or easily lead to) root on the node. */
const DANGEROUS = new Set(['ALL', 'SYS_ADMIN', 'NET_ADMIN', 'NET_RAW', 'SYS_MODULE', 'SYS_PTRACE', 'SYS_RAWIO', 'SYS_BOOT', 'DAC_READ_SEARCH', 'BPF', 'PERFMON', 'MAC_ADMIN', 'MAC_OVERRIDE', 'LINUX_IMMUTABLE', 'SYSLOG', 'SYS_TIME', 'CHECKPOINT_RESTORE']);

export default kubernetesRule({
  id: 'kubernetes/capabilities-added',
  title: 'Capability added beyond the baseline set',
  defaultSeverity: 'error',
  fix: 'M',
  checklist: ['D2.5'],
  pss: ['capabilities_baseline'],
  anchors: { trivy: ['KSV-0022', 'KSV-0005'], checkov: ['CKV_K8S_25', 'CKV_K8S_39'], polaris: ['dangerousCapabilities'] },
  docs: {
    why: 'Linux capabilities split root\'s power into pieces; some pieces are root in disguise. `SYS_ADMIN` allows mounting filesystems and many container escapes, `NET_ADMIN` and `NET_RAW` allow reconfiguring and spoofing the network, `SYS_MODULE` loads kernel code, `SYS_PTRACE` reads other processes\' memory. The baseline Pod Security profile only allows the runtime\'s default set: `AUDIT_WRITE`, `CHOWN`, `DAC_OVERRIDE`, `FOWNER`, `FSETID`, `KILL`, `MKNOD`, `NET_BIND_SERVICE`, `SETFCAP`, `SETGID`, `SETPCAP`, `SETUID`, `SYS_CHROOT`. Names are compared exactly: `chown` or `CAP_CHOWN` are not in the set.',
    how: 'Remove the capability from `capabilities.add`. If a feature needs it, find a way without it (bind ports above 1024, use a sidecar-free network setup, a CSI driver instead of mounts); otherwise run the workload in a namespace with a `privileged` Pod Security level and record why with a suppression.',
    bad: 'securityContext:\n  capabilities:\n    add: ["SYS_ADMIN", "NET_RAW"]',
    good: 'securityContext:\n  capabilities:\n    drop: ["ALL"]\n    add: ["NET_BIND_SERVICE"]',
    references: [
      checklistReference('D2.5'),
      PSS('Capabilities (baseline)'),
      NIST_800_190('4.4.3', 'Insecure container runtime configurations'),
      CIS_KUBERNETES('5.2.9', 'Minimize the admission of containers with added capabilities'),
    ],
  },
  check(model, ctx) {
    if (!checkApplies(ctx, 'baseline')) return;
    forEachPod(model, (pod) => {
      for (const container of pod.containers) {
        const add = seqAt(mapAt(container.securityContext, 'capabilities'), 'add');
        for (const item of scalarItems(add)) {
          const name = item.value === null || item.value === undefined ? '' : String(item.value);
          if (BASELINE_CAPABILITIES.has(name)) continue;
          const normalized = name.toUpperCase().replace(/^CAP_/, '');
          const hint = normalized !== name && BASELINE_CAPABILITIES.has(normalized) ? ` Kubernetes compares capability names exactly: write \`${normalized}\`.` : '';
          ctx.report({
            range: nodeRange(model.source, item.node),
            message: `${containerTitle(container)} adds capability \`${name}\`, which is outside the baseline set.${hint}`,
            severity: DANGEROUS.has(normalized) ? 'error' : 'warning',
            fixes: [
              { title: `Remove \`${name}\` from capabilities.add`, mechanical: !hint, edits: removeSeqItem(model.source, add!, item.index) },
              ...(hint ? [{ title: `Write \`${normalized}\``, mechanical: true, edits: [setScalar(model.source, item.node, normalized)] }] : []),
            ],
          });
        }
      }
    });
  },
});
