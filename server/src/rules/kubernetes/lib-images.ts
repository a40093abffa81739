// The container images of a manifest, parsed once per model for the three image rules.

import type { Scalar } from 'yaml';
import { parseImageReference, type ImageReference } from '../../engine/image';
import { allContainers, isTemplated, type ContainerRef, type KubernetesModel } from '../../kubernetes/model';

export interface ContainerImage {
  container: ContainerRef;
  node: Scalar;
  ref: ImageReference;
}

const cache = new WeakMap<KubernetesModel, ContainerImage[]>();

/**
 * Every container image written literally: templated values (`{{ .Values.image }}`, `${IMAGE}`)
 * and empty images are left out, since their final value is not known here. So are Tekton and
 * Argo parameters (`$(params.image)`, `{{inputs.parameters.image}}`).
 */
export function containerImages(model: KubernetesModel): ContainerImage[] {
  let images = cache.get(model);
  if (images) return images;
  images = [];
  for (const container of allContainers(model)) {
    const node = container.image;
    if (!node || isTemplated(node) || typeof node.value !== 'string') continue;
    const raw = node.value.trim();
    if (raw === '' || raw !== node.value) continue;
    const ref = parseImageReference(raw);
    if (ref.hasVariables || /[\s{}]|\$\(/.test(raw)) continue;
    images.push({ container, node, ref });
  }
  cache.set(model, images);
  return images;
}
