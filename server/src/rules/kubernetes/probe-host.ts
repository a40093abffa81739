import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference, NIST_800_190, PSS } from '../../engine/references';
import type { YAMLMap } from 'yaml';
import { checkApplies, containerTitle, fixes, forEachPod, keyRangeOf, mapAt, removeKeyFix, setting } from '../../kubernetes/pss';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const HANDLERS = ['postStart', 'preStop'];
const ACTIONS = ['httpGet', 'tcpSocket'];

export default kubernetesRule({
  id: 'kubernetes/probe-host',
  title: 'Probe or lifecycle handler with a host',
  defaultSeverity: 'warning',
  fix: 'M',
  checklist: ['D3.1'],
  pss: ['hostProbesAndHostLifecycle'],
  anchors: {},
  docs: {
    why: 'Probes and lifecycle hooks are executed by the kubelet, from the node. Giving them a `host` makes the kubelet connect to an arbitrary address on the pod\'s behalf: a way to reach node-local or cluster-internal endpoints that the pod itself could not (a server-side request forgery through the kubelet). Since Kubernetes 1.34 the baseline profile forbids it, even for `127.0.0.1`.',
    how: 'Remove `host`: the kubelet then targets the pod\'s own IP. Use `httpHeaders` with a `Host` header if the application needs a virtual host name.',
    bad: 'livenessProbe:\n  httpGet:\n    host: metadata.internal\n    port: 8080',
    good: 'livenessProbe:\n  httpGet:\n    path: /healthz\n    port: 8080',
    references: [checklistReference('D3.1'), PSS('Host Probes / Lifecycle Hooks'), NIST_800_190('4.4.2', 'Unbounded network access from containers')],
  },
  check(model, ctx) {
    if (!checkApplies(ctx, 'baseline', 34)) return;
    forEachPod(model, (pod) => {
      for (const container of pod.containers) {
        const handlers: Array<{ what: string; map: YAMLMap | undefined }> = [
          ...PROBES.map((probe) => ({ what: probe, map: mapAt(container.map, probe) })),
          ...HANDLERS.map((hook) => ({ what: `lifecycle.${hook}`, map: mapAt(mapAt(container.map, 'lifecycle'), hook) })),
        ];
        for (const { what, map } of handlers) {
          for (const action of ACTIONS) {
            const actionMap = mapAt(map, action);
            const host = setting(actionMap, 'host');
            if (!actionMap || !host || host.templated || host.value === null || host.value === undefined || host.value === '') continue;
            ctx.report({
              range: keyRangeOf(model, host.pair),
              message: `${containerTitle(container)}: ${what}.${action} targets host \`${String(host.value)}\`; the kubelet would connect there from the node.`,
              fixes: fixes(removeKeyFix(model, actionMap, 'host', 'Remove `host`')),
            });
          }
        }
      }
    });
  },
});
