// Variable precedence and connection settings, from the inventory alone.
// Precedence (low → high): all < parent groups < child groups < host. Groups at the same depth
// merge by name, as Ansible does. Play vars, facts, registered values and extra vars are the
// engine's layers on top of these.
import { homedir, userInfo } from 'node:os';
import { resolve } from 'node:path';
import { LOCALHOST, groupHosts, groupsMap } from './groups.js';
import type { ConnectionSpec, Inventory, Vars } from './types.js';

export { groupsMap };

/** Depth of each group below `all` (the longest path, so a child always sorts after its parents). */
export function groupDepths(inv: Inventory): Map<string, number> {
  const depth = new Map<string, number>([['all', 0]]);
  const visit = (name: string, d: number, stack: Set<string>): void => {
    if (stack.has(name) || (depth.get(name) ?? -1) > d) return;
    if (name !== 'all') depth.set(name, Math.max(d, depth.get(name) ?? 0));
    stack.add(name);
    for (const c of inv.groups.get(name)?.children ?? []) visit(c, d + 1, stack);
    stack.delete(name);
  };
  visit('all', 0, new Set());
  return depth;
}

/** Groups `host` belongs to (directly or through children), ordered by precedence, lowest first. */
export function hostGroups(inv: Inventory, host: string): string[] {
  const depth = groupDepths(inv);
  return [...inv.groups.keys()]
    .filter((g) => g === 'all' || groupHosts(inv, g).includes(host))
    .sort((a, b) => (depth.get(a) ?? 0) - (depth.get(b) ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
}

/** The host's inventory vars, merged by precedence (shallow: a nested map is replaced, as in Ansible). */
export function hostVars(inv: Inventory, host: string): Vars {
  const out: Vars = {};
  if (!inv.hosts.has(host)) return host === LOCALHOST ? { ...(inv.groups.get('all')?.vars ?? {}) } : out;
  for (const g of hostGroups(inv, host)) Object.assign(out, inv.groups.get(g)?.vars ?? {});
  return Object.assign(out, inv.hosts.get(host)?.vars ?? {});
}

function pick(vars: Vars, ...names: string[]): unknown {
  for (const n of names) if (vars[n] !== undefined && vars[n] !== null) return vars[n];
  return undefined;
}

/**
 * How to reach `hostName`: `ssh_*` names first, then `ansible_*`; `localhost` is local.
 * Relative key and known_hosts files resolve against `baseDir` (the inventory file's folder), so an
 * inventory and its files move together.
 */
export function connectionOf(hostName: string, vars: Vars, baseDir = process.cwd()): ConnectionSpec {
  const local = pick(vars, 'ansible_connection') === 'local' || (hostName === LOCALHOST && pick(vars, 'ansible_connection') === undefined);
  const key = pick(vars, 'ssh_private_key_file', 'ansible_ssh_private_key_file');
  const knownHosts = pick(vars, 'ssh_known_hosts_file', 'ansible_ssh_known_hosts_file');
  return {
    type: local ? 'local' : 'ssh',
    address: String(pick(vars, 'ssh_host', 'ansible_host') ?? hostName),
    port: Number(pick(vars, 'ssh_port', 'ansible_port') ?? 22),
    user: String(pick(vars, 'ssh_user', 'ansible_user') ?? userInfo().username),
    ...(key === undefined ? {} : { privateKeyFile: resolve(baseDir, expandTilde(String(key))) }),
    ...(knownHosts === undefined ? {} : { knownHostsFile: resolve(baseDir, expandTilde(String(knownHosts))) }),
    become: pick(vars, 'become', 'ansible_become') === true,
    becomeUser: String(pick(vars, 'become_user', 'ansible_become_user') ?? 'root'),
  };
}

// `~/x` is the home dir, as ssh reads IdentityFile and UserKnownHostsFile; resolve() would make it relative.
function expandTilde(path: string): string {
  return path === '~' || path.startsWith('~/') ? `${homedir()}${path.slice(1)}` : path;
}
