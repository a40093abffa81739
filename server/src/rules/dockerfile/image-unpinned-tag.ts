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
        // hadolint, Trivy and Checkov judge FROM only; hadolint splits "no tag" (DL3006) from `latest` (DL3007).
        anchors: use.source === 'from' ? [tag === undefined || tag === '' ? 'DL3006' : 'DL3007', 'DS-0001', 'CKV_DOCKER_7'] : [],
      });
    }
    // `FROM ${REGISTRY}/ubuntu`, `FROM $REPO/$IMAGE:latest`: the variables (without defaults) name
    // the registry or the path, but the image's last component, written out, has no tag or `latest`.
    for (const stage of model.stages) {
      const base = stage.base;
      if (!base.unresolved || base.stage || !base.image) continue;
      const text = base.image.raw;
      const slash = text.lastIndexOf('/');
      const last = text.slice(slash + 1);
      if (last.includes('@')) continue;
      const colon = last.lastIndexOf(':');
      const tag = colon < 0 ? undefined : last.slice(colon + 1);
      if (tag !== undefined && tag.toLowerCase() !== 'latest') continue;
      // Untagged only when the variables sit before the last `/`: `$IMAGE` alone may carry a tag.
      if (tag === undefined && (slash < 0 || !text.slice(0, slash).includes('$') || !/^[a-z0-9][a-z0-9._-]*$/.test(last))) continue;
      const what = tag === undefined ? 'has no tag, so it means `:latest` whatever the build arguments' : 'uses the `latest` tag';
      ctx.report({
        range: base.imageRange,
        message: `Base image \`${base.imageText}\` ${what}: builds are not reproducible. Pin a version tag (or a digest).`,
        anchors: [tag === undefined ? 'DL3006' : 'DL3007', 'DS-0001', 'CKV_DOCKER_7'],
      });
    }
  },
});
