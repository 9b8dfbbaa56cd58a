// Variable scopes: inventory < play vars < vars_files < facts/registered < task vars < loop var < extra vars.
import type { Inventory, Play, Task, Vars } from '../load/types.js';
import { definitionOf } from '../load/var-definition.js';
import { evaluate, referencedNames } from '../template/index.js';
import { UnresolvedVar, reasonOf } from '../template/unresolved.js';
import type { HostState } from './host-state.js';

/** Names the engine defines for every host; a var of the same name is overridden. */
export interface MagicVars {
  groups: Record<string, string[]>;
  hostvars: Record<string, Vars>;
  play_hosts: string[];
  check: boolean;
  diff: boolean;
  playbookDir: string;
  /** The inventory file and its folder (Ansible's inventory_file / inventory_dir), absolute. */
  inventoryFile: string;
  inventoryDir: string;
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
    inventory_file: magic.inventoryFile,
    inventory_dir: magic.inventoryDir,
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

/** Role defaults < inventory < play vars < vars_prompt + vars_files < role vars, for one host. */
export function playLayers(hostVarsOf: Vars, play: Play, varsFiles: Vars): Vars {
  return { ...play.roleDefaults, ...hostVarsOf, ...play.vars, ...varsFiles, ...play.roleVars };
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
 * Vars may refer to other vars (`url: "http://{{ ip }}:2379"`): each is rendered after the vars it
 * names. A var that does not render (an undefined name, a cycle) becomes an UnresolvedVar, so any
 * use of it fails naming the var and where it is defined, instead of sending its raw text to a host.
 */
export function resolveTemplatedVars(vars: Vars, keys: string[], host: string): void {
  const raw = new Map(keys.map((k) => [k, vars[k]]));
  const state = new Map<string, 'visiting' | 'done'>();
  const resolveKey = (key: string, chain: string[]): void => {
    if (state.get(key) === 'done') return;
    state.set(key, 'visiting');
    const value = raw.get(key);
    for (const dep of dependencies(value)) {
      if (!raw.has(dep) || dep === key) continue;
      if (state.get(dep) === 'visiting') {
        vars[dep] = new UnresolvedVar(dep, `it refers to itself (${[...chain.slice(chain.indexOf(dep)), key, dep].join(' -> ')})`, () => definitionOf(dep, raw.get(dep)));
        state.set(dep, 'done');
      } else resolveKey(dep, [...chain, key]);
    }
    if (state.get(key) === 'done') return;
    try {
      vars[key] = evaluate(value, vars, { template: `var ${key}`, host });
    } catch (err) {
      vars[key] = new UnresolvedVar(key, reasonOf(err), () => definitionOf(key, value));
    }
    state.set(key, 'done');
  };
  for (const key of keys) resolveKey(key, []);
}

// Root names the templates inside a var's value use (parsed once per distinct string).
const depCache = new Map<string, string[]>();

function dependencies(value: unknown): string[] {
  const out: string[] = [];
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      if (!v.includes('{{')) return;
      let deps = depCache.get(v);
      if (!deps) {
        try {
          deps = referencedNames(v);
        } catch {
          deps = [];
        }
        if (depCache.size >= 10_000) depCache.clear();
        depCache.set(v, deps);
      }
      out.push(...deps);
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  visit(value);
  return out;
}
