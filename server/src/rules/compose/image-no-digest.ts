import { composeRule, COMPOSE_REFERENCE } from '../../compose/rule';
import { serviceImage } from '../../compose/values';
import { nodeRange } from '../../compose/model';
import { checklistReference, CIS_DOCKER, NIST_800_190 } from '../../engine/references';

export default composeRule({
  id: 'compose/image-no-digest',
  title: 'Image not pinned by digest',
  defaultSeverity: 'hint',
  fix: '-',
  checklist: ['D1.4'],
  anchors: {},
  docs: {
    why: 'A tag is a name the registry owner (or anyone who takes over the repository) can point at different content. A digest (`@sha256:…`) names exactly one image: what was tested and reviewed is what runs, and a tampered tag cannot slip in.',
    how: 'Append the digest of the tested image: `image: postgres:16.4@sha256:<digest>` (get it with `docker buildx imagetools inspect postgres:16.4`). Keep the tag for readability; a bot such as Renovate can update both. Services with `build:` are not checked: their `image:` names the image Compose builds, not one it pulls; `${VAR:-default}` is resolved to its default, and an image that depends on a variable without a default is left alone.',
    bad: 'services:\n  db:\n    image: postgres:16.4',
    good: 'services:\n  db:\n    image: postgres:16.4@sha256:<digest>',
    references: [checklistReference('D1.4'), CIS_DOCKER('4.5', 'Ensure Content trust for Docker is Enabled'), NIST_800_190('4.1.3', 'Embedded malware'), COMPOSE_REFERENCE('image')],
  },
  check(model, ctx) {
    for (const service of model.services) {
      const image = serviceImage(service);
      if (!image || image.ref.digest) continue;
      ctx.report({ range: nodeRange(model.source, image.node), message: `Image \`${image.value}\` is not pinned by digest: append \`@sha256:…\` of the tested image.` });
    }
  },
});
