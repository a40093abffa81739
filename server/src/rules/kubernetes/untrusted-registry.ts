import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference, NIST_800_190 } from '../../engine/references';
import { isTrustedRegistry } from '../../engine/image';
import { containerLabel } from '../../kubernetes/model';
import { containerImages } from './lib-images';
import { rangeOf, scalarSubRange } from './lib-objects';

export default kubernetesRule({
  id: 'kubernetes/untrusted-registry',
  title: 'Image from a registry that is not trusted',
  defaultSeverity: 'error',
  fix: '-',
  checklist: ['D1.5'],
  anchors: { trivy: ['KSV-0125'] },
  docs: {
    why: 'Images from registries your organisation does not control or vet can be replaced, typo-squatted or simply unscanned. Restricting the registries pods may pull from keeps what runs in the cluster to images that passed your pipeline. The rule is inactive until `trustedRegistries` is configured.',
    how: 'Pull the image through one of the trusted registries (mirror or rebuild it there), or add the registry to `trustedRegistries` in `.lashing.yaml` if it is vetted. Enforce the same list in the cluster with an admission policy (Kyverno, Gatekeeper, ValidatingAdmissionPolicy).',
    bad: '# trustedRegistries: [registry.example.com]\nimage: docker.io/someone/tool:1.0',
    good: 'image: registry.example.com/platform/tool:1.0',
    references: [checklistReference('D1.5'), NIST_800_190('4.1.5', 'Use of untrusted images')],
  },
  check(model, ctx) {
    const trusted = ctx.config.trustedRegistries;
    if (trusted.length === 0) return;
    for (const { container, node, ref } of containerImages(model)) {
      if (isTrustedRegistry(ref, trusted)) continue;
      const range = ref.registry ? scalarSubRange(model.source, node, 0, ref.registry.length) : rangeOf(model, node);
      const registry = ref.registry ? `\`${ref.registry}\`` : 'Docker Hub (`docker.io`, implied)';
      ctx.report({ range, message: `Image \`${ref.raw}\` of ${containerLabel(container)} comes from ${registry}, which is not among the trusted registries.` });
    }
  },
});
