// Every module ferry knows, with its code. Each area keeps its own list so work on one does not touch
// another. Only the build (runner/load/schemas/precompile.ts) and ferry run from source import this
// whole list; a built ferry reads the manifest and loads a module's code on first use (lazy.ts).
import type { Module } from './types.js';
import { builtinModules } from './builtins.js';
import { coreModules } from './core.js';
import { etcdModules } from './etcd/index.js';
import { k8sModules } from './k8s/index.js';
import { netModules } from './net/index.js';

/** All modules, in the order `--help` lists them. */
export const allModules: Module[] = [...coreModules, ...builtinModules, ...netModules, ...etcdModules, ...k8sModules];
