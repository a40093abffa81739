// Answers the Web Worker server's file requests (server/src/protocol.ts, `lashing/fs/*`) with the editor's
// file API, so the server reads whatever file system the workspace lives on (a local folder, a remote,
// github.dev's virtual file system). The Node server reads with `fs` and never sends them.
// Like the Node server, nothing is read through a symbolic link.

import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import * as protocol from '../../server/src/protocol';
import { decodeText, tooLarge, trimTrailingSlashes, type ReadResult } from '../../server/src/workspace-files';

/** Whether each folder (URI) is a symbolic link; cleared whenever the server lists a folder again (a new scan). */
const linkCache = new Map<string, Promise<boolean>>();

async function isSymbolicLink(uri: vscode.Uri): Promise<boolean> {
  const key = uri.toString();
  let cached = linkCache.get(key);
  if (!cached) {
    cached = Promise.resolve(vscode.workspace.fs.stat(uri)).then(
      (stat) => (stat.type & vscode.FileType.SymbolicLink) !== 0,
      () => false,
    );
    linkCache.set(key, cached);
  }
  return cached;
}

/** True when `uri` lies in `folder` and no folder between them (nor the file) is a symbolic link. */
async function isWithin(uri: vscode.Uri, folder: vscode.Uri): Promise<boolean> {
  if (uri.scheme !== folder.scheme || uri.authority !== folder.authority) return false;
  const root = trimTrailingSlashes(folder.path);
  const prefix = root.endsWith('/') ? root : `${root}/`;
  if (!uri.path.startsWith(prefix)) return false;
  const segments = uri.path.slice(prefix.length).split('/').filter((segment) => segment.length > 0);
  if (segments.includes('..')) return false;
  let current = folder;
  for (const segment of segments) {
    current = vscode.Uri.joinPath(current, segment);
    if (await isSymbolicLink(current)) return false;
  }
  return true;
}

function errorCode(error: unknown): string {
  if (error instanceof vscode.FileSystemError) return error.code || error.message;
  return error instanceof Error ? error.message : String(error);
}

export async function readWorkspaceFile(uri: vscode.Uri, maxBytes: number): Promise<ReadResult> {
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if ((stat.type & vscode.FileType.SymbolicLink) !== 0) return { skipped: 'a symbolic link' };
    if ((stat.type & vscode.FileType.File) === 0) return { skipped: 'not a regular file' };
    if (stat.size > maxBytes) return tooLarge(maxBytes);
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (folder && !(await isWithin(uri, folder.uri))) return { skipped: 'reached through a symbolic link' };
    return decodeText(await vscode.workspace.fs.readFile(uri));
  } catch (error) {
    return { skipped: errorCode(error) };
  }
}

/** Registers the handlers on a client (before it starts: the server lists the workspace right after initialisation). */
export function registerWorkspaceFileRequests(client: BaseLanguageClient): vscode.Disposable[] {
  return [
    client.onRequest(protocol.ListFilesRequest, async (params: protocol.ListFilesParams): Promise<protocol.ListFilesResult> => {
      linkCache.clear();
      const folder = vscode.Uri.parse(params.folder);
      const max = Math.max(1, Math.min(params.maxResults, 1_000_000));
      const skipped = params.skippedFolders.filter((name) => /^[\w.-]+$/.test(name));
      // An explicit exclude: the server applies `files.exclude` and ignorePaths itself, like the Node walk.
      const exclude = skipped.length > 0 ? `**/{${skipped.join(',')}}/**` : null;
      const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*'), exclude, max + 1);
      return { files: found.slice(0, max).map((uri) => uri.toString()), truncated: found.length > max };
    }),
    client.onRequest(protocol.ReadFileRequest, (params: protocol.ReadFileParams): Promise<protocol.ReadFileResult> => readWorkspaceFile(vscode.Uri.parse(params.uri), params.maxBytes)),
    client.onRequest(protocol.FileExistsRequest, async (params: protocol.FileExistsParams): Promise<boolean> => {
      try {
        return ((await vscode.workspace.fs.stat(vscode.Uri.parse(params.uri))).type & vscode.FileType.File) !== 0;
      } catch {
        return false;
      }
    }),
    client.onRequest(protocol.IsWithinRequest, async (params: protocol.IsWithinParams): Promise<boolean> => {
      try {
        return await isWithin(vscode.Uri.parse(params.uri), vscode.Uri.parse(params.folder));
      } catch {
        return false;
      }
    }),
  ];
}
