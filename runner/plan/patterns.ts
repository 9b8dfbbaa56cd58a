// Ansible host patterns: `all`, `*`, a group, a host, globs, and `a:b` / `a:&b` / `a:!b`
// (comma works as the separator too). Unions apply first, then intersections, then exclusions,
// whatever their order in the pattern, as in Ansible.
import { LOCALHOST, groupHosts } from '../load/groups.js';
import type { Inventory } from '../load/types.js';

interface Term {
  op: 'union' | 'and' | 'not';
  name: string;
}

// An IPv6 address holds colons that are not separators.
const IPV6 = /^[0-9a-f]*:[0-9a-f]*:[0-9a-f:.]*$/i;

/** Splits a pattern into terms. */
export function parsePattern(pattern: string): Term[] {
  const pieces = pattern.split(',').flatMap((p) => (IPV6.test(p.trim().replace(/^[&!]/, '')) ? [p] : p.split(':')));
  return pieces
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => (p.startsWith('&') ? { op: 'and', name: p.slice(1) } : p.startsWith('!') ? { op: 'not', name: p.slice(1) } : { op: 'union', name: p }));
}

function globRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|\\]/g, '\\$&').replaceAll('*', '.*').replaceAll('?', '.');
  return new RegExp(`^${body}$`);
}

/** Hosts one term names: a group's hosts, a host, or every host/group matching a glob. */
function termHosts(inv: Inventory, name: string): Set<string> {
  if (name === 'all' || name === '*') return new Set(inv.hosts.keys());
  if (inv.groups.has(name)) return new Set(groupHosts(inv, name));
  if (inv.hosts.has(name) || name === LOCALHOST) return new Set([name]);
  if (!/[*?[]/.test(name)) return new Set();
  const re = globRegExp(name);
  const out = new Set<string>();
  for (const h of inv.hosts.keys()) if (re.test(h)) out.add(h);
  for (const g of inv.groups.keys()) if (re.test(g)) for (const h of groupHosts(inv, g)) out.add(h);
  return out;
}

/**
 * Hosts matching `pattern`, in inventory order (the implicit `localhost` last).
 * Returns [] when nothing matches: validation turns that into a diagnostic, the engine into "no hosts".
 */
export function matchHosts(inv: Inventory, pattern: string): string[] {
  const terms = parsePattern(pattern);
  const selected = new Set<string>();
  for (const t of terms) if (t.op === 'union') for (const h of termHosts(inv, t.name)) selected.add(h);
  for (const t of terms) {
    if (t.op === 'union') continue;
    const hosts = termHosts(inv, t.name);
    for (const h of [...selected]) if ((t.op === 'and') !== hosts.has(h)) selected.delete(h);
  }
  const ordered = [...inv.hosts.keys()].filter((h) => selected.has(h));
  if (selected.has(LOCALHOST) && !inv.hosts.has(LOCALHOST)) ordered.push(LOCALHOST);
  return ordered;
}

/** Names in `pattern` that are neither a group, a host, nor a glob matching something (for diagnostics). */
export function unknownPatternNames(inv: Inventory, pattern: string): string[] {
  return parsePattern(pattern)
    .map((t) => t.name)
    .filter((n) => termHosts(inv, n).size === 0 && !inv.groups.has(n));
}
