// Builds the Inventory model from any number of sources (YAML, INI, scripts), as Ansible's
// InventoryData does: groups and hosts accumulate across sources, later values win.
//
// Decisions: within one file, a host given two different values for one var is an error
// (Ansible silently keeps the last); names with control characters are refused; a group that
// is its own ancestor is an error at the edge that closes the cycle.
import { isDeepStrictEqual } from 'node:util';
import type { Diagnostic } from '../../errors.js';
import type { GroupEntry, HostEntry, Inventory, SourceRef, Vars } from '../types.js';
import { badName } from './names.js';
import { refusedVar } from './refused-vars.js';

/** Collects hosts, groups and edges with where each came from, then finishes the model. */
export class InventoryBuilder {
  readonly diagnostics: Diagnostic[] = [];
  readonly hosts = new Map<string, HostEntry>();
  readonly groups = new Map<string, GroupEntry>();
  /** Where each host var was set, for the conflict message. */
  private readonly varOrigin = new Map<string, Map<string, SourceRef>>();
  /** Where each parent → child edge was declared. */
  private readonly edges = new Map<string, SourceRef>();
  private readonly parents = new Map<string, Set<string>>();
  private readonly members = new Map<string, Set<string>>();

  constructor(readonly sources: string[]) {
    const at = { file: sources[0] ?? '', line: 1, col: 1 };
    this.group('all', at);
    this.group('ungrouped', at);
  }

  /** The group `name`, created (and its name checked) on first sight. */
  group(name: string, at: SourceRef): GroupEntry {
    let g = this.groups.get(name);
    if (!g) {
      const bad = badName('group', name);
      if (bad) this.diagnostics.push({ ...at, message: bad });
      g = { name, hosts: [], children: [], vars: {}, source: at };
      this.groups.set(name, g);
    }
    return g;
  }

  /** Lists `host` under `group` (none: vars only) with its vars; `varAt` locates each var for conflict messages. */
  addHost(group: string | undefined, name: string, vars: Vars, at: SourceRef, varAt: (key: string) => SourceRef = () => at): void {
    let h = this.hosts.get(name);
    if (!h) {
      const bad = badName('host', name);
      if (bad) this.diagnostics.push({ ...at, message: bad });
      h = { name, vars: {}, source: at };
      this.hosts.set(name, h);
      this.varOrigin.set(name, new Map());
    }
    if (group !== undefined) this.list(group, name, at);
    const origin = this.varOrigin.get(name)!;
    for (const [k, v] of Object.entries(vars)) {
      const first = origin.get(k);
      const here = varAt(k);
      const refused = refusedVar(k, v);
      if (refused) this.diagnostics.push({ ...here, message: refused });
      if (first && first.file === here.file && k in h.vars && !isDeepStrictEqual(h.vars[k], v)) {
        this.diagnostics.push({ ...here, message: `host '${name}' is already defined (line ${first.line}) with a different '${k}'` });
        continue;
      }
      h.vars[k] = v;
      origin.set(k, here);
    }
  }

  private list(group: string, host: string, at: SourceRef): void {
    const g = this.group(group, at);
    const members = this.members.get(group) ?? new Set(g.hosts);
    this.members.set(group, members);
    if (!members.has(host)) {
      members.add(host);
      g.hosts.push(host);
    }
  }

  /** Sets one group var; `ansible_group_priority` becomes the group's priority, as in Ansible. */
  setGroupVar(group: string, key: string, value: unknown, at: SourceRef): void {
    const g = this.group(group, at);
    const refused = refusedVar(key, value);
    if (refused) this.diagnostics.push({ ...at, message: refused });
    if (key !== 'ansible_group_priority') g.vars[key] = value;
    else if (Number.isInteger(Number(value)) && value !== null && value !== '') g.priority = Number(value);
    else this.diagnostics.push({ ...at, message: `'ansible_group_priority' of group '${group}' must be an integer, got ${JSON.stringify(value)}` });
  }

  /** Makes `child` a child group of `parent`. */
  addChild(parent: string, child: string, at: SourceRef): void {
    const p = this.group(parent, at);
    this.group(child, at);
    if (p.children.includes(child)) return;
    p.children.push(child);
    this.edges.set(`${parent}\u0000${child}`, at);
    if (!this.parents.has(child)) this.parents.set(child, new Set());
    this.parents.get(child)!.add(parent);
  }

  /** The model, with `all` holding every parentless group and `ungrouped` every host in no other group. */
  finish(): Inventory {
    const all = this.groups.get('all')!;
    for (const g of this.groups.values()) {
      if (g.name !== 'all' && !this.parents.get(g.name)?.size && !all.children.includes(g.name)) this.addChild('all', g.name, g.source);
    }
    all.children.sort((a, b) => (a === 'ungrouped' ? -1 : b === 'ungrouped' ? 1 : 0));
    this.findCycles();
    const grouped = new Set<string>();
    for (const g of this.groups.values()) if (g.name !== 'all' && g.name !== 'ungrouped') for (const h of g.hosts) grouped.add(h);
    const ungrouped = this.groups.get('ungrouped')!;
    const listed = new Set(ungrouped.hosts.filter((h) => !grouped.has(h)));
    ungrouped.hosts = [...listed, ...[...this.hosts.keys()].filter((h) => !grouped.has(h) && !listed.has(h))];
    for (const h of this.hosts.values()) {
      if (this.groups.has(h.name)) this.diagnostics.push({ ...h.source, message: `'${h.name}' is both a group and a host` });
    }
    return { file: this.sources[0] ?? '', sources: this.sources, hosts: this.hosts, groups: this.groups };
  }

  // Depth-first over child edges; an edge back to a group on the stack closes a cycle.
  private findCycles(): void {
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (name: string): void => {
      state.set(name, 'open');
      stack.push(name);
      for (const child of this.groups.get(name)?.children ?? []) {
        const s = state.get(child);
        if (s === 'open') {
          const cycle = [...stack.slice(stack.indexOf(child)), child].join(' → ');
          const at = this.edges.get(`${name}\u0000${child}`) ?? this.groups.get(child)!.source;
          this.diagnostics.push({ ...at, message: `group cycle: ${cycle}` });
        } else if (s === undefined) visit(child);
      }
      stack.pop();
      state.set(name, 'done');
    };
    for (const name of this.groups.keys()) if (!state.has(name)) visit(name);
  }
}
