// Finds and caches `.lashing.yaml` files for the language server (the analysed file's folder or any
// parent, up to the workspace folder), reading them through the platform's WorkspaceFiles.
// Platform-neutral: the CLI keeps its synchronous twin in server/src/node/config-resolver.ts.

import { URI, Utils } from 'vscode-uri';
import { CONFIG_FILE_NAME, mergeConfig, parseConfigFile, type ConfigLayer, type ConfigProblem } from './engine/config';
import type { EffectiveConfig } from './engine/types';
import { trimTrailingSlashes, type WorkspaceFiles } from './workspace-files';

export interface LoadedConfig {
  /** URI of the config file. */
  uri: string;
  layer: ConfigLayer;
  problems: ConfigProblem[];
}

const CONFIG_MAX_BYTES = 1024 * 1024;

export class ConfigFiles {
  private readonly files = new Map<string, Promise<LoadedConfig | null>>();
  /** The nearest config file per folder and search root (a workspace scan asks once per folder, not per file). */
  private readonly nearest = new Map<string, Promise<LoadedConfig | null>>();

  constructor(
    private readonly knownRuleIds: ReadonlySet<string>,
    private readonly workspaceFiles: WorkspaceFiles,
    /** Text of open (unsaved) config files wins over the disk. */
    private readonly overlay: (uri: string) => string | undefined = () => undefined,
  ) {}

  /** Forgets cached config files (all, or one URI). */
  invalidate(uri?: string): void {
    if (uri) this.files.delete(URI.parse(uri).toString());
    else this.files.clear();
    this.nearest.clear();
  }

  load(uri: string): Promise<LoadedConfig | null> {
    const key = URI.parse(uri).toString();
    let cached = this.files.get(key);
    if (!cached) {
      cached = (async () => {
        let text = this.overlay(key);
        if (text === undefined) {
          const read = await this.workspaceFiles.readFile(key, CONFIG_MAX_BYTES);
          text = 'text' in read ? read.text : undefined;
        }
        return text === undefined ? null : { uri: key, ...parseConfigFile(text, this.knownRuleIds) };
      })().catch(() => null);
      this.files.set(key, cached);
    }
    return cached;
  }

  /** The nearest config file for an analysed file (URI), searching up to (and including) the folder `root` (URI). */
  findFor(file: string, root: string): Promise<LoadedConfig | null> {
    const dir = Utils.dirname(URI.parse(file));
    const key = `${dir.toString()}\n${root}`;
    let found = this.nearest.get(key);
    if (!found) {
      found = this.search(dir, root);
      this.nearest.set(key, found);
    }
    return found;
  }

  private async search(start: URI, root: string): Promise<LoadedConfig | null> {
    let dir = start;
    const stop = URI.parse(root);
    const stopPath = trimTrailingSlashes(stop.path) || '/';
    for (let depth = 0; depth < 256; depth++) {
      const loaded = (await this.load(Utils.joinPath(dir, CONFIG_FILE_NAME).toString())) ?? (await this.load(Utils.joinPath(dir, '.lashing.yml').toString()));
      if (loaded) return loaded;
      const dirPath = trimTrailingSlashes(dir.path) || '/';
      if (dirPath === stopPath || dir.scheme !== stop.scheme || dir.authority !== stop.authority || !dirPath.startsWith(stopPath === '/' ? '/' : `${stopPath}/`)) return null;
      const parent = Utils.dirname(dir);
      if (parent.path === dir.path) return null;
      dir = parent;
    }
    return null;
  }

  async configFor(file: string, settings: ConfigLayer | undefined, root: string): Promise<{ config: EffectiveConfig; configFile: LoadedConfig | null }> {
    const configFile = await this.findFor(file, root);
    return { config: mergeConfig(settings, configFile?.layer), configFile };
  }
}
