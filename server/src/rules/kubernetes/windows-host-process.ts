import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference, NIST_800_190, PSS } from '../../engine/references';
import { booleanSetting, checkApplies, CIS_KUBERNETES, containerTitle, fixes, forEachPod, keyRangeOf, mapAt, removeKeyFix, securityContexts } from '../../kubernetes/pss';

export default kubernetesRule({
  id: 'kubernetes/windows-host-process',
  title: 'Windows HostProcess container',
  defaultSeverity: 'error',
  fix: 'M',
  checklist: ['D2.1'],
  pss: ['windowsHostProcess'],
  anchors: { trivy: ['KSV-0103'], polaris: ['hostProcess'] },
  docs: {
    why: 'A Windows HostProcess container runs directly on the node as a host process, with the host\'s network and file system: it is the Windows equivalent of a privileged container with host namespaces, and fully controls the node.',
    how: 'Remove `windowsOptions.hostProcess` (and `hostNetwork`). Node management agents that need it belong in a namespace with a `privileged` Pod Security level, with a suppression explaining why.',
    bad: 'securityContext:\n  windowsOptions:\n    hostProcess: true\n    runAsUserName: "NT AUTHORITY\\\\SYSTEM"',
    good: 'securityContext:\n  windowsOptions:\n    runAsUserName: ContainerUser',
    references: [
      checklistReference('D2.1'),
      PSS('HostProcess'),
      NIST_800_190('4.4.3', 'Insecure container runtime configurations'),
      CIS_KUBERNETES('5.2.11', 'Minimize the admission of Windows HostProcess Containers'),
    ],
  },
  check(model, ctx) {
    if (!checkApplies(ctx, 'baseline')) return;
    forEachPod(model, (pod) => {
      for (const { map, container } of securityContexts(pod)) {
        const options = mapAt(map, 'windowsOptions');
        const found = booleanSetting(options, 'hostProcess');
        if (!options || !found?.value) continue;
        ctx.report({
          range: keyRangeOf(model, found.setting.pair),
          message: `${container ? containerTitle(container) : 'The pod'} runs as a Windows HostProcess: it has full control of the node.`,
          fixes: fixes(removeKeyFix(model, options, 'hostProcess', 'Remove `hostProcess`')),
        });
      }
    });
  },
});
