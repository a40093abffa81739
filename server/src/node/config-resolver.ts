// Finds and caches `.lashing.yaml` files (the analysed file's folder or any parent, up to a root).

import * as path from 'node:path';
import { CONFIG_FILE_NAME, mergeConfig, parseConfigFile, type ConfigLayer, type ConfigProblem } from '../engine/config';
import type { EffectiveConfig } from '../engine/types';
import { readTextFile } from './files';

export interface LoadedConfigFile {
  path: string;
  layer: ConfigLayer;
  problems: ConfigProblem[];
}

export class ConfigResolver {
  private readonly files = new Map<string, LoadedConfigFile | null>();
  /** The nearest config file per folder and root: a batch asks once per folder, not once per file. */
  private readonly nearest = new Map<string, LoadedConfigFile | null>();

  constructor(
    private readonly knownRuleIds: ReadonlySet<string>,
    /** Text of open (unsaved) config files wins over the disk. */
    private readonly overlay: (file: string) => string | undefined = () => undefined,
  ) {}

  /** Forgets cached config files (all, or one path). */
  invalidate(file?: string): void {
    if (file) this.files.delete(path.resolve(file));
    else this.files.clear();
    this.nearest.clear();
  }

  load(file: string): LoadedConfigFile | null {
    const resolved = path.resolve(file);
    if (this.files.has(resolved)) return this.files.get(resolved) ?? null;
    const text = this.overlay(resolved) ?? (() => {
      const read = readTextFile(resolved, 1024 * 1024);
      return 'text' in read ? read.text : undefined;
    })();
    const loaded = text === undefined ? null : { path: resolved, ...parseConfigFile(text, this.knownRuleIds) };
    this.files.set(resolved, loaded);
    return loaded;
  }

  /** The nearest config file for an analysed file, searching up to (and including) `root`. */
  findFor(file: string, root?: string): LoadedConfigFile | null {
    const start = path.dirname(path.resolve(file));
    const key = `${start}\u0000${root ?? ''}`;
    const known = this.nearest.get(key);
    if (known !== undefined) return known;
    const found = this.search(start, root);
    this.nearest.set(key, found);
    return found;
  }

  private search(start: string, root?: string): LoadedConfigFile | null {
    let dir = start;
    const stop = root ? path.resolve(root) : path.parse(dir).root;
    for (;;) {
      const loaded = this.load(path.join(dir, CONFIG_FILE_NAME)) ?? this.load(path.join(dir, '.lashing.yml'));
      if (loaded) return loaded;
      if (dir === stop || !dir.startsWith(stop)) return null;
      const parent = path.dirname(dir);
      if (parent === dir) return null;
      dir = parent;
    }
  }

  configFor(file: string, settings: ConfigLayer | undefined, root?: string): { config: EffectiveConfig; configFile: LoadedConfigFile | null } {
    const configFile = this.findFor(file, root);
    return { config: mergeConfig(settings, configFile?.layer), configFile };
  }
}
