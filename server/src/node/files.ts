// File-system access for the Node hosts (CLI and language server). The engine itself never reads files.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { isAnalysisCandidate, decodeText, tooLarge, MAX_FILE_BYTES, MAX_WALK_ENTRIES, SKIPPED_FOLDERS, type ReadResult } from '../workspace-files';
import { matchesAnyGlob } from '../engine/glob';

export { isCandidateName, decodeText, MAX_FILE_BYTES, MAX_WALK_ENTRIES, type ReadResult } from '../workspace-files';

/** Reads a text file, refusing binary content and files over the size limit. Never throws. */
export function readTextFile(file: string, maxBytes = MAX_FILE_BYTES): ReadResult {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return { skipped: 'not a regular file' };
    if (stat.size > maxBytes) return tooLarge(maxBytes);
    const buffer = fs.readFileSync(file);
    return decodeText(buffer);
  } catch (error) {
    return { skipped: (error as NodeJS.ErrnoException).code ?? String(error) };
  }
}

export interface WalkOptions {
  ignore: readonly string[];
  /** Root the ignore globs are relative to. */
  root: string;
  maxEntries?: number;
  /** Which files to list (default: candidate container files by name). */
  include?: (name: string, relativePath: string) => boolean;
}

/**
 * Lists candidate container files under a folder: does not follow symbolic links (no loops),
 * skips dependency and VCS folders and ignored paths, and stops after maxEntries entries.
 */
export function walkFiles(start: string, options: WalkOptions): { files: string[]; truncated: boolean } {
  const files: string[] = [];
  const max = options.maxEntries ?? MAX_WALK_ENTRIES;
  let seen = 0;
  const stack = [start];
  while (stack.length > 0) {
    const dir = stack.pop() as string;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
    for (const entry of entries) {
      if (++seen > max) return { files: files.sort(), truncated: true };
      const full = path.join(dir, entry.name);
      const relative = path.relative(options.root, full).split(path.sep).join('/');
      if (options.ignore.length > 0 && matchesAnyGlob(relative, options.ignore)) continue;
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) stack.push(full);
      } else if (entry.isFile() && (options.include ? options.include(entry.name, relative) : isAnalysisCandidate(entry.name))) {
        files.push(full);
      }
    }
  }
  return { files: files.sort(), truncated: false };
}

/**
 * Whether `file` really lies inside `folder` once symbolic links are resolved: a hostile workspace
 * may link `Dockerfile` (or a folder) to any file on the machine. False when it cannot be resolved.
 */
export function isWithin(file: string, folder: string): boolean {
  try {
    const real = fs.realpathSync(file);
    const root = fs.realpathSync(folder);
    return real === root || real.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
  } catch {
    return false;
  }
}

export function fileExists(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
