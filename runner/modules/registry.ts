// Every module ferry knows, by name. Each area keeps its own list so work on one does not touch another.
import type { Module } from './types.js';
import { coreModules } from './core.js';
import { etcdModules } from './etcd/index.js';
import { k8sModules } from './k8s/index.js';

/** All modules, keyed by name. */
export const modules: ReadonlyMap<string, Module> = new Map(
  [...coreModules, ...etcdModules, ...k8sModules].map((m) => [m.name, m]),
);
