// The cross-file index the hosts keep over every manifest of the workspace.

import type { ParsedDocument } from '../engine/language';
import type { ManifestFacts } from '../engine/types';
import type { KubernetesModel } from '../kubernetes/model';
import { ManifestIndex } from '../kubernetes/index-facts';

export interface WorkspaceIndex {
  /** Records a parsed file; returns true when the cross-file facts changed. */
  update(file: string, model: ParsedDocument): boolean;
  remove(file: string): boolean;
  facts(): ManifestFacts | undefined;
}

export function createWorkspaceIndex(): WorkspaceIndex {
  const manifests = new ManifestIndex();
  return {
    update: (file, model) => (model.kind === 'kubernetes' ? manifests.update(file, model as KubernetesModel) : manifests.remove(file)),
    remove: (file) => manifests.remove(file),
    facts: () => manifests.facts(),
  };
}
