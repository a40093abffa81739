import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference, NIST_800_190, PSS } from '../../engine/references';
import type { Fix } from '../../engine/types';
import type { ContainerRef } from '../../kubernetes/model';
import { checkApplies, CIS_KUBERNETES, containerRange, containerTitle, ensureFix, fixes, forEachPod, podRange, setScalarFix, setting, valueRangeOf } from '../../kubernetes/pss';

export default kubernetesRule({
  id: 'kubernetes/run-as-non-root',
  title: 'Containers may run as root',
  defaultSeverity: 'warning',
  fix: 'M',
  checklist: ['D2.1'],
  pss: ['runAsNonRoot'],
  anchors: { trivy: ['KSV-0012'], checkov: ['CKV_K8S_23'], kubeLinter: ['run-as-non-root'], polaris: ['runAsRootAllowed'] },
  docs: {
    why: 'Most images run as root unless told otherwise. Root in a container shares UID 0 with the node: any escape, writable host mount or kernel flaw then acts as root on the node. `runAsNonRoot: true` makes the kubelet refuse to start a container whose user is root, whatever the image says.',
    how: 'Set `runAsNonRoot: true` in the pod `securityContext` (containers inherit it) and make sure the image has a non-root `USER`, or set `runAsUser` to a non-zero UID. No container may set `runAsNonRoot: false`.',
    bad: 'spec:\n  containers:\n  - name: app\n    image: nginx:1.27',
    good: 'spec:\n  securityContext:\n    runAsNonRoot: true\n    runAsUser: 10001\n  containers:\n  - name: app\n    image: nginxinc/nginx-unprivileged:1.27',
    references: [
      checklistReference('D2.1'),
      PSS('Running as Non-root'),
      NIST_800_190('4.4.3', 'Insecure container runtime configurations'),
      CIS_KUBERNETES('5.2.7', 'Minimize the admission of root containers'),
    ],
  },
  check(model, ctx) {
    if (!checkApplies(ctx, 'restricted')) return;
    forEachPod(model, (pod) => {
      const podSetting = setting(pod.securityContext, 'runAsNonRoot');
      const podTrue = podSetting?.templated === true || podSetting?.value === true;
      const podFalse = podSetting !== undefined && !podSetting.templated && podSetting.value === false;
      const podFix = (): Fix | undefined => ensureFix(model, pod.spec, ['securityContext'], [{ key: 'runAsNonRoot', value: true }], 'Set `runAsNonRoot: true` for the pod');
      if (podFalse) {
        ctx.report({
          range: valueRangeOf(model, podSetting!),
          message: 'The pod sets `runAsNonRoot: false`: its containers may run as root.',
          fixes: fixes(setScalarFix(model, podSetting!.node, true, 'Set `runAsNonRoot: true`')),
        });
      }
      const missing: ContainerRef[] = [];
      for (const container of pod.containers) {
        const found = setting(container.securityContext, 'runAsNonRoot');
        if (found?.templated || found?.value === true) continue;
        if (found?.value === false) {
          ctx.report({
            range: valueRangeOf(model, found),
            message: `${containerTitle(container)} sets \`runAsNonRoot: false\`: it may run as root.`,
            fixes: fixes(setScalarFix(model, found.node, true, 'Set `runAsNonRoot: true`')),
          });
          continue;
        }
        if (!podTrue) missing.push(container);
      }
      if (missing.length === 0 || podFalse || pod.object.partial) return;
      if (missing.length === pod.containers.length) {
        ctx.report({
          range: podRange(model, pod),
          message: 'No `runAsNonRoot: true` for this pod or its containers: they may run as root.',
          fixes: fixes(podFix()),
        });
        return;
      }
      for (const container of missing) {
        ctx.report({
          range: containerRange(model, container),
          message: `${containerTitle(container)} does not set \`runAsNonRoot: true\` and the pod does not either: it may run as root.`,
          fixes: fixes(podFix(), ensureFix(model, container.map, ['securityContext'], [{ key: 'runAsNonRoot', value: true }], 'Set `runAsNonRoot: true` for this container')),
        });
      }
    });
  },
});
