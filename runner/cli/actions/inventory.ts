// `ferry inventory`: --list (ansible-inventory's JSON shape), --graph (a tree), --host (merged vars).
import { resolve } from 'node:path';
import { FerryError, ValidationError } from '../../errors.js';
import { parseExtraVars } from '../../load/extra-vars.js';
import { addPlaybookVarsDir, loadInventory } from '../../load/inventory.js';
import { didYouMean } from '../../load/suggest.js';
import type { Inventory, Vars } from '../../load/types.js';
import { hostVars } from '../../load/vars.js';
import { maskSecretVars } from '../../report/redact.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';

/** The parsed flags of `ferry inventory`. */
export interface InventoryFlags {
  inventory: string[] | string;
  list?: boolean;
  graph?: boolean;
  host?: string;
  /** --export: each group's own vars and each host's own vars, unmerged (as ansible-inventory --export). */
  export?: boolean;
  /** group_vars/ and host_vars/ of this folder apply as a playbook's would (ansible-inventory --playbook-dir). */
  playbookDir?: string;
  extraVars: string[];
  /** Print secret vars' values instead of masking them. */
  showSecrets?: boolean;
}

/** Prints the view asked for; exactly one of --list, --graph, --host. */
export function runInventoryCommand(flags: InventoryFlags, io: CliIo): number {
  const chosen = [flags.list, flags.graph, flags.host !== undefined].filter(Boolean).length;
  if (chosen !== 1) throw new FerryError('inventory: give exactly one of --list, --graph or --host NAME');
  const sources = (Array.isArray(flags.inventory) ? flags.inventory : [flags.inventory]).map((f) => resolve(io.cwd, f));
  const inv = loadInventory(sources);
  if (flags.playbookDir !== undefined) {
    const problems = addPlaybookVarsDir(inv, resolve(io.cwd, flags.playbookDir));
    if (problems.length > 0) throw new ValidationError(problems);
  }
  const extra = parseExtraVars(flags.extraVars, io.cwd);
  const shown = (value: Record<string, unknown>) => (flags.showSecrets ? value : maskSecretVars(value));
  if (flags.graph) io.stdout.write(`${graph(inv, 'all', '').join('\n')}\n`);
  else if (flags.list) io.stdout.write(`${JSON.stringify(shown(list(inv, extra, flags.export === true)), null, 4)}\n`);
  else {
    const host = flags.host as string;
    if (!inv.hosts.has(host)) throw new FerryError(`--host: no host "${host}" in ${sources.join(', ')}${didYouMean(host, inv.hosts.keys())}`);
    io.stdout.write(`${JSON.stringify(shown(sorted({ ...hostVars(inv, host), ...extra })), null, 4)}\n`);
  }
  return EXIT.ok;
}

// ansible-inventory --list: groups with their direct hosts and children (empty ones left out,
// `all` without hosts), then `_meta.hostvars`: merged vars, or with --export each host's own.
function list(inv: Inventory, extra: Vars, exported: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const g of inv.groups.values()) {
    const entry: Record<string, unknown> = {};
    if (g.name !== 'all' && g.hosts.length > 0) entry.hosts = g.hosts;
    if (g.children.length > 0) entry.children = g.children;
    const vars = exported ? groupOwnVars(inv, g.name) : {};
    if (Object.keys(vars).length > 0) entry.vars = sorted(vars);
    if (Object.keys(entry).length > 0) out[g.name] = entry;
  }
  const hostvars: Record<string, Vars> = {};
  for (const h of [...inv.hosts.keys()].sort()) {
    const vars = exported ? hostOwnVars(inv, h) : { ...hostVars(inv, h), ...extra };
    if (Object.keys(vars).length > 0) hostvars[h] = sorted(vars);
  }
  return { _meta: { hostvars }, ...out };
}

// A group's vars from the inventory, then its group_vars/ files, as ansible-inventory --export shows them.
function groupOwnVars(inv: Inventory, group: string): Vars {
  const g = inv.groups.get(group)!;
  const out: Vars = { ...g.vars };
  for (const d of inv.varsDirs ?? []) Object.assign(out, d.groups.get(group));
  if (g.priority !== undefined && g.priority !== 1) out.ansible_group_priority = g.priority;
  return out;
}

function hostOwnVars(inv: Inventory, host: string): Vars {
  const out: Vars = { ...inv.hosts.get(host)!.vars };
  for (const d of inv.varsDirs ?? []) Object.assign(out, d.hosts.get(host));
  return out;
}

function sorted(vars: Vars): Vars {
  return Object.fromEntries(Object.entries(vars).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

// ansible-inventory --graph: `@group:` lines, children (each time they appear) and hosts below
// with `|--`; `all` lists no hosts of its own. `stack` only guards against a cycle.
function graph(inv: Inventory, group: string, indent: string, stack: string[] = []): string[] {
  const g = inv.groups.get(group);
  const lines = [`${indent}${indent ? '|--' : ''}@${group}:`];
  if (!g || stack.includes(group)) return lines;
  const inner = indent ? `${indent}|  ` : '  ';
  for (const child of g.children) lines.push(...graph(inv, child, inner, [...stack, group]));
  if (group !== 'all') for (const host of g.hosts) lines.push(`${inner}|--${host}`);
  return lines;
}
