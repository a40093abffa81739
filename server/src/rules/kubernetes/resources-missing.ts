import { isMap, isScalar, type YAMLMap } from 'yaml';
import { kubernetesRule } from '../../kubernetes/rule';
import { checklistReference, CIS_DOCKER } from '../../engine/references';
import { getMap, getPair, resolveNode } from '../../engine/yaml';
import { ensurePath, type MapEntryInput, type YamlValue } from '../../engine/yaml-edit';
import { allContainers, containerLabel, isTemplated } from '../../kubernetes/model';
import { capitalize, containerAnchor, KUBERNETES_DOCS, scalarText } from './lib-objects';

const DEFAULT_CPU_REQUEST = '100m';
const DEFAULT_MEMORY = '256Mi';

export default kubernetesRule({
  id: 'kubernetes/resources-missing',
  title: 'Container without memory limit or resource requests',
  defaultSeverity: 'warning',
  fix: 'S',
  checklist: ['O4.4'],
  anchors: {
    trivy: ['KSV-0011', 'KSV-0015', 'KSV-0016', 'KSV-0018'],
    checkov: ['CKV_K8S_10', 'CKV_K8S_11', 'CKV_K8S_12', 'CKV_K8S_13'],
    kubeLinter: ['unset-cpu-requirements', 'unset-memory-requirements'],
    polaris: ['cpuRequestsMissing', 'memoryRequestsMissing', 'memoryLimitsMissing'],
  },
  docs: {
    why: 'Without a memory limit one container (a leak, or an attacker mining or flooding) can use all the memory of its node and get its neighbours evicted or OOM-killed. Without requests the scheduler places pods blindly, nodes get overcommitted, and the pod is the first to be evicted under pressure.',
    how: 'Give every container `resources.requests` for CPU and memory (what it needs) and a `resources.limits.memory` (usually equal to the memory request). A CPU limit is optional: it throttles rather than protects. A namespace `LimitRange` can supply defaults, a `ResourceQuota` caps the namespace.',
    bad: 'containers:\n  - name: app\n    image: registry.example.com/app:1.4.2',
    good: 'containers:\n  - name: app\n    image: registry.example.com/app:1.4.2\n    resources:\n      requests:\n        cpu: 100m\n        memory: 256Mi\n      limits:\n        memory: 256Mi',
    references: [checklistReference('O4.4'), CIS_DOCKER('5.10', 'Ensure that the memory usage for containers is limited'), KUBERNETES_DOCS('Resource Management for Pods and Containers', 'concepts/configuration/manage-resources-containers/')],
  },
  check(model, ctx) {
    for (const container of allContainers(model)) {
      if (container.list === 'ephemeralContainers') continue; // ephemeral containers may not set resources
      if (container.pod.object.partial) continue;
      const resourcesPair = getPair(container.map, 'resources');
      const resourcesNode = resolveNode(resourcesPair?.value);
      if (resourcesPair && !isMap(resourcesNode) && !(isScalar(resourcesNode) && resourcesNode.value === null)) continue; // templated or odd
      if (isTemplated(resourcesNode)) continue;
      const resources = isMap(resourcesNode) ? resourcesNode : undefined;
      const requests = getMap(resources, 'requests');
      const limits = getMap(resources, 'limits');
      const has = (map: YAMLMap | undefined, key: string): boolean => {
        const node = resolveNode(getPair(map, key)?.value);
        return isTemplated(node) || scalarText(node) !== undefined;
      };
      const memoryLimit = has(limits, 'memory');
      const cpuRequest = has(requests, 'cpu') || has(limits, 'cpu'); // a limit alone sets the request
      const memoryRequest = has(requests, 'memory') || memoryLimit;
      const missing: string[] = [];
      if (!memoryLimit) missing.push('memory limit');
      if (!cpuRequest) missing.push('CPU request');
      if (!memoryRequest) missing.push('memory request');
      if (missing.length === 0) continue;

      const requestEntries: Record<string, YamlValue> = {};
      if (!cpuRequest) requestEntries.cpu = DEFAULT_CPU_REQUEST;
      if (!has(requests, 'memory') && !memoryLimit) requestEntries.memory = DEFAULT_MEMORY;
      const entries: MapEntryInput[] = [];
      if (Object.keys(requestEntries).length > 0) entries.push({ key: 'requests', value: requestEntries });
      if (!memoryLimit) entries.push({ key: 'limits', value: { memory: scalarText(resolveNode(getPair(requests, 'memory')?.value)) ?? DEFAULT_MEMORY } });
      const edits = ensurePath(model.source, container.map, ['resources'], entries);
      ctx.report({
        range: containerAnchor(model, container),
        message: `${capitalize(containerLabel(container))} has no ${joinWords(missing)}: one pod can starve its node and the scheduler cannot place it soundly.`,
        fixes: edits.length > 0 ? [{ title: 'Add resource requests and a memory limit (adjust the values to the workload)', mechanical: false, edits }] : [],
      });
    }
  },
});

function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}
