// The cross-file index the hosts keep over every manifest of the workspace.

import type { ParsedDocument } from '../engine/language';
import type { ManifestFacts } from '../engine/types';

export interface WorkspaceIndex {
  update(file: string, model: ParsedDocument): void;
  remove(file: string): void;
  facts(): ManifestFacts | undefined;
}

/** Until the Kubernetes index lands, an index that knows nothing (rules judge single files). */
export function createWorkspaceIndex(): WorkspaceIndex {
  return { update: () => undefined, remove: () => undefined, facts: () => undefined };
}
