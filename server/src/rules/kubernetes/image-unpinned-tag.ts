import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference, NIST_800_190 } from '../../engine/references';
import { containerLabel } from '../../kubernetes/model';
import { containerImages } from './lib-images';
import { KUBERNETES_DOCS, rangeOf, scalarSubRange } from './lib-objects';

export default kubernetesRule({
  id: 'kubernetes/image-unpinned-tag',
  title: 'Image without a tag or with `latest`',
  defaultSeverity: 'warning',
  fix: '-',
  checklist: ['D1.2'],
  anchors: { trivy: ['KSV-0013'], checkov: ['CKV_K8S_14'], kubeLinter: ['latest-tag'], polaris: ['tagNotSpecified'] },
  docs: {
    why: 'An image without a tag means `:latest`, and `latest` moves: each node may pull a different build, a rollback redeploys whatever `latest` is today, and nobody can tell which version (and which vulnerabilities) is running. Kubernetes also pulls `latest` on every start (`imagePullPolicy: Always`), so a registry outage stops restarts.',
    how: 'Name a version tag you update on purpose (`nginx:1.27.3`), ideally with its digest (`nginx:1.27.3@sha256:…`), and let a bot such as Renovate or Dependabot propose updates.',
    bad: 'containers:\n  - name: web\n    image: nginx:latest',
    good: 'containers:\n  - name: web\n    image: nginx:1.27.3',
    references: [checklistReference('D1.2'), NIST_800_190('4.1.1', 'Image vulnerabilities'), KUBERNETES_DOCS('Images — image names and tags', 'concepts/containers/images/#image-names')],
  },
  check(model, ctx) {
    for (const { container, node, ref } of containerImages(model)) {
      if (ref.digest) continue;
      if (ref.tag === undefined || ref.tag === '') {
        ctx.report({ range: rangeOf(model, node), message: `Image \`${ref.raw}\` of ${containerLabel(container)} has no tag, so it runs whatever \`latest\` is when the pod starts: pin a version.` });
      } else if (ref.tag.toLowerCase() === 'latest' && ref.tagStart !== undefined) {
        ctx.report({
          range: scalarSubRange(model.source, node, ref.tagStart, ref.tagStart + ref.tag.length),
          message: `Image \`${ref.raw}\` of ${containerLabel(container)} uses the moving \`latest\` tag: pin a version.`,
        });
      }
    }
  },
});
