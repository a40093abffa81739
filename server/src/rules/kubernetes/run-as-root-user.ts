import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference, NIST_800_190, PSS } from '../../engine/references';
import { checkApplies, CIS_KUBERNETES, containerTitle, fixes, forEachPod, removeKeyFix, securityContexts, setScalarFix, setting, valueRangeOf } from '../../kubernetes/pss';

export default kubernetesRule({
  id: 'kubernetes/run-as-root-user',
  title: 'runAsUser: 0 (root)',
  defaultSeverity: 'error',
  fix: 'S',
  checklist: ['D2.1'],
  pss: ['runAsUser'],
  anchors: { trivy: ['KSV-0105'] },
  docs: {
    why: '`runAsUser: 0` explicitly runs the container as root, overriding a non-root `USER` in the image. Root in a container is UID 0 on the node: any escape or writable host path acts as root there. Since Kubernetes 1.23 the restricted profile forbids it at pod and container level.',
    how: 'Use a non-zero UID the image supports (for example `10001`, or `65532` for distroless "nonroot" images), or remove `runAsUser` and rely on the image\'s non-root `USER` together with `runAsNonRoot: true`.',
    bad: 'securityContext:\n  runAsUser: 0',
    good: 'securityContext:\n  runAsUser: 10001\n  runAsNonRoot: true',
    references: [
      checklistReference('D2.1'),
      PSS('Running as Non-root user'),
      NIST_800_190('4.4.3', 'Insecure container runtime configurations'),
      CIS_KUBERNETES('5.2.7', 'Minimize the admission of root containers'),
    ],
  },
  check(model, ctx) {
    if (!checkApplies(ctx, 'restricted', 23)) return;
    forEachPod(model, (pod) => {
      for (const { map, container } of securityContexts(pod)) {
        const found = setting(map, 'runAsUser');
        if (!found || found.templated || (found.value !== 0 && found.value !== '0')) continue;
        ctx.report({
          range: valueRangeOf(model, found),
          message: `${container ? containerTitle(container) : 'The pod'} runs as root (\`runAsUser: 0\`): use a non-zero UID.`,
          fixes: fixes(
            setScalarFix(model, found.node, 10001, 'Run as UID 10001', false),
            setScalarFix(model, found.node, 65532, 'Run as UID 65532 (distroless "nonroot")', false),
            removeKeyFix(model, map, 'runAsUser', "Remove `runAsUser` (use the image's USER)", false),
          ),
        });
      }
    });
  },
});
