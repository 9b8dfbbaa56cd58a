// `ferry validate`: every problem of an inventory and a playbook, without connecting anywhere.
import type { Diagnostic } from '../errors.js';
import type { Module } from '../modules/types.js';
import { readInventory } from './inventory.js';
import { readPlaybook } from './playbook.js';
import type { Vars } from './types.js';

/** Diagnostics of the inventory, then of the playbook checked against it (empty: all good). */
export function validateAll(playbookFile: string, inventoryFile: string, extraVars: Vars = {}, modules?: ReadonlyMap<string, Module>): Diagnostic[] {
  const { inventory, diagnostics } = readInventory(inventoryFile);
  const playbook = readPlaybook(playbookFile, { inventory, extraVars, modules });
  return [...diagnostics, ...playbook.diagnostics];
}
