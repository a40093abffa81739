import { composeRule, COMPOSE_REFERENCE } from '../../compose/rule';
import { imagePartRange, serviceImage } from '../../compose/values';
import { nodeRange } from '../../compose/model';
import { isTrustedRegistry } from '../../engine/image';
import { checklistReference, CIS_DOCKER, NIST_800_190 } from '../../engine/references';

export default composeRule({
  id: 'compose/untrusted-registry',
  title: 'Image from an untrusted registry',
  defaultSeverity: 'error',
  fix: '-',
  checklist: ['D1.5'],
  anchors: {},
  docs: {
    why: 'Images run with your data and network access. Images from registries your organisation has not approved skip its scanning, signing and provenance checks, and may be typosquats or abandoned repositories taken over by someone else. This rule is inactive until you list your trusted registries.',
    how: 'Pull from a registry in the trusted list (for example a mirror or proxy cache of Docker Hub), or add the registry — or a `registry/organisation` prefix — to `trustedRegistries` in `.lashing.yaml` after review. Services with `build:` are not checked: their `image:` names the image Compose builds, not one it pulls; `${VAR:-default}` is resolved to its default, and an image that depends on a variable without a default is left alone.',
    bad: '# trustedRegistries: [registry.example.com]\nservices:\n  web:\n    image: randomuser/nginx:1.27',
    good: 'services:\n  web:\n    image: registry.example.com/library/nginx:1.27',
    references: [checklistReference('D1.5'), CIS_DOCKER('4.2', 'Ensure that containers use only trusted base images'), NIST_800_190('4.1.5', 'Use of untrusted images'), COMPOSE_REFERENCE('image')],
  },
  check(model, ctx) {
    const trusted = ctx.config.trustedRegistries;
    if (trusted.length === 0) return;
    for (const service of model.services) {
      const image = serviceImage(service);
      if (!image || isTrustedRegistry(image.ref, trusted)) continue;
      // The registry host is the problem unless some trusted entry names it with a path (`ghcr.io/my-org`).
      const host = image.ref.registry.toLowerCase();
      const hostTrustedForSomePath = trusted.some((entry) => entry.trim().toLowerCase().replace(/^[a-z]+:\/\//, '').startsWith(host + '/'));
      const range = host && !hostTrustedForSomePath ? imagePartRange(model, image, 0, image.ref.registry.length) : nodeRange(model.source, image.node);
      ctx.report({ range, message: `Image \`${image.value}\` comes from \`${image.ref.effectiveRegistry}\`, which is not a trusted registry (${trusted.join(', ')}).` });
    }
  },
});
