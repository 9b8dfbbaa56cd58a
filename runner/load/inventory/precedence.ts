// A host's inventory vars, in Ansible's order (low → high): `all` in the inventory, the other
// groups in the inventory, group_vars/all beside the inventory, then beside the playbook,
// group_vars/<group> beside the inventory, then the playbook; then the host in the inventory,
// host_vars beside the inventory, host_vars beside the playbook. Groups go by depth, then
// ansible_group_priority, then name. Merging is shallow (a nested map is replaced), as in Ansible.
import { LOCALHOST, hostGroups } from '../groups.js';
import type { Inventory, Vars, VarsDir } from '../types.js';

/** The merged inventory vars of `host` (the implicit localhost gets `all`'s). */
export function inventoryHostVars(inv: Inventory, host: string): Vars {
  const implicit = !inv.hosts.has(host);
  if (implicit && host !== LOCALHOST) return {};
  const groups = implicit ? ['all'] : hostGroups(inv, host);
  const dirs = [...(inv.varsDirs ?? [])].sort((a, b) => rank(a) - rank(b));
  const others = groups.filter((g) => g !== 'all');
  const out: Vars = { ...inv.groups.get('all')?.vars };
  for (const g of others) Object.assign(out, inv.groups.get(g)?.vars);
  for (const d of dirs) Object.assign(out, d.groups.get('all'));
  for (const d of dirs) for (const g of others) Object.assign(out, d.groups.get(g));
  if (implicit) return out;
  Object.assign(out, inv.hosts.get(host)?.vars);
  for (const d of dirs) Object.assign(out, d.hosts.get(host));
  return out;
}

// Inventory folders rank below the playbook's; the sort is stable, so -i order is kept.
function rank(d: VarsDir): number {
  return d.place === 'inventory' ? 0 : 1;
}
