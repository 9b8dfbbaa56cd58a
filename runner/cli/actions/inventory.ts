// `ferry inventory`: --list (ansible-inventory's JSON shape), --graph (a tree), --host (merged vars).
import { resolve } from 'node:path';
import { FerryError } from '../../errors.js';
import { parseExtraVars } from '../../load/extra-vars.js';
import { loadInventory } from '../../load/inventory.js';
import { didYouMean } from '../../load/suggest.js';
import type { Inventory } from '../../load/types.js';
import { hostVars } from '../../load/vars.js';
import { maskSecretVars } from '../../report/redact.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';

/** The parsed flags of `ferry inventory`. */
export interface InventoryFlags {
  inventory: string;
  list?: boolean;
  graph?: boolean;
  host?: string;
  extraVars: string[];
  /** Print secret vars' values instead of masking them. */
  showSecrets?: boolean;
}

/** Prints the view asked for; exactly one of --list, --graph, --host. */
export function runInventoryCommand(flags: InventoryFlags, io: CliIo): number {
  const chosen = [flags.list, flags.graph, flags.host !== undefined].filter(Boolean).length;
  if (chosen !== 1) throw new FerryError('inventory: give exactly one of --list, --graph or --host NAME');
  const inv = loadInventory(resolve(io.cwd, flags.inventory));
  const extra = parseExtraVars(flags.extraVars, io.cwd);
  const shown = (value: Record<string, unknown>) => (flags.showSecrets ? value : maskSecretVars(value));
  if (flags.graph) io.stdout.write(`${graph(inv, 'all', '').join('\n')}\n`);
  else if (flags.list) io.stdout.write(`${JSON.stringify(shown(list(inv, extra)), null, 2)}\n`);
  else {
    const host = flags.host as string;
    if (!inv.hosts.has(host)) throw new FerryError(`--host: no host "${host}" in ${flags.inventory}${didYouMean(host, inv.hosts.keys())}`);
    io.stdout.write(`${JSON.stringify(shown({ ...hostVars(inv, host), ...extra }), null, 2)}\n`);
  }
  return EXIT.ok;
}

// ansible-inventory --list: `_meta.hostvars`, then each group with its hosts, children and own vars.
function list(inv: Inventory, extra: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {
    _meta: { hostvars: Object.fromEntries([...inv.hosts.keys()].map((h) => [h, { ...hostVars(inv, h), ...extra }])) },
  };
  for (const g of inv.groups.values()) {
    const entry: Record<string, unknown> = {};
    if (g.hosts.length > 0) entry.hosts = g.hosts;
    if (g.children.length > 0) entry.children = g.children;
    if (Object.keys(g.vars).length > 0) entry.vars = g.vars;
    out[g.name] = entry;
  }
  return out;
}

// ansible-inventory --graph: `@group:` lines, children and hosts below with `|--`.
function graph(inv: Inventory, group: string, indent: string, seen = new Set<string>()): string[] {
  const g = inv.groups.get(group);
  const lines = [`${indent}${indent ? '|--' : ''}@${group}:`];
  if (!g || seen.has(group)) return lines;
  seen.add(group);
  const inner = indent ? `${indent}|  ` : '  ';
  for (const child of g.children) lines.push(...graph(inv, child, inner, seen));
  for (const host of g.hosts) lines.push(`${inner}|--${host}`);
  return lines;
}
