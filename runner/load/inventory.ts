// Loads an Ansible-style YAML inventory into the Inventory model, reporting every problem at once.
//
// Decisions: a host may be listed under several groups; its vars from each listing merge, and
// the same var given two different values is an error (Ansible silently keeps the last one).
// A group may appear under several parents (its hosts, vars and children merge). Top-level
// keys other than `all` are groups under `all`. Names shared by a group and a host are refused.
import { isDeepStrictEqual } from 'node:util';
import { type Diagnostic, ValidationError } from '../errors.js';
import { ajvDiagnostics, validator } from './schemas/ajv.js';
import { inventorySchema } from './schemas/inventory.js';
import type { GroupEntry, HostEntry, Inventory, SourceRef, Vars } from './types.js';
import { type YamlPath, type YamlSource, diagnosticAt, keyPositionOf, readYaml } from './yaml.js';

type Node = Record<string, unknown> | null | undefined;

class Builder {
  readonly diagnostics: Diagnostic[] = [];
  readonly hosts = new Map<string, HostEntry>();
  readonly groups = new Map<string, GroupEntry>();
  private readonly stack: string[] = [];

  constructor(private readonly src: YamlSource) {}

  private ref(path: YamlPath): SourceRef {
    return { file: this.src.file, ...keyPositionOf(this.src, path) };
  }

  private group(name: string, path: YamlPath): GroupEntry {
    let g = this.groups.get(name);
    if (!g) {
      g = { name, hosts: [], children: [], vars: {}, source: this.ref(path) };
      this.groups.set(name, g);
    }
    return g;
  }

  visitGroup(name: string, node: Node, path: YamlPath): void {
    if (this.stack.includes(name)) {
      const cycle = [...this.stack.slice(this.stack.indexOf(name)), name].join(' → ');
      this.diagnostics.push(diagnosticAt(this.src, path, `group cycle: ${cycle}`, 'key'));
      return;
    }
    const g = this.group(name, path);
    if (!node || typeof node !== 'object') return;
    Object.assign(g.vars, isObject(node.vars) ? node.vars : {});
    const hosts = isObject(node.hosts) ? node.hosts : {};
    for (const [host, vars] of Object.entries(hosts)) {
      this.addHost(host, isObject(vars) ? vars : {}, [...path, 'hosts', host]);
      if (!g.hosts.includes(host)) g.hosts.push(host);
    }
    this.stack.push(name);
    const children = isObject(node.children) ? node.children : {};
    for (const [child, childNode] of Object.entries(children)) {
      if (!g.children.includes(child)) g.children.push(child);
      this.visitGroup(child, childNode as Node, [...path, 'children', child]);
    }
    this.stack.pop();
  }

  private addHost(name: string, vars: Vars, path: YamlPath): void {
    const existing = this.hosts.get(name);
    if (!existing) {
      this.hosts.set(name, { name, vars: { ...vars }, source: this.ref(path) });
      return;
    }
    for (const [k, v] of Object.entries(vars)) {
      if (k in existing.vars && !isDeepStrictEqual(existing.vars[k], v)) {
        const first = existing.source;
        this.diagnostics.push(diagnosticAt(this.src, [...path, k], `host '${name}' is already defined (line ${first.line}) with a different '${k}'`, 'key'));
      } else existing.vars[k] = v;
    }
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Loads and validates an inventory; `diagnostics` is empty when `inventory` can be trusted. */
export function readInventory(file: string): { inventory: Inventory; diagnostics: Diagnostic[] } {
  const src = readYaml(file);
  const diagnostics = [...src.diagnostics];
  const data = src.doc.toJS() as unknown;
  const b = new Builder(src);
  if (!isObject(data)) {
    if (diagnostics.length === 0) diagnostics.push({ file, line: 1, col: 1, message: "an inventory is a mapping with an 'all' group" });
  } else {
    const validate = validator(inventorySchema);
    if (!validate(data)) diagnostics.push(...ajvDiagnostics(src, validate.errors));
    b.visitGroup('all', (data.all ?? null) as Node, ['all']);
    const all = b.groups.get('all')!;
    for (const [name, node] of Object.entries(data)) {
      if (name === 'all') continue;
      if (!all.children.includes(name)) all.children.push(name);
      b.visitGroup(name, node as Node, [name]);
    }
  }
  diagnostics.push(...b.diagnostics);
  const inventory = finish(file, b);
  for (const host of inventory.hosts.values()) {
    if (inventory.groups.has(host.name)) diagnostics.push({ ...host.source, message: `'${host.name}' is both a group and a host` });
  }
  return { inventory, diagnostics: sortDiagnostics(diagnostics) };
}

/** Adds `all` and `ungrouped` the way Ansible defines them. */
function finish(file: string, b: Builder): Inventory {
  const source = { file, line: 1, col: 1 };
  if (!b.groups.has('all')) b.groups.set('all', { name: 'all', hosts: [], children: [], vars: {}, source });
  const grouped = new Set<string>();
  for (const g of b.groups.values()) if (g.name !== 'all') g.hosts.forEach((h) => grouped.add(h));
  const ungrouped = b.groups.get('ungrouped') ?? { name: 'ungrouped', hosts: [], children: [], vars: {}, source };
  ungrouped.hosts = [...b.hosts.keys()].filter((h) => !grouped.has(h) || ungrouped.hosts.includes(h));
  b.groups.set('ungrouped', ungrouped);
  const all = b.groups.get('all')!;
  if (!all.children.includes('ungrouped')) all.children.push('ungrouped');
  return { file, hosts: b.hosts, groups: b.groups };
}

/** Diagnostics in file order. */
export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) => (a.file === b.file ? a.line - b.line || a.col - b.col : a.file < b.file ? -1 : 1));
}

/** Loads an inventory; throws one ValidationError holding every problem. */
export function loadInventory(file: string): Inventory {
  const { inventory, diagnostics } = readInventory(file);
  if (diagnostics.length > 0) throw new ValidationError(diagnostics);
  return inventory;
}
