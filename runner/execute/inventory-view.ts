// The engine's view of the inventory and host patterns, from load/ and plan/.
export { groupsMap, hostVars } from '../load/vars.js';
export { connectionOf } from '../load/connection-vars.js';
export { serialBatches } from '../plan/batches.js';
export { matchHosts } from '../plan/patterns.js';
