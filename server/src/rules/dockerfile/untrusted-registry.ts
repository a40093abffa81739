import { dockerfileRule } from '../../dockerfile/rule';
import { externalImages } from '../../dockerfile/image-helpers';
import { isTrustedRegistry } from '../../engine/image';
import { checklistReference, CIS_DOCKER, NIST_800_190 } from '../../engine/references';

export default dockerfileRule({
  id: 'dockerfile/untrusted-registry',
  title: 'Image from an untrusted registry',
  defaultSeverity: 'error',
  fix: '-',
  checklist: ['D1.5'],
  anchors: { hadolint: ['DL3026'] },
  docs: {
    why:
      'Every image a build pulls runs its content in your supply chain. Registries your organisation has not approved may host typosquatted or abandoned images, are not scanned or mirrored, and can disappear. This rule is inactive until you list the trusted registries (`trustedRegistries` in `.lashing.yaml` or the `lashing.trustedRegistries` setting).',
    how:
      'Pull base images (and `COPY --from` images) from a registry on the list, e.g. your organisation\'s mirror, or add the registry if it is trusted. Entries are hosts (`ghcr.io`), hosts with a path prefix (`ghcr.io/my-org`), or `*.example.com` for every subdomain (hadolint\'s `allowedRegistries` carry over as they are); Docker Hub images count as `docker.io`.',
    bad: '# trustedRegistries: [registry.example.com]\nFROM docker.io/library/python:3.13-slim',
    good: '# trustedRegistries: [registry.example.com]\nFROM registry.example.com/mirror/python:3.13-slim',
    references: [
      checklistReference('D1.5'),
      CIS_DOCKER('4.2', 'Ensure that containers use only trusted base images'),
      NIST_800_190('4.1.5', 'Use of untrusted images'),
    ],
  },
  check(model, ctx) {
    const trusted = ctx.config.trustedRegistries;
    if (trusted.length === 0) return;
    for (const use of externalImages(model)) {
      if (isTrustedRegistry(use.ref, trusted)) continue;
      ctx.report({
        range: use.range,
        message: `\`${use.ref.raw}\` comes from \`${use.ref.effectiveRegistry}\`, which is not among the trusted registries (${trusted.join(', ')}).`,
      });
    }
  },
});
