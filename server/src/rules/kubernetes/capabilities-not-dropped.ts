import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference, NIST_800_190, PSS } from '../../engine/references';
import { nodeRange } from '../../engine/yaml';
import { removeSeqItem } from '../../engine/yaml-edit';
import { isTemplated } from '../../kubernetes/model';
import { checkApplies, CIS_KUBERNETES, containerRange, containerTitle, ensureFix, fixes, forEachPod, keyRangeOf, mapAt, pssLevel, scalarItems, seqAt, setting, windowsExempt } from '../../kubernetes/pss';

export default kubernetesRule({
  id: 'kubernetes/capabilities-not-dropped',
  title: 'Capabilities not dropped',
  defaultSeverity: 'warning',
  fix: 'M',
  checklist: ['D2.5'],
  pss: ['capabilities_restricted'],
  anchors: { trivy: ['KSV-0003', 'KSV-0106'], checkov: ['CKV_K8S_28', 'CKV_K8S_37'], kubeLinter: ['drop-net-raw-capability'] },
  docs: {
    why: 'Containers start with a default set of Linux capabilities (`CHOWN`, `DAC_OVERRIDE`, `FOWNER`, `SETUID`, `NET_RAW` in some runtimes…). A compromised process can use them to change file ownership, bypass file permissions, switch users or craft raw packets. Dropping `ALL` removes them; the restricted profile then allows adding back only `NET_BIND_SERVICE`.',
    how: 'Set `capabilities.drop: ["ALL"]` in every container\'s `securityContext`, and add back only `NET_BIND_SERVICE` if the process binds a port below 1024. The name must be exactly `ALL`. Since Kubernetes 1.25 Windows pods are exempt.',
    bad: 'securityContext:\n  capabilities:\n    drop: ["NET_RAW"]',
    good: 'securityContext:\n  capabilities:\n    drop: ["ALL"]\n    add: ["NET_BIND_SERVICE"]',
    references: [
      checklistReference('D2.5'),
      PSS('Capabilities (restricted)'),
      NIST_800_190('4.4.3', 'Insecure container runtime configurations'),
      CIS_KUBERNETES('5.2.8–5.2.10', 'Minimize the admission of containers with capabilities assigned'),
    ],
  },
  check(model, ctx) {
    if (!checkApplies(ctx, 'restricted', 22)) return;
    const level = pssLevel(ctx);
    forEachPod(model, (pod) => {
      if (windowsExempt(pod, level)) return;
      for (const container of pod.containers) {
        const capabilitiesSetting = setting(container.securityContext, 'capabilities');
        if (setting(container.map, 'securityContext')?.templated || capabilitiesSetting?.templated) continue;
        const capabilities = mapAt(container.securityContext, 'capabilities');
        const dropSetting = setting(capabilities, 'drop');
        const drop = seqAt(capabilities, 'drop');
        const dropFix = (): ReturnType<typeof ensureFix> => ensureFix(model, container.map, ['securityContext', 'capabilities'], [{ key: 'drop', value: ['ALL'] }], 'Drop `ALL` capabilities');
        const dropUnknown = dropSetting?.templated || (drop !== undefined && drop.items.some((item) => isTemplated(item)));
        if (!dropUnknown && !scalarItems(drop).some((item) => item.value === 'ALL')) {
          const explicit = dropSetting !== undefined && dropSetting.value !== null;
          if (explicit) {
            ctx.report({
              range: keyRangeOf(model, dropSetting.pair),
              message: `${containerTitle(container)} drops some capabilities but not \`ALL\`.`,
              fixes: fixes(dropFix()),
            });
          } else if (!pod.object.partial) {
            ctx.report({
              range: containerRange(model, container),
              message: `${containerTitle(container)} keeps the runtime's default capabilities: drop \`ALL\`.`,
              fixes: fixes(dropFix()),
            });
          }
        }
        const add = seqAt(capabilities, 'add');
        for (const item of scalarItems(add)) {
          if (item.value === 'NET_BIND_SERVICE') continue;
          ctx.report({
            range: nodeRange(model.source, item.node),
            message: `${containerTitle(container)} adds \`${String(item.value)}\`: the restricted profile allows adding only \`NET_BIND_SERVICE\`.`,
            fixes: [{ title: `Remove \`${String(item.value)}\` from capabilities.add`, mechanical: false, edits: removeSeqItem(model.source, add!, item.index) }],
          });
        }
      }
    });
  },
});
