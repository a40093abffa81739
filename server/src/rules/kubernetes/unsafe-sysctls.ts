import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference, NIST_800_190, PSS } from '../../engine/references';
import { removeSeqItem } from '../../engine/yaml-edit';
import { checkApplies, fixes, forEachPod, mapItems, pssLevel, seqAt, setting, valueRangeOf } from '../../kubernetes/pss';

/** The namespaced sysctls the baseline profile allows, by the Kubernetes minor version that added them. */
const SAFE_SYSCTLS: Array<[number, string[]]> = [
  [0, ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start']],
  [27, ['net.ipv4.ip_local_reserved_ports']],
  [29, ['net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes']],
  [32, ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem']],
  [37, ['net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat']],
];

export function safeSysctls(minor: number): Set<string> {
  return new Set(SAFE_SYSCTLS.filter(([since]) => minor >= since).flatMap(([, names]) => names));
}

export default kubernetesRule({
  id: 'kubernetes/unsafe-sysctls',
  title: 'Unsafe sysctl',
  defaultSeverity: 'warning',
  fix: 'M',
  checklist: ['D2.3'],
  pss: ['sysctls'],
  anchors: { trivy: ['KSV-0026'], kubeLinter: ['unsafe-sysctls'] },
  docs: {
    why: 'Pod sysctls change kernel parameters. Only a small set is namespaced and isolated per pod; the others either affect the whole node (and every other pod on it) or can be used to weaken the kernel\'s protections. The baseline profile allows only the known-safe set, which grew over Kubernetes versions (1.27, 1.29, 1.32, 1.37).',
    how: 'Remove the sysctl. If the workload needs a node-wide kernel setting, configure it on dedicated nodes (node configuration or a privileged DaemonSet in a separate namespace) and schedule the workload there.',
    bad: 'securityContext:\n  sysctls:\n  - name: kernel.msgmax\n    value: "65536"',
    good: 'securityContext:\n  sysctls:\n  - name: net.ipv4.ip_local_port_range\n    value: "1024 65535"',
    references: [checklistReference('D2.3'), PSS('Sysctls'), NIST_800_190('4.4.3', 'Insecure container runtime configurations')],
  },
  check(model, ctx) {
    if (!checkApplies(ctx, 'baseline')) return;
    const { minor } = pssLevel(ctx);
    const safe = safeSysctls(minor);
    forEachPod(model, (pod) => {
      const sysctls = seqAt(pod.securityContext, 'sysctls');
      for (const { map, index } of mapItems(sysctls)) {
        const name = setting(map, 'name');
        if (!name || name.templated || name.value === null || name.value === undefined) continue;
        const value = String(name.value);
        if (safe.has(value)) continue;
        ctx.report({
          range: valueRangeOf(model, name),
          message: `Sysctl \`${value}\` is not in the safe set of Kubernetes 1.${minor}: it may affect the whole node or weaken its protections.`,
          fixes: fixes({ title: `Remove sysctl \`${value}\``, mechanical: true, edits: removeSeqItem(model.source, sysctls!, index) }),
        });
      }
    });
  },
});
