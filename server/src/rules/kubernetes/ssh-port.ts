import { isMap } from 'yaml';
import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference, CIS_DOCKER } from '../../engine/references';
import { getScalar, getSeq, seqItems } from '../../engine/yaml';
import { allContainers, containerLabel } from '../../kubernetes/model';
import { capitalize, KUBERNETES_DOCS, rangeOf, scalarText } from './lib-objects';

export default kubernetesRule({
  id: 'kubernetes/ssh-port',
  title: 'Container port 22 (SSH)',
  defaultSeverity: 'warning',
  fix: '-',
  checklist: ['D3.5'],
  anchors: { kubeLinter: ['ssh-port'] },
  docs: {
    why: 'Port 22 means an SSH server runs in the container: another way in, with its own keys or passwords to leak and its own vulnerabilities to patch, bypassing the audited, RBAC-controlled access the Kubernetes API gives.',
    how: 'Remove the SSH server and the port; use `kubectl exec` or `kubectl debug` (ephemeral containers) for interactive access — both are authorised by RBAC and recorded in the audit log.',
    bad: 'ports:\n  - containerPort: 22',
    good: 'ports:\n  - containerPort: 8080',
    references: [checklistReference('D3.5'), CIS_DOCKER('5.6', 'Ensure sshd is not run within containers'), KUBERNETES_DOCS('Debug running pods', 'tasks/debug/debug-application/debug-running-pod/')],
  },
  check(model, ctx) {
    for (const container of allContainers(model)) {
      for (const port of seqItems(getSeq(container.map, 'ports'))) {
        if (!isMap(port)) continue;
        const node = getScalar(port, 'containerPort');
        if (!node || scalarText(node) !== '22') continue;
        const protocol = scalarText(getScalar(port, 'protocol'));
        if (protocol !== undefined && protocol.toUpperCase() !== 'TCP') continue;
        ctx.report({ range: rangeOf(model, node), message: `${capitalize(containerLabel(container))} listens on port 22 (SSH): use \`kubectl exec\`/\`kubectl debug\` instead of an SSH server.` });
      }
    }
  },
});
