// Modules whose code loads on first use. The build writes a manifest of what the loader needs of each
// module (name, schema, roles; no code) and where its code is; a built ferry reads that instead of
// importing ~150 module files, so `validate` or a play of `command` tasks loads only what it runs.
import type { Module, ModuleContext, ModuleResult } from './types.js';

/** A module without its code, and the file (relative to the manifest) and export that hold it. */
export type ManifestEntry = Omit<Module, 'run'> & { file: string; exportName: string };

/** The manifest entry of `module`, found as export `exportName` of `file`. */
export function manifestEntry(module: Module, file: string, exportName: string): ManifestEntry {
  const { run: _run, ...meta } = module;
  return { ...meta, file, exportName };
}

/** A module that imports its file the first time it runs; `base` is the manifest's URL. */
export function lazyModule(entry: ManifestEntry, base: URL): Module {
  const { file, exportName, ...meta } = entry;
  let code: Promise<Module> | undefined;
  const load = async (): Promise<Module> => {
    const exported = ((await import(new URL(file, base).href)) as Record<string, Module | undefined>)[exportName];
    if (!exported) throw new Error(`module ${meta.name}: ${file} has no export ${exportName} (rebuild with npm run build)`);
    return exported;
  };
  return {
    ...meta,
    async run(args: unknown, ctx: ModuleContext): Promise<ModuleResult> {
      code ??= load();
      return (await code).run(args, ctx);
    },
  };
}
