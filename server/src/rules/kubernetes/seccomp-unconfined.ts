import { isScalar } from 'yaml';
import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference, NIST_800_190, PSS } from '../../engine/references';
import { mapEntries, nodeRange } from '../../engine/yaml';
import { isTemplated } from '../../kubernetes/model';
import { checkApplies, CIS_KUBERNETES, containerTitle, fixes, forEachPod, mapAt, podAnnotations, securityContexts, setScalarFix, setting, valueRangeOf } from '../../kubernetes/pss';

const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';
/** The seccomp annotations took effect until 1.26 (from 1.19 they were copied into the fields). */
const LAST_ANNOTATION_MINOR = 26;

export default kubernetesRule({
  id: 'kubernetes/seccomp-unconfined',
  title: 'Seccomp disabled (Unconfined)',
  defaultSeverity: 'warning',
  fix: 'M',
  checklist: ['D2.2'],
  pss: ['seccompProfile_baseline'],
  anchors: { trivy: ['KSV-0104'] },
  docs: {
    why: 'Seccomp filters the system calls a container may make. The runtime\'s default profile blocks a few dozen calls that are rarely needed and often used in kernel exploits and container escapes (`unshare`, `keyctl`, `bpf`, `mount`…). `Unconfined` turns that filter off and exposes the whole kernel attack surface.',
    how: 'Set `seccompProfile.type: RuntimeDefault` (or a `Localhost` profile tailored to the workload). Old manifests used the annotations `seccomp.security.alpha.kubernetes.io/pod` / `container.seccomp.security.alpha.kubernetes.io/<name>`, which stopped working in Kubernetes 1.27: use the field.',
    bad: 'securityContext:\n  seccompProfile:\n    type: Unconfined',
    good: 'securityContext:\n  seccompProfile:\n    type: RuntimeDefault',
    references: [
      checklistReference('D2.2'),
      PSS('Seccomp'),
      NIST_800_190('4.4.3', 'Insecure container runtime configurations'),
      CIS_KUBERNETES('5.7.2', 'Ensure that the seccomp profile is set to docker/default in your pod definitions'),
    ],
  },
  check(model, ctx) {
    if (!checkApplies(ctx, 'baseline')) return;
    const fields = checkApplies(ctx, 'baseline', 19);
    const annotations = !checkApplies(ctx, 'baseline', LAST_ANNOTATION_MINOR + 1);
    forEachPod(model, (pod) => {
      if (annotations) {
        for (const entry of mapEntries(podAnnotations(pod))) {
          if (entry.key !== POD_ANNOTATION && !entry.key.startsWith(CONTAINER_ANNOTATION_PREFIX)) continue;
          if (!isScalar(entry.value) || isTemplated(entry.value) || entry.value.value !== 'unconfined') continue;
          const target = entry.key === POD_ANNOTATION ? 'the pod' : `container "${entry.key.slice(CONTAINER_ANNOTATION_PREFIX.length)}"`;
          ctx.report({
            range: nodeRange(model.source, entry.value),
            message: `Seccomp is disabled for ${target} (annotation \`unconfined\`).`,
            fixes: fixes(setScalarFix(model, entry.value, 'runtime/default', 'Use `runtime/default`')),
          });
        }
      }
      if (!fields) return;
      for (const { map, container } of securityContexts(pod)) {
        const type = setting(mapAt(map, 'seccompProfile'), 'type');
        if (!type || type.templated || type.value !== 'Unconfined') continue;
        ctx.report({
          range: valueRangeOf(model, type),
          message: `${container ? containerTitle(container) : 'The pod'} runs without seccomp (\`Unconfined\`): every system call of the kernel is reachable.`,
          fixes: fixes(setScalarFix(model, type.node, 'RuntimeDefault', 'Use `RuntimeDefault`')),
        });
      }
    });
  },
});
