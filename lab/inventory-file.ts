// Writes inventory and known_hosts files for lab hosts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { renderInventory, renderKnownHosts, type InventoryDefaults, type InventoryHost } from './inventory.js';

/** Writes an inventory YAML for `hosts` in `groups` to `file`. */
export function writeInventoryFile(file: string, hosts: InventoryHost[], groups: Record<string, string[]>, d: InventoryDefaults): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, renderInventory(hosts, groups, d));
}

/** Writes the known_hosts file (0644) for hosts with a known key. */
export function writeKnownHostsFile(file: string, hosts: { name: string; ip: string; hostKey?: string }[]): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, renderKnownHosts(hosts));
}
