import { dockerfileRule } from '../../dockerfile/rule';
import { externalImages } from '../../dockerfile/image-helpers';
import { checklistReference, CIS_DOCKER, DOCKERFILE_REFERENCE, NIST_800_190 } from '../../engine/references';

export default dockerfileRule({
  id: 'dockerfile/image-unpinned-tag',
  title: 'Image without a version tag',
  defaultSeverity: 'warning',
  fix: '-',
  checklist: ['D1.2'],
  anchors: { hadolint: ['DL3006', 'DL3007'], trivy: ['DS-0001'], checkov: ['CKV_DOCKER_7'] },
  docs: {
    why:
      'An image with no tag means `:latest`, and `:latest` is whatever was pushed last: two builds of the same Dockerfile can get different operating systems, runtimes and vulnerabilities, a rebuild can silently pick up a new major version, and nobody can tell which base a running image was built on or whether it still needs patching.',
    how:
      'Name the release you tested with, e.g. `python:3.13-slim` or `debian:bookworm-slim`, and update it deliberately (Dependabot and Renovate bump tags and digests). Pinning a digest (`@sha256:…`) also pins the image. Images built from `ARG`s are judged with the ARG defaults; a stage name is not an image.',
    bad: 'FROM node\nCOPY --from=nginx:latest /etc/nginx/nginx.conf /etc/nginx/',
    good: 'FROM node:22-bookworm-slim\nCOPY --from=nginx:1.27 /etc/nginx/nginx.conf /etc/nginx/',
    references: [
      checklistReference('D1.2'),
      CIS_DOCKER('4.2', 'Ensure that containers use only trusted base images'),
      NIST_800_190('4.2.2', 'Stale images in registries (refer to images by immutable names of discrete versions)'),
      CIS_DOCKER('4.4', 'Ensure images are scanned and rebuilt to include security patches'),
      DOCKERFILE_REFERENCE('FROM'),
    ],
  },
  check(model, ctx) {
    for (const use of externalImages(model)) {
      const { ref } = use;
      if (ref.digest !== undefined) continue;
      const tag = ref.tag;
      if (tag !== undefined && tag !== '' && tag.toLowerCase() !== 'latest') continue;
      const where = use.source === 'from' ? 'Base image' : use.source === 'copy' ? '`COPY --from` image' : '`RUN --mount` image';
      const what = tag === undefined || tag === '' ? 'has no tag, so it means `:latest`' : 'uses the `latest` tag';
      ctx.report({
        range: use.range,
        message: `${where} \`${ref.raw}\` ${what}: builds are not reproducible. Pin a version tag (or a digest).`,
      });
    }
  },
});
