import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference, NIST_800_190, PSS } from '../../engine/references';
import { mapEntries, nodeRange } from '../../engine/yaml';
import { isScalar } from 'yaml';
import { isTemplated } from '../../kubernetes/model';
import { checkApplies, containerTitle, fixes, forEachPod, keyRangeOf, mapAt, podAnnotations, securityContexts, setScalarFix, setting, valueRangeOf } from '../../kubernetes/pss';

const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

/** Annotation values the admission plugin accepts: empty, the runtime default, or a node-local profile. */
function allowedAnnotation(value: string): boolean {
  return value === '' || value === 'runtime/default' || value.startsWith('localhost/');
}

export default kubernetesRule({
  id: 'kubernetes/apparmor-unconfined',
  title: 'AppArmor confinement disabled',
  defaultSeverity: 'warning',
  fix: 'M',
  checklist: ['D2.2'],
  pss: ['appArmorProfile'],
  anchors: { trivy: ['KSV-0002'] },
  docs: {
    why: 'On nodes with AppArmor, the runtime confines every container with its default profile, which blocks writes to sensitive `/proc` and `/sys` files, mounts and other operations used in container escapes. `Unconfined` removes that layer for the container.',
    how: 'Use `RuntimeDefault`, or a `Localhost` profile written for the workload. Since Kubernetes 1.30 set `securityContext.appArmorProfile`; older clusters use the `container.apparmor.security.beta.kubernetes.io/<container>` annotation with `runtime/default` or `localhost/<profile>`.',
    bad: 'securityContext:\n  appArmorProfile:\n    type: Unconfined',
    good: 'securityContext:\n  appArmorProfile:\n    type: RuntimeDefault',
    references: [checklistReference('D2.2'), PSS('AppArmor'), NIST_800_190('4.4.3', 'Insecure container runtime configurations')],
  },
  check(model, ctx) {
    if (!checkApplies(ctx, 'baseline')) return;
    const fields = checkApplies(ctx, 'baseline', 30);
    forEachPod(model, (pod) => {
      for (const entry of mapEntries(podAnnotations(pod))) {
        if (!entry.key.startsWith(ANNOTATION_PREFIX) || !isScalar(entry.value) || isTemplated(entry.value)) continue;
        const value = entry.value.value === null || entry.value.value === undefined ? '' : String(entry.value.value);
        if (allowedAnnotation(value)) continue;
        const container = entry.key.slice(ANNOTATION_PREFIX.length);
        ctx.report({
          range: nodeRange(model.source, entry.value),
          message: `AppArmor profile \`${value}\` for container "${container}": only \`runtime/default\` or \`localhost/<profile>\` keep it confined.`,
          fixes: fixes(setScalarFix(model, entry.value, 'runtime/default', 'Use `runtime/default`')),
        });
      }
      if (!fields) return;
      for (const { map, container } of securityContexts(pod)) {
        const profile = setting(map, 'appArmorProfile');
        const profileMap = mapAt(map, 'appArmorProfile');
        if (!profile || profile.templated || !profileMap) continue;
        const type = setting(profileMap, 'type');
        if (type?.templated) continue;
        const value = type?.value;
        if (value === 'RuntimeDefault' || value === 'Localhost') continue;
        const where = container ? containerTitle(container) : 'The pod';
        ctx.report({
          range: type ? valueRangeOf(model, type) : keyRangeOf(model, profile.pair),
          message: type ? `${where} sets AppArmor profile \`${String(value)}\`: only \`RuntimeDefault\` or \`Localhost\` keep it confined.` : `${where} sets an AppArmor profile without a type: use \`RuntimeDefault\` or \`Localhost\`.`,
          fixes: type ? fixes(setScalarFix(model, type.node, 'RuntimeDefault', 'Use `RuntimeDefault`')) : [],
        });
      }
    });
  },
});
