import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference, NIST_800_190 } from '../../engine/references';
import { containerLabel } from '../../kubernetes/model';
import { containerImages } from './lib-images';
import { KUBERNETES_DOCS, rangeOf } from './lib-objects';

export default kubernetesRule({
  id: 'kubernetes/image-no-digest',
  title: 'Image not pinned by digest',
  defaultSeverity: 'hint',
  fix: '-',
  checklist: ['D1.4'],
  anchors: { checkov: ['CKV_K8S_43'] },
  docs: {
    why: 'A tag is a pointer the registry owner (or an attacker with push access) can move. Only the content digest (`@sha256:…`) names exactly the image that was built, scanned and signed, so every node runs the same bytes.',
    how: 'Append the digest to the tag: `image: nginx:1.27.3@sha256:<digest>` (`docker buildx imagetools inspect nginx:1.27.3` shows it). Keep the tag for readability; tools such as Renovate update both.',
    bad: 'image: nginx:1.27.3',
    good: 'image: nginx:1.27.3@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
    references: [checklistReference('D1.4'), NIST_800_190('4.1.5', 'Use of untrusted images'), KUBERNETES_DOCS('Images — image names', 'concepts/containers/images/#image-names')],
  },
  check(model, ctx) {
    for (const { container, node, ref } of containerImages(model)) {
      if (ref.digest) continue;
      ctx.report({ range: rangeOf(model, node), message: `Image \`${ref.raw}\` of ${containerLabel(container)} is not pinned by digest (\`@sha256:…\`): the tag can be moved to other content.` });
    }
  },
});
