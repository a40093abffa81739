import { dockerfileRule } from '../../dockerfile/rule';
import { externalImages } from '../../dockerfile/image-helpers';
import { checklistReference, CIS_DOCKER, DOCKERFILE_REFERENCE, NIST_800_190 } from '../../engine/references';

export default dockerfileRule({
  id: 'dockerfile/image-no-digest',
  title: 'Image not pinned by digest',
  defaultSeverity: 'hint',
  fix: '-',
  checklist: ['D1.4'],
  anchors: {},
  docs: {
    why:
      'A tag is a movable name: whoever controls the registry repository (or an attacker who took it over) can point `python:3.13-slim` at different content, and the next build uses it without a trace. A digest (`@sha256:…`) names the exact content, so the build gets the bytes that were reviewed and scanned, and signatures can be verified against it.',
    how:
      'Append the digest of the image you tested: `docker buildx imagetools inspect python:3.13-slim` prints it. Keep the tag for readability (`python:3.13-slim@sha256:…`) and let Dependabot or Renovate update both together.',
    bad: 'FROM python:3.13-slim',
    good: 'FROM python:3.13-slim@sha256:<digest>',
    references: [
      checklistReference('D1.4'),
      CIS_DOCKER('4.2', 'Ensure that containers use only trusted base images'),
      NIST_800_190('4.2.2', 'Stale images in registries (refer to images by immutable names of discrete versions)'),
      NIST_800_190('4.1.5', 'Use of untrusted images'),
      DOCKERFILE_REFERENCE('FROM'),
    ],
  },
  check(model, ctx) {
    for (const use of externalImages(model)) {
      if (use.ref.digest !== undefined) continue;
      const where = use.source === 'from' ? 'Base image' : 'Image';
      ctx.report({ range: use.range, message: `${where} \`${use.ref.raw}\` is not pinned by digest: the tag can be moved to other content.` });
    }
  },
});
