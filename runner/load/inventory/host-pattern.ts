// A host key as Ansible reads it in YAML and INI inventories: `name:port`, `[v6addr]:port`, and
// ranges `www[01:50:2].example.com`, `db-[a:f]` (several ranges in one name multiply).

/** More names than this from one pattern is refused: a typo like `[1:99999999]` must not eat memory. */
export const MAX_RANGE_HOSTS = 100_000;

/** What a host key expands to: names in order, and the port it carries (`host:2222`). */
export interface HostPattern {
  names: string[];
  port?: number;
}

const BRACKETED_PORT = /^\[(.+)\]:([0-9]+)$/;
const HOST_PORT = /^((?:[^:[\]]|\[[^\]]*\])*):([0-9]+)$/;

/** Splits off the port and expands ranges; throws an Error with Ansible's wording on a bad range. */
export function expandHostPattern(pattern: string): HostPattern {
  const m = BRACKETED_PORT.exec(pattern) ?? HOST_PORT.exec(pattern);
  const name = m ? m[1] : pattern;
  const port = m ? Number(m[2]) : undefined;
  const names = expandRanges(name);
  return port === undefined ? { names } : { names, port };
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Ansible's expand_hostname_range: the first `[...]` expands, then the rest of each result. */
function expandRanges(name: string, budget = { left: MAX_RANGE_HOSTS }): string[] {
  const open = name.indexOf('[');
  if (open < 0) return [name];
  const close = name.indexOf(']', open);
  if (close < 0) throw new Error(`host range in '${name}' has no closing ']'`);
  const head = name.slice(0, open);
  const tail = name.slice(close + 1);
  const out: string[] = [];
  for (const item of rangeItems(name.slice(open + 1, close))) {
    for (const expanded of expandRanges(`${head}${item}${tail}`, budget)) {
      if (--budget.left < 0) throw new Error(`host range '${name}' gives more than ${MAX_RANGE_HOSTS} hosts`);
      out.push(expanded);
    }
  }
  return out;
}

function rangeItems(spec: string): string[] {
  const bounds = spec.split(':');
  if (bounds.length !== 2 && bounds.length !== 3) throw new Error(`host range [${spec}] must be begin:end or begin:end:step`);
  const [rawBeg, end, rawStep] = bounds;
  const beg = rawBeg === '' ? '0' : rawBeg;
  const step = rawStep === undefined ? 1 : Number(rawStep);
  if (end === '') throw new Error(`host range [${spec}] must specify an end value`);
  if (!Number.isInteger(step) || step < 1) throw new Error(`host range [${spec}] has an invalid step '${rawStep}'`);
  const width = beg.length > 1 && beg.startsWith('0') ? beg.length : 0;
  if (width && width !== end.length) throw new Error(`host range [${spec}] must specify equal-length begin and end formats`);
  const ib = LETTERS.indexOf(beg);
  const ie = LETTERS.indexOf(end);
  if (beg.length === 1 && end.length === 1 && ib >= 0 && ie >= 0) {
    if (ib > ie) throw new Error(`host range [${spec}] must have begin <= end`);
    return stepped(ib, ie, step).map((i) => LETTERS[i]);
  }
  if (!/^[0-9]+$/.test(beg) || !/^[0-9]+$/.test(end)) throw new Error(`host range [${spec}] is neither numeric nor one letter to another`);
  const from = Number(beg);
  const to = Number(end);
  if ((to - from) / step >= MAX_RANGE_HOSTS) throw new Error(`host range [${spec}] gives more than ${MAX_RANGE_HOSTS} hosts`);
  return stepped(from, to, step).map((i) => String(i).padStart(width, '0'));
}

function stepped(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let i = from; i <= to; i += step) out.push(i);
  return out;
}
