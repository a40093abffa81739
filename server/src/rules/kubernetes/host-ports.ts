import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference, NIST_800_190, PSS } from '../../engine/references';
import { checkApplies, CIS_KUBERNETES, containerTitle, fixes, forEachPod, keyRangeOf, mapItems, removeKeyFix, seqAt, setting } from '../../kubernetes/pss';

export default kubernetesRule({
  id: 'kubernetes/host-ports',
  title: 'Container port bound on the node (hostPort)',
  defaultSeverity: 'warning',
  fix: 'M',
  checklist: ['D3.1'],
  pss: ['hostPorts'],
  anchors: { trivy: ['KSV-0024'], checkov: ['CKV_K8S_26'], polaris: ['hostPortSet'] },
  docs: {
    why: '`hostPort` opens the port on the node\'s own IP addresses and forwards it to the pod. That bypasses Services and most NetworkPolicy implementations, exposes the pod on every network the node is on, and limits scheduling to one such pod per node.',
    how: 'Remove `hostPort` and expose the port with a Service (ClusterIP, or NodePort/LoadBalancer/Ingress when it must be reachable from outside). Keep `containerPort` for documentation and named ports.',
    bad: 'ports:\n- containerPort: 8080\n  hostPort: 8080',
    good: 'ports:\n- containerPort: 8080\n  name: http',
    references: [
      checklistReference('D3.1'),
      PSS('Host Ports'),
      NIST_800_190('4.4.2', 'Unbounded network access from containers'),
      CIS_KUBERNETES('5.2.13', 'Minimize the admission of containers which use HostPorts'),
    ],
  },
  check(model, ctx) {
    if (!checkApplies(ctx, 'baseline')) return;
    forEachPod(model, (pod) => {
      for (const container of pod.containers) {
        for (const { map } of mapItems(seqAt(container.map, 'ports'))) {
          const hostPort = setting(map, 'hostPort');
          if (!hostPort || hostPort.templated || hostPort.value === null || hostPort.value === undefined || hostPort.value === 0 || hostPort.value === '0') continue;
          ctx.report({
            range: keyRangeOf(model, hostPort.pair),
            message: `${containerTitle(container)} binds port ${String(hostPort.value)} on the node (hostPort): expose it with a Service instead.`,
            fixes: fixes(removeKeyFix(model, map, 'hostPort', 'Remove `hostPort`')),
          });
        }
      }
    });
  },
});
