// Variable precedence and connection settings, from the inventory alone.
// Inventory precedence lives in inventory/precedence.ts (Ansible's order, group_vars included).
// Play vars, facts, registered values and extra vars are the engine's layers on top of these.
import { groupDepths, groupsMap, hostGroups } from './groups.js';
import { inventoryHostVars } from './inventory/precedence.js';
import type { Inventory, Vars } from './types.js';

export { groupDepths, groupsMap, hostGroups };
/** Connection settings moved to connection-vars.ts; re-exported for existing imports. */
export { connectionOf } from './connection-vars.js';

/** The host's inventory vars, merged by precedence (see inventory/precedence.ts). */
export function hostVars(inv: Inventory, host: string): Vars {
  return inventoryHostVars(inv, host);
}
