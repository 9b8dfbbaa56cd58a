// Variable scopes: inventory < play vars < vars_files < facts/registered < task vars < loop var < extra vars.
import type { Inventory, Play, Task, Vars } from '../load/types.js';
import { evaluate } from '../template/index.js';
import type { HostState } from './host-state.js';

/** Names the engine defines for every host; a var of the same name is overridden. */
export interface MagicVars {
  groups: Record<string, string[]>;
  hostvars: Record<string, Vars>;
  play_hosts: string[];
  check: boolean;
  diff: boolean;
  playbookDir: string;
}

/** Rebuilds `host.vars` in place (so `hostvars` keeps pointing at it) from its layers, runtime, extra and magic vars. */
export function refreshHostVars(host: HostState, extra: Vars, magic: MagicVars): void {
  const vars = host.vars;
  for (const key of Object.keys(vars)) delete vars[key];
  Object.assign(vars, host.layers, host.runtime, extra, {
    inventory_hostname: host.name,
    inventory_hostname_short: host.name.split('.')[0],
    group_names: Object.entries(magic.groups)
      .filter(([g, members]) => g !== 'all' && g !== 'ungrouped' && members.includes(host.name))
      .map(([g]) => g),
    groups: magic.groups,
    hostvars: magic.hostvars,
    play_hosts: magic.play_hosts,
    ansible_play_hosts: magic.play_hosts,
    ansible_check_mode: magic.check,
    ansible_diff_mode: magic.diff,
    playbook_dir: magic.playbookDir,
  });
  const templated = Object.keys(host.layers).filter(
    (k) => !(k in host.runtime) && !(k in extra) && hasTemplate(host.layers[k]),
  );
  resolveTemplatedVars(vars, templated, host.name);
  host.templatedLayers = Object.values(host.layers).some(hasTemplate);
  host.dirty = false;
}

/** The vars one task sees on one host: a shallow copy of the host's view plus task (and block) vars. */
export function taskVars(host: HostState, task: Task, extra: Vars): Vars {
  const vars: Vars = { ...host.vars };
  const own = Object.keys(task.vars);
  if (own.length === 0) return vars;
  for (const key of own) if (!(key in extra)) vars[key] = task.vars[key];
  resolveTemplatedVars(vars, own.filter((k) => !(k in extra) && hasTemplate(task.vars[k])), host.name);
  return vars;
}

/** The inventory + play + vars_files layers for one host. */
export function playLayers(hostVarsOf: Vars, play: Play, varsFiles: Vars): Vars {
  return { ...hostVarsOf, ...play.vars, ...varsFiles };
}

/** Names of every group, for `groups`. */
export function groupNames(inv: Inventory): string[] {
  return [...inv.groups.keys()];
}

/** True when a value holds a `{{` somewhere (strings, arrays, plain objects). */
export function hasTemplate(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('{{');
  if (Array.isArray(value)) return value.some(hasTemplate);
  if (value && typeof value === 'object') return Object.values(value).some(hasTemplate);
  return false;
}

/**
 * Vars may refer to other vars (`url: "http://{{ ip }}:2379"`). Resolves a few rounds so chains settle;
 * a var that cannot render yet keeps its raw text, and only fails if a task actually uses it.
 */
export function resolveTemplatedVars(vars: Vars, keys: string[], host: string): void {
  let pending = keys;
  for (let round = 0; round < 5 && pending.length > 0; round++) {
    const next: string[] = [];
    for (const key of pending) {
      try {
        vars[key] = evaluate(vars[key], vars, { template: `var ${key}`, host });
        if (hasTemplate(vars[key])) next.push(key);
      } catch {
        next.push(key);
      }
    }
    if (next.length === pending.length) break;
    pending = next;
  }
}
