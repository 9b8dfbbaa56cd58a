// Jinja's list filters: map, select/reject(attr), unique, sort, min/max, flatten, sum and the
// set operations. Strings compare case-insensitively unless case_sensitive=true, as in Jinja.
import { type Helper, HelperError, named, type HelperThis } from './named.js';
import { same, testNamed } from './tests.js';
import { getPath } from './values.js';

function list(value: unknown, helper: string): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return [...value];
  if (value && typeof value === 'object') return Object.keys(value);
  throw new HelperError(`${helper} needs a list, got ${JSON.stringify(value)}`);
}

/** What an item is compared by: the attribute if named, lower-cased unless case-sensitive. */
function keyer(self: HelperThis): (item: unknown) => unknown {
  const attribute = named<string | undefined>(self, 'attribute', undefined);
  const sensitive = named(self, 'case_sensitive', false);
  return (item) => {
    const v = attribute === undefined ? item : getPath(item, String(attribute));
    return typeof v === 'string' && !sensitive ? v.toLowerCase() : v;
  };
}

const RANK: Record<string, number> = { undefined: 0, boolean: 1, number: 1, string: 2, object: 3 };

/** Orders two keys: numbers (and booleans) before strings before lists and maps. */
function order(a: any, b: any): number {
  const ra = a === null ? 0 : RANK[typeof a] ?? 4;
  const rb = b === null ? 0 : RANK[typeof b] ?? 4;
  if (ra !== rb) return ra - rb;
  if (ra === 3) return JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Items without repeats, the first of each kept (by `key`). */
function uniqueBy(items: unknown[], key: (x: unknown) => unknown): unknown[] {
  const out: unknown[] = [];
  const seen: unknown[] = [];
  for (const item of items) {
    const k = key(item);
    if (seen.some((s) => same(s, k))) continue;
    seen.push(k);
    out.push(item);
  }
  return out;
}

function extreme(sign: 1 | -1, name: string): Helper {
  return function (this: HelperThis, value: unknown) {
    const items = list(value, name);
    const key = keyer(this);
    let best: unknown;
    for (const item of items) if (best === undefined || sign * order(key(item), key(best)) < 0) best = item;
    return best;
  };
}

/** select/reject by a test on each item, selectattr/rejectattr on an attribute of it. */
function selector(keep: boolean, byAttribute: boolean, name: string): Helper {
  return (value: unknown, ...rest: unknown[]) => {
    const [attr, testName, arg] = byAttribute ? rest : [undefined, ...rest];
    if (byAttribute && typeof attr !== 'string') throw new HelperError(`${name} needs an attribute name`);
    const test = testName === undefined ? testNamed('truthy') : testNamed(testName);
    return list(value, name).filter((item) => test(byAttribute ? getPath(item, attr as string) : item, arg) === keep);
  };
}

function flatten(items: unknown[], levels: number): unknown[] {
  const out: unknown[] = [];
  for (const item of items) {
    if (Array.isArray(item) && levels !== 0) out.push(...flatten(item, levels - 1));
    else if (item !== null && item !== 'None' && item !== 'null') out.push(item);
  }
  return out;
}

/** List helpers. `map list "a.b"` takes an attribute (Jinja's map(attribute="a.b")). */
export const listHelpers: Record<string, Helper> = {
  // `from=hostvars` looks each item up in a map first (Jinja's map('extract', hostvars, ...)).
  map(value: unknown, attribute?: unknown) {
    const attr = attribute ?? named<unknown>(this, 'attribute', undefined);
    const from = named<unknown>(this, 'from', undefined);
    if (attr === undefined && from === undefined) throw new HelperError('map needs an attribute (map list "name") or a map to look items up in (from=hostvars)');
    const fallback = named<unknown>(this, 'default', undefined);
    return list(value, 'map').map((item) => {
      const found = from === undefined ? item : getPath(from, String(item));
      return (attr === undefined ? found : getPath(found, String(attr))) ?? fallback;
    });
  },
  select: selector(true, false, 'select'),
  reject: selector(false, false, 'reject'),
  selectattr: selector(true, true, 'selectattr'),
  rejectattr: selector(false, true, 'rejectattr'),
  unique(value: unknown) {
    return uniqueBy(list(value, 'unique'), keyer(this));
  },
  sort(value: unknown) {
    const key = keyer(this);
    const sorted = [...list(value, 'sort')].sort((a, b) => order(key(a), key(b)));
    return named(this, 'reverse', false) ? sorted.reverse() : sorted;
  },
  min: extreme(1, 'min'),
  max: extreme(-1, 'max'),
  flatten(value: unknown, levels?: unknown) {
    return flatten(list(value, 'flatten'), typeof levels === 'number' ? levels : Number(named(this, 'levels', -1)));
  },
  sum(value: unknown) {
    const attr = named<string | undefined>(this, 'attribute', undefined);
    return list(value, 'sum').reduce((total: number, item) => total + Number(attr === undefined ? item : getPath(item, attr)), Number(named(this, 'start', 0)));
  },
  reverse: (value: unknown) => (typeof value === 'string' ? [...value].reverse().join('') : [...list(value, 'reverse')].reverse()),
  list: (value: unknown) => list(value, 'list'),
  union: (a: unknown, b: unknown) => uniqueBy([...list(a, 'union'), ...list(b, 'union')], (x) => x),
  intersect: (a: unknown, b: unknown) => uniqueBy(list(a, 'intersect').filter((x) => list(b, 'intersect').some((y) => same(x, y))), (x) => x),
  difference: (a: unknown, b: unknown) => uniqueBy(list(a, 'difference').filter((x) => !list(b, 'difference').some((y) => same(x, y))), (x) => x),
  symmetric_difference: (a: unknown, b: unknown) => {
    const [x, y] = [list(a, 'symmetric_difference'), list(b, 'symmetric_difference')];
    return uniqueBy([...x.filter((i) => !y.some((j) => same(i, j))), ...y.filter((j) => !x.some((i) => same(i, j)))], (v) => v);
  },
};
