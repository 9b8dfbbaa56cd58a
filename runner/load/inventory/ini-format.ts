// Ansible's INI inventory: `[group]` host lines with inline vars, `[group:children]`,
// `[group:vars]`, comments (`#`, `;`), hosts before any section in `ungrouped`. Values are typed
// as Ansible types them (Python literals, else the text). Follows ansible/plugins/inventory/ini.py.
import type { Diagnostic } from '../../errors.js';
import type { SourceRef } from '../types.js';
import type { InventoryBuilder } from './builder.js';
import { expandHostPattern } from './host-pattern.js';
import { pythonLiteral } from './python-literal.js';
import { shlexSplit } from './shlex.js';
import { checkConnectionVars } from './var-checks.js';

const SECTION = /^\[([^:\]\s]+)(?::(\w+))?\]\s*(?:#.*)?$/;
const GROUP_NAME = /^([^:\]\s]+)\s*(?:#.*)?$/;

interface Pending {
  at: SourceRef;
  kind: 'vars' | 'children';
  parents: string[];
}

/** Adds an INI inventory's text to `b`; returns this file's own problems (also pushed to `b`). */
export function addIniInventory(b: InventoryBuilder, file: string, text: string): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const pending = new Map<string, Pending>();
  const known = new Set(b.groups.keys());
  let group = 'ungrouped';
  let state = 'hosts';
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line[0] === '#' || line[0] === ';') return;
    const at: SourceRef = { file, line: i + 1, col: raw.indexOf(line[0]) + 1 };
    const fail = (message: string): void => void problems.push({ ...at, message });
    const section = SECTION.exec(line);
    if (section) {
      group = section[1];
      state = section[2] ?? 'hosts';
      if (!['hosts', 'children', 'vars'].includes(state)) return fail(`section [${group}:${state}] has unknown type '${state}' (hosts, children or vars)`);
      if (!known.has(group)) {
        if (state === 'vars' && !pending.has(group)) pending.set(group, { at, kind: 'vars', parents: [] });
        known.add(group);
        b.group(group, at);
      }
      const p = pending.get(group);
      if (p && state !== 'vars') {
        pending.delete(group);
        for (const parent of p.parents) b.addChild(parent, group, p.at);
      }
      return;
    }
    if (line.startsWith('[') && line.endsWith(']')) return fail(`invalid section '${line}': no spaces or other characters are allowed in [group] or [group:children]`);
    if (state === 'vars') {
      const eq = line.indexOf('=');
      if (eq < 0) return fail(`expected key=value in [${group}:vars], got: ${line}`);
      const key = line.slice(0, eq).trim();
      const value = pythonLiteral(line.slice(eq + 1).trim());
      b.setGroupVar(group, key, value, at);
      b.diagnostics.push(...checkConnectionVars({ [key]: value }, () => at, ` (group '${group}')`));
    } else if (state === 'children') {
      const child = GROUP_NAME.exec(line)?.[1];
      if (!child) return fail(`expected a group name in [${group}:children], got: ${line}`);
      if (known.has(child)) b.addChild(group, child, at);
      else if (pending.has(child)) pending.get(child)!.parents.push(group);
      else pending.set(child, { at, kind: 'children', parents: [group] });
    } else hostLine(b, group, line, at, fail);
  });
  for (const [name, p] of pending) {
    problems.push({ ...p.at, message: p.kind === 'vars' ? `section [${name}:vars] is for a group defined nowhere: ${name}` : `section [${p.parents[p.parents.length - 1]}:children] names a group defined nowhere: ${name}` });
  }
  b.diagnostics.push(...problems);
  return problems;
}

function hostLine(b: InventoryBuilder, group: string, line: string, at: SourceRef, fail: (m: string) => void): void {
  let words: string[];
  try {
    words = shlexSplit(line);
  } catch (err) {
    return fail(`cannot read host line '${line}': ${(err as Error).message}`);
  }
  if (words.length === 0) return;
  const [pattern, ...assignments] = words;
  if (pattern.endsWith(':')) return fail(`host '${pattern}' ends in ':', which is reserved for a port (host:2222)`);
  if (pattern === '---') return fail(`host '---' is normally a sign that this is a YAML file`);
  const vars: Record<string, unknown> = {};
  for (const a of assignments) {
    const eq = a.indexOf('=');
    if (eq < 0) return fail(`expected key=value after the host name, got: ${a}`);
    vars[a.slice(0, eq)] = pythonLiteral(a.slice(eq + 1));
  }
  let expanded;
  try {
    expanded = expandHostPattern(pattern);
  } catch (err) {
    return fail((err as Error).message);
  }
  // The port comes first, so an inline ansible_port wins over it as in Ansible.
  const all = expanded.port === undefined ? vars : { ansible_port: expanded.port, ...vars };
  for (const name of expanded.names) b.addHost(group, name, all, at);
  b.diagnostics.push(...checkConnectionVars(all, () => at, ` (host '${pattern}')`));
}
