// Group membership: which hosts a group holds, through its children to any depth, and which
// groups hold a host, in precedence order. Computed once per inventory (a 5,000-host inventory
// must not recompute membership over all hosts for every host).
import type { Inventory } from './types.js';

/** The implicit local host, usable in patterns and delegate_to, never part of `all`. */
export const LOCALHOST = 'localhost';

interface Membership {
  /** Host → its groups (`all` included), lowest precedence first. */
  ofHost: Map<string, string[]>;
  /** Group → its hosts through children, in inventory order. */
  hostsOf: Map<string, string[]>;
}

const cache = new WeakMap<Inventory, { stamp: string; m: Membership }>();

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

function compute(inv: Inventory): Membership {
  const depth = groupDepths(inv);
  const priority = (g: string): number => inv.groups.get(g)?.priority ?? 1;
  // Ansible's sort_groups: by depth, then ansible_group_priority, then name.
  const order = [...inv.groups.keys()].sort((a, b) => (depth.get(a) ?? 0) - (depth.get(b) ?? 0) || priority(a) - priority(b) || (a < b ? -1 : a > b ? 1 : 0));
  const parents = new Map<string, string[]>();
  for (const g of inv.groups.values()) for (const c of g.children) parents.set(c, [...(parents.get(c) ?? []), g.name]);
  const ancestors = new Map<string, Set<string>>();
  const up = (g: string, seen = new Set<string>()): Set<string> => {
    const known = ancestors.get(g);
    if (known) return known;
    const out = new Set<string>([g]);
    seen.add(g);
    for (const p of parents.get(g) ?? []) if (!seen.has(p)) for (const a of up(p, seen)) out.add(a);
    seen.delete(g);
    ancestors.set(g, out);
    return out;
  };
  const direct = new Map<string, Set<string>>();
  for (const g of inv.groups.values()) for (const h of g.hosts) (direct.get(h) ?? direct.set(h, new Set()).get(h)!).add(g.name);
  const ofHost = new Map<string, string[]>();
  const hostsOf = new Map<string, string[]>([...inv.groups.keys()].map((g) => [g, []]));
  for (const h of inv.hosts.keys()) {
    const mine = new Set<string>(['all']);
    for (const g of direct.get(h) ?? []) for (const a of up(g)) mine.add(a);
    ofHost.set(h, order.filter((g) => mine.has(g)));
    for (const g of mine) hostsOf.get(g)?.push(h);
  }
  return { ofHost, hostsOf };
}

/** The membership index of `inv`, built on first use and rebuilt if hosts or groups were added. */
export function membership(inv: Inventory): Membership {
  let edges = 0;
  for (const g of inv.groups.values()) edges += g.hosts.length + g.children.length;
  const stamp = `${inv.hosts.size}/${inv.groups.size}/${edges}`;
  const hit = cache.get(inv);
  if (hit && hit.stamp === stamp) return hit.m;
  const m = compute(inv);
  cache.set(inv, { stamp, m });
  return m;
}

/** Hosts of `group` and of its descendants, in inventory order; cycles are tolerated (validation reports them). */
export function groupHosts(inv: Inventory, group: string): string[] {
  return [...(membership(inv).hostsOf.get(group) ?? [])];
}

/** Groups `host` belongs to (directly or through children), ordered by precedence, lowest first. */
export function hostGroups(inv: Inventory, host: string): string[] {
  return [...(membership(inv).ofHost.get(host) ?? ['all'])];
}

/** Group name → host names, for the `groups` magic variable (`all` and `ungrouped` included). */
export function groupsMap(inv: Inventory): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const name of inv.groups.keys()) out[name] = groupHosts(inv, name);
  out.all = [...inv.hosts.keys()];
  return out;
}
