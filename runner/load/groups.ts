// Group membership: which hosts a group holds, through its children to any depth.
import type { Inventory } from './types.js';

/** The implicit local host, usable in patterns and delegate_to, never part of `all`. */
export const LOCALHOST = 'localhost';

/** Hosts of `group` and of its descendants, in inventory order; cycles are tolerated (validation reports them). */
export function groupHosts(inv: Inventory, group: string): string[] {
  const members = new Set<string>();
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    const g = inv.groups.get(name);
    if (!g) return;
    for (const h of g.hosts) members.add(h);
    for (const c of g.children) visit(c);
  };
  visit(group);
  return [...inv.hosts.keys()].filter((h) => members.has(h));
}

/** Group name → host names, for the `groups` magic variable (`all` and `ungrouped` included). */
export function groupsMap(inv: Inventory): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const name of inv.groups.keys()) out[name] = groupHosts(inv, name);
  out.all = [...inv.hosts.keys()];
  return out;
}
