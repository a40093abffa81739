// The Node server's workspace files: `fs` on `file:` URIs (server/src/node/files.ts).

import type { ServerPlatform, WorkspaceFiles } from '../workspace-files';
import { fileExists, isWithin, readTextFile, walkFiles } from './files';
import { URI } from './uri';

const fsPath = (uri: string): string | undefined => {
  try {
    const parsed = URI.parse(uri);
    return parsed.scheme === 'file' ? parsed.fsPath : undefined;
  } catch {
    return undefined;
  }
};

export const nodeWorkspaceFiles: WorkspaceFiles = {
  async listFiles(folder, options) {
    const root = fsPath(folder);
    if (root === undefined) return { files: [], truncated: false };
    const { files, truncated } = walkFiles(root, { root, ignore: options.ignore, include: options.include, maxEntries: options.maxEntries });
    return { files: files.map((file) => URI.file(file).toString()), truncated };
  },
  async readFile(uri, maxBytes) {
    const file = fsPath(uri);
    return file === undefined ? { skipped: 'not a file: URI' } : readTextFile(file, maxBytes);
  },
  async fileExists(uri) {
    return this.fileExistsSync?.(uri) ?? false;
  },
  fileExistsSync(uri) {
    const file = fsPath(uri);
    return file !== undefined && fileExists(file);
  },
  async isWithin(uri, folder) {
    const file = fsPath(uri);
    const root = fsPath(folder);
    return file !== undefined && root !== undefined && isWithin(file, root);
  },
};

export const nodePlatform: ServerPlatform = {
  name: 'node',
  files: nodeWorkspaceFiles,
  canRead: (scheme) => scheme === 'file',
};
