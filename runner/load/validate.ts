// `ferry validate`: every problem of an inventory and a playbook, without connecting anywhere.
import { ValidationError, type Diagnostic } from '../errors.js';
import type { Module } from '../modules/types.js';
import { connectionDiagnostics } from './connection-check.js';
import type { ConnectionOptions } from './connection-vars.js';
import { readInventory } from './inventory.js';
import { readPlaybook } from './playbook.js';
import type { Inventory, Playbook, Vars } from './types.js';

/** Diagnostics of the inventory, then of the playbook checked against it (empty: all good). */
export function validateAll(playbookFile: string, inventoryFile: string | readonly string[], extraVars: Vars = {}, modules?: ReadonlyMap<string, Module>): Diagnostic[] {
  return readBoth(playbookFile, inventoryFile, extraVars, modules).diagnostics;
}

/** Loads an inventory and a playbook, or throws one ValidationError with every problem of both. */
export function loadInventoryAndPlaybook(
  playbookFile: string,
  inventoryFile: string | readonly string[],
  extraVars: Vars = {},
  modules?: ReadonlyMap<string, Module>,
  rolesPath?: string[],
  connection: ConnectionOptions = {},
): { inventory: Inventory; playbook: Playbook } {
  const { inventory, playbook, diagnostics } = readBoth(playbookFile, inventoryFile, extraVars, modules, rolesPath, connection);
  if (diagnostics.length > 0) throw new ValidationError(diagnostics);
  return { inventory, playbook };
}

// The playbook is checked against whatever of the inventory loaded, so one run reports both files' problems;
// against an inventory that yielded no host at all, its checks would only echo that (every pattern empty).
function readBoth(playbookFile: string, inventoryFile: string | readonly string[], extraVars: Vars, modules?: ReadonlyMap<string, Module>, rolesPath?: string[], connection: ConnectionOptions = {}) {
  const { inventory, diagnostics } = readInventory(inventoryFile);
  const read = readPlaybook(playbookFile, { inventory, extraVars, modules, rolesPath });
  const unusable = diagnostics.length > 0 && inventory.hosts.size === 0;
  // Connection settings with the playbook's group_vars/ and host_vars/ added; a line the inventory's
  // own checks already flagged is not reported twice.
  const flagged = new Set(diagnostics.map((d) => `${d.file}:${d.line}`));
  const connections = connectionDiagnostics(inventory, connection).filter((d) => !flagged.has(`${d.file}:${d.line}`));
  return { inventory, playbook: read.playbook, diagnostics: unusable ? diagnostics : [...diagnostics, ...connections, ...read.diagnostics] };
}
