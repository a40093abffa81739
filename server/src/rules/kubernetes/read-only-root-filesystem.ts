import { isScalar } from 'yaml';
import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference, CIS_DOCKER, NIST_800_190 } from '../../engine/references';
import { getPair, resolveNode } from '../../engine/yaml';
import { ensurePath, setScalar } from '../../engine/yaml-edit';
import { allContainers, containerLabel, isTemplated } from '../../kubernetes/model';
import { capitalize, containerAnchor, KUBERNETES_DOCS, rangeOf } from './lib-objects';

export default kubernetesRule({
  id: 'kubernetes/read-only-root-filesystem',
  title: 'Writable root file system',
  defaultSeverity: 'warning',
  fix: 'M',
  checklist: ['D2.4'],
  anchors: { trivy: ['KSV-0014'], checkov: ['CKV_K8S_22'], kubeLinter: ['no-read-only-root-fs'], polaris: ['notReadOnlyRootFilesystem'] },
  docs: {
    why: 'With a writable root file system an attacker who gets code execution can drop tools, change binaries or configuration and persist until the pod is replaced. A read-only root file system keeps the container exactly as the image was built and makes tampering fail loudly.',
    how: 'Set `securityContext.readOnlyRootFilesystem: true` on every container and give the paths the application must write to (`/tmp`, caches) an `emptyDir` volume.',
    bad: 'containers:\n  - name: app\n    image: registry.example.com/app:1.4.2',
    good: 'containers:\n  - name: app\n    image: registry.example.com/app:1.4.2\n    securityContext:\n      readOnlyRootFilesystem: true\n    volumeMounts:\n      - name: tmp\n        mountPath: /tmp\nvolumes:\n  - name: tmp\n    emptyDir: {}',
    references: [checklistReference('D2.4'), CIS_DOCKER('5.13', "Ensure that the container's root filesystem is mounted as read only"), NIST_800_190('4.4.3', 'Insecure container runtime configurations'), KUBERNETES_DOCS('Configure a Security Context', 'tasks/configure-pod-container/security-context/')],
  },
  check(model, ctx) {
    for (const container of allContainers(model)) {
      // Not supported for Windows containers: `spec.os.name: windows`, or pods placed on Windows
      // nodes the older way (kubernetes/website's Windows examples).
      if (container.pod.onWindowsNodes) continue;
      const pair = container.securityContext ? getPair(container.securityContext, 'readOnlyRootFilesystem') : undefined;
      const value = resolveNode(pair?.value);
      if (isScalar(value) && value.value === true) continue;
      if (isTemplated(value)) continue;
      if (isScalar(value) && value.value !== null && value.range) {
        ctx.report({
          range: rangeOf(model, value),
          message: `${capitalize(containerLabel(container))} has a writable root file system: set \`readOnlyRootFilesystem: true\` and mount an emptyDir where it must write.`,
          fixes: [{ title: 'Set readOnlyRootFilesystem: true', mechanical: true, edits: [setScalar(model.source, value, true)] }],
        });
        continue;
      }
      if (container.pod.object.partial) continue;
      if (container.securityContextKey && !container.securityContext && !isNullish(resolveNode(container.securityContextKey.value))) continue; // templated or odd value
      const edits = ensurePath(model.source, container.map, ['securityContext'], [{ key: 'readOnlyRootFilesystem', value: true }]);
      ctx.report({
        range: containerAnchor(model, container),
        message: `${capitalize(containerLabel(container))} does not set \`readOnlyRootFilesystem: true\`: its root file system is writable.`,
        fixes: edits.length > 0 ? [{ title: 'Set readOnlyRootFilesystem: true in the container securityContext', mechanical: true, edits }] : [],
      });
    }
  },
});

function isNullish(node: unknown): boolean {
  return node === undefined || (isScalar(node) && (node.value === null || node.value === undefined));
}
