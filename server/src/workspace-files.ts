// The one interface through which the language server reads the workspace (the scan, the cross-file
// facts, `.lashing.yaml`, evidence for the checklist). The Node server implements it with `fs`
// (server/src/node/workspace-files.ts); the Web Worker server with LSP requests that the editor answers
// through `vscode.workspace.fs` and `workspace.findFiles` (server/src/browser/workspace-files.ts).
// Everything here is platform-neutral: no Node built-ins.

import { isComposeName, isConfigFileName, isDockerfileName } from './engine/detect';
import { matchesAnyGlob } from './engine/glob';

/** Files above this size are not analysed (one information message instead). */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** A workspace walk stops after this many entries, so a huge folder cannot hang the index. */
export const MAX_WALK_ENTRIES = 200_000;
/** Dependency, VCS and build-output folders the workspace scan never enters. */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', '.git', '.hg', '.svn', '.terraform', '.venv', 'venv', '__pycache__', '.tox', '.idea', 'dist', 'out', 'target', 'vendor', 'bower_components', '.next', '.cache']);

export type ReadResult = { text: string } | { skipped: string };

export interface ListOptions {
  /** Globs relative to the listed folder (`.lashing.yaml` ignorePaths, `files.exclude`). */
  ignore: readonly string[];
  /** Which files to list, by name and `/`-separated path relative to the folder. */
  include: (name: string, relativePath: string) => boolean;
  maxEntries?: number;
}

export interface WorkspaceFiles {
  /** Files (URIs) under a folder URI: symbolic links not followed, SKIPPED_FOLDERS and ignored paths left out. */
  listFiles(folder: string, options: ListOptions): Promise<{ files: string[]; truncated: boolean }>;
  /** A file's text; refuses binary content, non-regular files and files over `maxBytes`. Never rejects. */
  readFile(uri: string, maxBytes?: number): Promise<ReadResult>;
  /** Whether a regular file exists at the URI. Never rejects. */
  fileExists(uri: string): Promise<boolean>;
  /**
   * The same, synchronously, for hosts that can answer at once (Node). Without it the server answers
   * the rules' `fileExists` from a cache it fills asynchronously, and analyses again when it learnt something.
   */
  fileExistsSync?(uri: string): boolean;
  /** Whether the file really lies inside the folder (no symbolic link leaving it). False when unsure. */
  isWithin(uri: string, folder: string): Promise<boolean>;
}

/** What a server needs from its host besides the LSP connection. */
export interface ServerPlatform {
  /** 'node' (a process) or 'web' (a Web Worker). */
  readonly name: 'node' | 'web';
  readonly files: WorkspaceFiles;
  /** Whether workspace folders (and files) with this URI scheme can be read through `files`. */
  canRead(scheme: string): boolean;
}

/** Container files by name (Dockerfiles, Compose files, any YAML). */
export function isCandidateName(name: string): boolean {
  return isDockerfileName(name) || isComposeName(name) || /\.ya?ml$/i.test(name);
}

/** The files the workspace scan analyses: candidate names, not `.lashing.yaml` itself. */
export function isAnalysisCandidate(name: string): boolean {
  return isCandidateName(name) && !isConfigFileName(name);
}

export function decodeText(buffer: Uint8Array): ReadResult {
  const probe = buffer.subarray(0, 8192);
  if (probe.includes(0)) return { skipped: 'binary content' };
  let text = new TextDecoder('utf-8', { fatal: false }).decode(buffer);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text };
}

export function tooLarge(maxBytes: number): ReadResult {
  return { skipped: `larger than ${Math.round(maxBytes / 1024 / 1024)} MB` };
}

/**
 * Filters a flat listing (relative `/`-separated paths of files) the way the Node walk filters while it
 * walks: no path through a skipped folder or an ignored folder, only included files, sorted.
 */
export function filterListing(relativePaths: readonly string[], options: ListOptions): string[] {
  const result: string[] = [];
  for (const relative of relativePaths) {
    const segments = relative.split('/');
    if (segments.some((segment, i) => i < segments.length - 1 && SKIPPED_FOLDERS.has(segment))) continue;
    const name = segments[segments.length - 1];
    if (!options.include(name, relative)) continue;
    if (options.ignore.length > 0) {
      let ignored = false;
      for (let i = 1; i <= segments.length && !ignored; i++) ignored = matchesAnyGlob(segments.slice(0, i).join('/'), options.ignore);
      if (ignored) continue;
    }
    result.push(relative);
  }
  return result.sort();
}

// Posix path helpers for `/`-separated paths (no `node:path` in code that runs in the browser).

/** The path without trailing slashes (`/` stays `/`); a loop, not a regex, so it stays linear. */
export function trimTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 1 && path.charCodeAt(end - 1) === 47) end--;
  return path.slice(0, end);
}

export function posixDirname(path: string): string {
  const index = path.lastIndexOf('/');
  if (index < 0) return '.';
  if (index === 0) return '/';
  return path.slice(0, index);
}

export function posixBasename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function posixJoin(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

/** `file` relative to `folder` when inside it (`''` for the folder itself), else undefined. */
export function posixRelative(folder: string, file: string): string | undefined {
  if (file === folder) return '';
  const prefix = folder.endsWith('/') ? folder : `${folder}/`;
  return file.startsWith(prefix) ? file.slice(prefix.length) : undefined;
}
