import { composeRule, COMPOSE_REFERENCE } from '../../compose/rule';
import { imagePartRange, serviceImage } from '../../compose/values';
import { nodeRange } from '../../compose/model';
import { checklistReference, CIS_DOCKER, NIST_800_190 } from '../../engine/references';

export default composeRule({
  id: 'compose/image-unpinned-tag',
  title: 'Image without a fixed tag',
  defaultSeverity: 'warning',
  fix: '-',
  checklist: ['D1.2'],
  anchors: {},
  docs: {
    why: 'An image with no tag means `latest`, and `latest` moves: every `docker compose pull` may bring a different version, with new vulnerabilities or breaking changes, and you cannot tell which version runs or roll back to the previous one.',
    how: 'Name a version tag (`postgres:16.4`, `nginx:1.27-alpine`) and update it deliberately, e.g. with Renovate or Dependabot. Pin the digest as well for full reproducibility (`compose/image-no-digest`). Services with `build:` are not checked: their `image:` names the image Compose builds, not one it pulls; `${VAR:-default}` is resolved to its default, and an image that depends on a variable without a default is left alone.',
    bad: 'services:\n  web:\n    image: nginx',
    good: 'services:\n  web:\n    image: nginx:1.27.2-alpine',
    references: [checklistReference('D1.2'), CIS_DOCKER('5.27', 'Ensure that Docker commands always make use of the latest version of their image'), NIST_800_190('4.1.1', 'Image vulnerabilities'), COMPOSE_REFERENCE('image')],
  },
  check(model, ctx) {
    for (const service of model.services) {
      const image = serviceImage(service);
      if (!image || image.ref.digest) continue;
      const { ref } = image;
      if (ref.tag === undefined) {
        ctx.report({ range: nodeRange(model.source, image.node), message: `Image \`${image.value}\` has no tag, so it is \`latest\`: pin a version tag.` });
      } else if (ref.tag.toLowerCase() === 'latest' && ref.tagStart !== undefined) {
        ctx.report({ range: imagePartRange(model, image, ref.tagStart, ref.tagStart + ref.tag.length), message: `Image \`${image.value}\` uses the moving \`latest\` tag: pin a version tag.` });
      }
    }
  },
});
