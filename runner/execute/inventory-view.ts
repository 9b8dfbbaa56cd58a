// The engine's view of the inventory and host patterns.
// STAND-IN: minimal versions of runner/load (hostVars, groupsMap, connectionOf) and runner/plan
// (matchHosts, serialBatches) until those land; then this file only re-exports them.
import { userInfo } from 'node:os';
import type { ConnectionSpec, Inventory, Vars } from '../load/types.js';

/** Group name → every host in it (children included). */
export function groupsMap(inv: Inventory): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const members = (name: string, seen: Set<string>): string[] => {
    const g = inv.groups.get(name);
    if (!g || seen.has(name)) return [];
    seen.add(name);
    return [...new Set([...g.hosts, ...g.children.flatMap((c) => members(c, seen))])];
  };
  for (const name of inv.groups.keys()) out[name] = members(name, new Set());
  if (!out.all || out.all.length === 0) out.all = [...inv.hosts.keys()];
  return out;
}

/** A host's inventory vars: parent groups < child groups < the host itself. */
export function hostVars(inv: Inventory, host: string): Vars {
  const depth = new Map<string, number>();
  const walk = (name: string, d: number): void => {
    if ((depth.get(name) ?? -1) >= d) return;
    depth.set(name, d);
    for (const c of inv.groups.get(name)?.children ?? []) walk(c, d + 1);
  };
  walk('all', 0);
  const groups = groupsMap(inv);
  const mine = [...inv.groups.keys()].filter((g) => g === 'all' || groups[g]?.includes(host));
  mine.sort((a, b) => (depth.get(a) ?? 0) - (depth.get(b) ?? 0));
  return Object.assign({}, ...mine.map((g) => inv.groups.get(g)?.vars ?? {}), inv.hosts.get(host)?.vars ?? {});
}

/** How to reach a host from its vars (ssh_* or ansible_* names). */
export function connectionOf(host: string, vars: Vars): ConnectionSpec {
  const pick = (...names: string[]): unknown => names.map((n) => vars[n]).find((v) => v !== undefined && v !== '');
  const address = String(pick('ssh_host', 'ansible_host') ?? host);
  const local = host === 'localhost' || pick('ansible_connection') === 'local';
  const key = pick('ssh_private_key_file', 'ansible_ssh_private_key_file');
  return {
    type: local ? 'local' : 'ssh',
    address,
    port: Number(pick('ssh_port', 'ansible_port') ?? 22),
    user: String(pick('ssh_user', 'ansible_user') ?? userInfo().username),
    ...(key ? { privateKeyFile: String(key) } : {}),
    become: [true, 'true', 'yes'].includes(pick('become', 'ansible_become') as never),
    becomeUser: String(pick('become_user', 'ansible_become_user') ?? 'root'),
  };
}

/** Hosts matching a pattern: names, groups, globs, `a:b`, `a:&b`, `a:!b`, in inventory order. */
export function matchHosts(inv: Inventory, pattern: string): string[] {
  const groups = groupsMap(inv);
  const all = [...inv.hosts.keys()];
  const one = (p: string): string[] => {
    if (groups[p]) return groups[p];
    if (inv.hosts.has(p)) return [p];
    const re = new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
    return [...all.filter((h) => re.test(h)), ...Object.keys(groups).filter((g) => re.test(g)).flatMap((g) => groups[g])];
  };
  let selected = new Set<string>();
  for (const part of pattern.split(/[:,]/).map((s) => s.trim()).filter(Boolean)) {
    if (part.startsWith('&')) selected = new Set(one(part.slice(1)).filter((h) => selected.has(h)));
    else if (part.startsWith('!')) for (const h of one(part.slice(1))) selected.delete(h);
    else for (const h of one(part)) selected.add(h);
  }
  return all.filter((h) => selected.has(h));
}

/** Splits hosts into serial batches (numbers or percentages; the last size repeats). */
export function serialBatches(hosts: string[], serial: Array<number | string>): string[][] {
  if (serial.length === 0) return [hosts];
  const batches: string[][] = [];
  let i = 0;
  for (let b = 0; i < hosts.length; b++) {
    const spec = serial[Math.min(b, serial.length - 1)];
    const size = typeof spec === 'string' && spec.endsWith('%')
      ? Math.max(1, Math.floor((hosts.length * parseFloat(spec)) / 100))
      : Math.max(1, Number(spec));
    batches.push(hosts.slice(i, i + size));
    i += size;
  }
  return batches;
}
