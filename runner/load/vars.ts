// Variable precedence and connection settings, from the inventory alone.
// Precedence (low → high): all < parent groups < child groups < host. Groups at the same depth
// merge by name, as Ansible does. Play vars, facts, registered values and extra vars are the
// engine's layers on top of these.
import { LOCALHOST, groupHosts, groupsMap } from './groups.js';
import type { Inventory, Vars } from './types.js';

export { groupsMap };
/** Connection settings moved to connection-vars.ts; re-exported for existing imports. */
export { connectionOf } from './connection-vars.js';

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
