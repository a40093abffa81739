// The Web Worker server's workspace files: LSP requests that the editor answers through
// `vscode.workspace.fs` and `workspace.findFiles` (client/src/workspaceFiles.ts). No Node built-ins.

import type { Connection } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import * as protocol from '../protocol';
import { filterListing, MAX_FILE_BYTES, MAX_WALK_ENTRIES, posixRelative, SKIPPED_FOLDERS, type ServerPlatform, type WorkspaceFiles } from '../workspace-files';

export function requestWorkspaceFiles(connection: Connection): WorkspaceFiles {
  return {
    async listFiles(folder, options) {
      const maxResults = options.maxEntries ?? MAX_WALK_ENTRIES;
      const listing = await connection.sendRequest<protocol.ListFilesResult>(protocol.ListFilesRequest, { folder, skippedFolders: [...SKIPPED_FOLDERS], maxResults } satisfies protocol.ListFilesParams);
      const root = URI.parse(folder);
      const byRelative = new Map<string, string>();
      for (const file of listing?.files ?? []) {
        const uri = URI.parse(file);
        if (uri.scheme !== root.scheme || uri.authority !== root.authority) continue;
        const relative = posixRelative(root.path, uri.path);
        if (relative) byRelative.set(relative, uri.toString());
      }
      const kept = filterListing([...byRelative.keys()], options);
      return { files: kept.map((relative) => byRelative.get(relative) as string), truncated: listing?.truncated === true };
    },
    async readFile(uri, maxBytes = MAX_FILE_BYTES) {
      try {
        const result = await connection.sendRequest<protocol.ReadFileResult>(protocol.ReadFileRequest, { uri, maxBytes } satisfies protocol.ReadFileParams);
        if (result && typeof (result as { text?: unknown }).text === 'string') return { text: (result as { text: string }).text };
        return { skipped: result && typeof (result as { skipped?: unknown }).skipped === 'string' ? (result as { skipped: string }).skipped : 'unreadable' };
      } catch (error) {
        return { skipped: error instanceof Error ? error.message : String(error) };
      }
    },
    async fileExists(uri) {
      try {
        return (await connection.sendRequest<boolean>(protocol.FileExistsRequest, { uri } satisfies protocol.FileExistsParams)) === true;
      } catch {
        return false;
      }
    },
    async isWithin(uri, folder) {
      try {
        return (await connection.sendRequest<boolean>(protocol.IsWithinRequest, { uri, folder } satisfies protocol.IsWithinParams)) === true;
      } catch {
        return false;
      }
    },
  };
}

export function webPlatform(connection: Connection): ServerPlatform {
  return {
    name: 'web',
    files: requestWorkspaceFiles(connection),
    // Every workspace file system the editor has (file, vscode-remote, vscode-vfs…); untitled buffers have no folder.
    canRead: (scheme) => scheme !== 'untitled' && scheme !== 'vscode-userdata',
  };
}
