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
  const pieces = pattern.split(',').flatMap((p) => (IPV6.test(p.trim().replace(/^[&!]/, '')) ? [p] : splitColons(p)));
  return pieces
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => (p.startsWith('&') ? { op: 'and', name: p.slice(1) } : p.startsWith('!') ? { op: 'not', name: p.slice(1) } : { op: 'union', name: p }));
}

// `a:b[1:3]` is two terms: a colon inside a subscript does not separate.
function splitColons(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let word = '';
  for (const c of text) {
    if (c === '[') depth++;
    if (c === ']') depth = Math.max(0, depth - 1);
    if (c === ':' && depth === 0) {
      out.push(word);
      word = '';
    } else word += c;
  }
  return [...out, word];
}

const SUBSCRIPT = /^(.+)\[(-?\d*)(?::(-?\d*))?\]$/;

// `group[0]`, `group[-1]`, `group[1:3]` (the end included, as in Ansible), `group[2:]`.
function subscriptHosts(inv: Inventory, name: string): Set<string> | undefined {
  const m = SUBSCRIPT.exec(name);
  if (!m || !(inv.groups.has(m[1]!) || m[1] === 'all')) return undefined;
  const hosts = [...termHosts(inv, m[1]!)];
  const index = (s: string | undefined, dflt: number): number => (s === undefined || s === '' ? dflt : Number(s) < 0 ? hosts.length + Number(s) : Number(s));
  if (m[3] === undefined && !name.slice(m[1]!.length).includes(':')) {
    const i = index(m[2], 0);
    return new Set(hosts[i] === undefined ? [] : [hosts[i]!]);
  }
  return new Set(hosts.slice(index(m[2], 0), index(m[3], hosts.length - 1) + 1));
}

/**
 * fnmatch-style glob (`*`, `?`, `[abc]`, `[!a-z]`; an unclosed `[` is literal), matched in
 * O(name × glob) by the classic backtrack-to-last-star walk: no regular expression that backtracks.
 */
export function globMatch(glob: string, name: string): boolean {
  let g = 0;
  let n = 0;
  let starG = -1;
  let starN = 0;
  while (n < name.length) {
    const step = g < glob.length ? matchOne(glob, g, name[n]) : undefined;
    if (g < glob.length && glob[g] === '*') {
      starG = g++;
      starN = n;
    } else if (step !== undefined) {
      g = step;
      n++;
    } else if (starG >= 0) {
      g = starG + 1;
      n = ++starN;
    } else return false;
  }
  while (g < glob.length && glob[g] === '*') g++;
  return g === glob.length;
}

// The glob index after matching `ch` at `g`, or undefined when it does not match.
function matchOne(glob: string, g: number, ch: string): number | undefined {
  const c = glob[g];
  if (c === '?') return g + 1;
  if (c === '[') {
    const close = glob.indexOf(']', g + 2);
    if (close > 0) {
      const negate = glob[g + 1] === '!' || glob[g + 1] === '^';
      const body = glob.slice(negate ? g + 2 : g + 1, close);
      let hit = false;
      for (let i = 0; i < body.length; i++) {
        if (body[i + 1] === '-' && i + 2 < body.length) {
          if (ch >= body[i] && ch <= body[i + 2]) hit = true;
          i += 2;
        } else if (body[i] === ch) hit = true;
      }
      return hit !== negate ? close + 1 : undefined;
    }
  }
  return c === ch ? g + 1 : undefined;
}

/** Hosts one term names: a group's hosts, a host, or every host/group matching a glob. */
function termHosts(inv: Inventory, name: string): Set<string> {
  if (name === 'all' || name === '*') return new Set(inv.hosts.keys());
  if (inv.groups.has(name)) return new Set(groupHosts(inv, name));
  if (inv.hosts.has(name) || name === LOCALHOST) return new Set([name]);
  const sub = subscriptHosts(inv, name);
  if (sub) return sub;
  if (!/[*?[]/.test(name) && !name.startsWith('~')) return new Set();
  // `~regex` matches names from their start, as Ansible's re.match does; a glob is matched without a RegExp.
  const re = name.startsWith('~') ? new RegExp(`^(?:${name.slice(1)})`) : undefined;
  const matches = (s: string): boolean => (re ? re.test(s) : globMatch(name, s));
  const out = new Set<string>();
  for (const h of inv.hosts.keys()) if (matches(h)) out.add(h);
  for (const g of inv.groups.keys()) if (matches(g)) for (const h of groupHosts(inv, g)) out.add(h);
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
