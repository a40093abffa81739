import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference, NIST_800_190, PSS } from '../../engine/references';
import { checkApplies, containerTitle, fixes, forEachPod, pssLevel, removeKeyFix, setting, valueRangeOf } from '../../kubernetes/pss';

export default kubernetesRule({
  id: 'kubernetes/proc-mount',
  title: 'Unmasked /proc',
  defaultSeverity: 'warning',
  fix: 'M',
  checklist: ['D2.3'],
  pss: ['procMount', 'procMount_restricted'],
  anchors: { trivy: ['KSV-0027'], polaris: ['procMount'] },
  docs: {
    why: 'The runtime masks and makes read-only parts of `/proc` (such as `/proc/kcore`, `/proc/sys`, `/proc/sysrq-trigger`) that expose or control the node\'s kernel. `procMount: Unmasked` removes that protection. Since Kubernetes 1.35 the baseline profile allows it for pods with their own user namespace (`hostUsers: false`), where root in the container is not root on the node; the restricted profile never does.',
    how: 'Remove `procMount` (the default is `Default`). Nested container builds that need an unmasked `/proc` should run with `hostUsers: false` in a namespace with a suitable Pod Security level.',
    bad: 'securityContext:\n  procMount: Unmasked',
    good: 'securityContext:\n  allowPrivilegeEscalation: false',
    references: [checklistReference('D2.3'), PSS('/proc Mount Type'), NIST_800_190('4.4.3', 'Insecure container runtime configurations')],
  },
  check(model, ctx) {
    if (!checkApplies(ctx, 'baseline')) return;
    const level = pssLevel(ctx);
    // Baseline since 1.35: `Unmasked` is fine in a pod with its own user namespace.
    const userNamespaceRelaxation = level.profile === 'baseline' && level.minor >= 35;
    forEachPod(model, (pod) => {
      for (const container of pod.containers) {
        const sc = container.securityContext;
        const found = setting(sc, 'procMount');
        if (!sc || !found || found.templated || found.value === null || found.value === undefined || found.value === 'Default') continue;
        if (userNamespaceRelaxation && pod.hostUsers === false && found.value === 'Unmasked') continue;
        ctx.report({
          range: valueRangeOf(model, found),
          message: `${containerTitle(container)} sets \`procMount: ${String(found.value)}\`: the kernel interfaces in /proc are no longer masked.${level.minor >= 35 && pod.hostUsers !== false && level.profile === 'baseline' ? ' (Allowed only with `hostUsers: false`.)' : ''}`,
          fixes: fixes(removeKeyFix(model, sc, 'procMount', 'Remove `procMount`')),
        });
      }
    });
  },
});
