import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference, NIST_800_190, PSS } from '../../engine/references';
import type { Fix } from '../../engine/types';
import type { ContainerRef } from '../../kubernetes/model';
import { checkApplies, CIS_KUBERNETES, containerRange, containerTitle, ensureFix, fixes, forEachPod, keyRangeOf, mapAt, podRange, pssLevel, setScalarFix, setting, valueRangeOf, windowsExempt, type Setting } from '../../kubernetes/pss';
import type { YAMLMap } from 'yaml';

const VALID = new Set(['RuntimeDefault', 'Localhost']);

type Judgement = { state: 'valid' } | { state: 'absent' } | { state: 'invalid'; profile: Setting; type?: Setting };

/** Judges a `seccompProfile` in a security context as the restricted check does. */
function judge(securityContext: YAMLMap | undefined): Judgement {
  const profile = setting(securityContext, 'seccompProfile');
  if (!profile || profile.templated) return profile ? { state: 'valid' } : { state: 'absent' };
  if (profile.node === undefined || profile.value === null) return { state: 'absent' };
  const type = setting(mapAt(securityContext, 'seccompProfile'), 'type');
  if (type?.templated) return { state: 'valid' };
  if (type && VALID.has(String(type.value))) return { state: 'valid' };
  return { state: 'invalid', profile, type };
}

export default kubernetesRule({
  id: 'kubernetes/seccomp-profile-missing',
  title: 'No seccomp profile',
  defaultSeverity: 'warning',
  fix: 'M',
  checklist: ['D2.2'],
  pss: ['seccompProfile_restricted'],
  anchors: { trivy: ['KSV-0030'], checkov: ['CKV_K8S_31'] },
  docs: {
    why: 'Without a seccomp profile Kubernetes runs containers `Unconfined` (unless the kubelet\'s `seccompDefault` is on, which the manifest cannot rely on): every system call of the kernel is reachable, including the rarely needed ones used by most container-escape exploits. The restricted profile requires `RuntimeDefault` or a `Localhost` profile for every container.',
    how: 'Set `seccompProfile.type: RuntimeDefault` in the pod `securityContext`; containers inherit it. Use `Localhost` with `localhostProfile` for a tailored profile. Since Kubernetes 1.25 Windows pods (`spec.os.name: windows`) are exempt.',
    bad: 'spec:\n  containers:\n  - name: app\n    image: nginx:1.27',
    good: 'spec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n  containers:\n  - name: app\n    image: nginx:1.27',
    references: [
      checklistReference('D2.2'),
      PSS('Seccomp'),
      NIST_800_190('4.4.3', 'Insecure container runtime configurations'),
      CIS_KUBERNETES('5.7.2', 'Ensure that the seccomp profile is set to docker/default in your pod definitions'),
    ],
  },
  check(model, ctx) {
    if (!checkApplies(ctx, 'restricted', 19)) return;
    const level = pssLevel(ctx);
    forEachPod(model, (pod) => {
      if (windowsExempt(pod, level)) return;
      const podJudgement = judge(pod.securityContext);
      const podFix = (): Fix | undefined =>
        ensureFix(model, pod.spec, ['securityContext', 'seccompProfile'], [{ key: 'type', value: 'RuntimeDefault' }], 'Set `seccompProfile.type: RuntimeDefault` for the pod');
      const reportInvalid = (judgement: Judgement & { state: 'invalid' }, where: string): void => {
        const { profile, type } = judgement;
        ctx.report({
          range: type ? valueRangeOf(model, type) : keyRangeOf(model, profile.pair),
          message: `${where} uses seccomp profile ${type ? `\`${String(type.value)}\`` : 'without a type'}: the restricted profile requires \`RuntimeDefault\` or \`Localhost\`.`,
          fixes: type ? fixes(setScalarFix(model, type.node, 'RuntimeDefault', 'Use `RuntimeDefault`')) : [],
        });
      };
      if (podJudgement.state === 'invalid') reportInvalid(podJudgement, 'The pod');
      const missing: ContainerRef[] = [];
      for (const container of pod.containers) {
        const judgement = judge(container.securityContext);
        if (judgement.state === 'invalid') reportInvalid(judgement, containerTitle(container));
        else if (judgement.state === 'absent' && podJudgement.state !== 'valid') missing.push(container);
      }
      // An invalid pod-level profile is reported (and fixed) once, at the pod.
      if (missing.length === 0 || podJudgement.state === 'invalid' || pod.object.partial) return;
      if (missing.length === pod.containers.length) {
        ctx.report({ range: podRange(model, pod), message: 'No seccomp profile for this pod or its containers: they run without system-call filtering.', fixes: fixes(podFix()) });
        return;
      }
      for (const container of missing) {
        ctx.report({
          range: containerRange(model, container),
          message: `${containerTitle(container)} has no seccomp profile (and the pod none to inherit): it runs without system-call filtering.`,
          fixes: fixes(podFix()),
        });
      }
    });
  },
});
