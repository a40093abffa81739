import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference, PSS } from '../../engine/references';
import { getPair, getScalar, keyRange, nodeStart } from '../../engine/yaml';
import { ensurePath } from '../../engine/yaml-edit';
import { KUBERNETES_DOCS, scalarText } from './lib-objects';

export const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';
/** Namespaces run by the control plane itself: they legitimately hold privileged pods. */
export const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

export default kubernetesRule({
  id: 'kubernetes/namespace-without-pod-security',
  title: 'Namespace without Pod Security admission',
  defaultSeverity: 'info',
  fix: 'M',
  checklist: ['O4.3'],
  anchors: {},
  docs: {
    why: 'Pod Security admission only enforces the Pod Security Standards in namespaces labelled `pod-security.kubernetes.io/enforce`. Without the label, anyone who may create pods there can run privileged pods, mount the host file system or join the host network — linting manifests does not stop a `kubectl run`.',
    how: 'Label the namespace with `pod-security.kubernetes.io/enforce: restricted` (or `baseline` where restricted is not yet possible); add `warn`/`audit` labels at the stricter level to prepare the next step, and pin `enforce-version` if you want upgrades to be deliberate.',
    bad: 'kind: Namespace\nmetadata:\n  name: shop',
    good: 'kind: Namespace\nmetadata:\n  name: shop\n  labels:\n    pod-security.kubernetes.io/enforce: restricted',
    references: [checklistReference('O4.3'), PSS('Restricted'), KUBERNETES_DOCS('Enforce Pod Security Standards with namespace labels', 'tasks/configure-pod-container/enforce-standards-namespace-labels/')],
  },
  check(model, ctx) {
    for (const object of model.objects) {
      if (object.kind !== 'Namespace' || object.apiVersion !== 'v1' || object.partial) continue;
      const name = scalarText(getScalar(object.metadata, 'name'));
      if (name !== undefined && SYSTEM_NAMESPACES.has(name)) continue;
      if (Object.prototype.hasOwnProperty.call(object.labels, ENFORCE_LABEL)) continue;
      const labelsPair = getPair(object.metadata, 'labels');
      const metadataPair = getPair(object.map, 'metadata');
      const range = labelsPair ? keyRange(model.source, labelsPair) : metadataPair ? keyRange(model.source, metadataPair) : model.source.rangeAt(nodeStart(object.map), nodeStart(object.map));
      const profile = ctx.config.kubernetes.profile;
      const edits = ensurePath(model.source, object.map, ['metadata', 'labels'], [{ key: ENFORCE_LABEL, value: profile }]);
      ctx.report({
        range,
        message: `Namespace${name ? ` "${name}"` : ''} has no \`${ENFORCE_LABEL}\` label: Pod Security admission does not stop privileged pods there.`,
        fixes: edits.length > 0 ? [{ title: `Add label ${ENFORCE_LABEL}: ${profile}`, mechanical: true, edits }] : [],
      });
    }
  },
});
