// Every module ferry knows, by name. Built (dist/): from the manifest the build wrote, each module's
// code imported when it first runs. From source (tsx, the unit tests): the full list, imported now.
import { existsSync, readFileSync } from 'node:fs';
import { type ManifestEntry, lazyModule } from './lazy.js';
import type { Module } from './types.js';

/** Where the build writes the manifest (beside this file in dist/). */
export const MANIFEST = new URL('./manifest.json', import.meta.url);

async function known(): Promise<Module[]> {
  if (existsSync(MANIFEST)) return (JSON.parse(readFileSync(MANIFEST, 'utf8')) as ManifestEntry[]).map((e) => lazyModule(e, MANIFEST));
  return (await import('./all.js')).allModules;
}

/** All modules, keyed by name. */
export const modules: ReadonlyMap<string, Module> = new Map((await known()).map((m) => [m.name, m]));
