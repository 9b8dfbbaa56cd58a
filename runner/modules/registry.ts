// Every module ferry knows, by name. Built (dist/): from the manifest the build wrote, each module's
// code imported when it first runs. From source (tsx, the unit tests): the full list, imported now.
// No top-level await: mocha may require() this file (Node's require of ES modules refuses one).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type ManifestEntry, lazyModule } from './lazy.js';
import type { Module } from './types.js';

/** Where the build writes the manifest (beside this file in dist/). */
export const MANIFEST = new URL('./manifest.json', import.meta.url);

function known(): Module[] {
  if (existsSync(MANIFEST)) return (JSON.parse(readFileSync(MANIFEST, 'utf8')) as ManifestEntry[]).map((e) => lazyModule(e, MANIFEST));
  return (createRequire(import.meta.url)('./all.js') as typeof import('./all.js')).allModules;
}

/** All modules, keyed by name. */
export const modules: ReadonlyMap<string, Module> = new Map(known().map((m) => [m.name, m]));
