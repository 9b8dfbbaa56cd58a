// Maps: combine (Ansible's merge, recursive and list_merge too), dict2items/items2dict, extract.
import { type Helper, HelperError, named, type HelperThis } from './named.js';

type Dict = Record<string, unknown>;

const isDict = (v: unknown): v is Dict => !!v && typeof v === 'object' && !Array.isArray(v);

function mergeLists(a: unknown[], b: unknown[], how: string): unknown[] {
  switch (how) {
    case 'replace': return b;
    case 'keep': return a;
    case 'append': return [...a, ...b];
    case 'prepend': return [...b, ...a];
    case 'append_rp': return [...a.filter((x) => !b.includes(x)), ...b];
    case 'prepend_rp': return [...b, ...a.filter((x) => !b.includes(x))];
    default: throw new HelperError(`list_merge must be replace, keep, append, prepend, append_rp or prepend_rp, not ${JSON.stringify(how)}`);
  }
}

/** Ansible's merge_hash: `b` over `a`; nested maps merged only when `recursive`. */
function merge(a: Dict, b: Dict, recursive: boolean, listMerge: string): Dict {
  const out: Dict = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const old = out[k];
    if (recursive && isDict(old) && isDict(v)) out[k] = merge(old, v, true, listMerge);
    else if (Array.isArray(old) && Array.isArray(v)) out[k] = mergeLists(old, v, listMerge);
    else out[k] = v;
  }
  return out;
}

/** Map helpers. */
export const dictHelpers: Record<string, Helper> = {
  combine(this: HelperThis, ...dicts: unknown[]) {
    const all = dicts.flatMap((d) => (Array.isArray(d) ? d : [d]));
    const bad = all.find((d) => !isDict(d));
    if (bad !== undefined) throw new HelperError(`combine needs maps, got ${JSON.stringify(bad)}`);
    const recursive = named<unknown>(this, 'recursive', false) === true;
    const listMerge = String(named(this, 'list_merge', 'replace'));
    return (all as Dict[]).reduce((acc, d) => merge(acc, d, recursive, listMerge), {});
  },
  dict2items(this: HelperThis, value: unknown) {
    if (!isDict(value)) throw new HelperError(`dict2items needs a map, got ${JSON.stringify(value)}`);
    const k = String(named(this, 'key_name', 'key'));
    const v = String(named(this, 'value_name', 'value'));
    return Object.entries(value).map(([key, val]) => ({ [k]: key, [v]: val }));
  },
  items2dict(this: HelperThis, value: unknown) {
    if (!Array.isArray(value)) throw new HelperError(`items2dict needs a list, got ${JSON.stringify(value)}`);
    const k = String(named(this, 'key_name', 'key'));
    const v = String(named(this, 'value_name', 'value'));
    const out: Dict = {};
    for (const item of value) {
      if (!isDict(item) || !(k in item) || !(v in item)) throw new HelperError(`items2dict: ${JSON.stringify(item)} has no "${k}" and "${v}"`);
      out[String(item[k])] = item[v];
    }
    return out;
  },
  /** `dict a=1 b="x"`: a map literal (Jinja's {'a': 1, 'b': 'x'}). */
  dict(this: HelperThis) {
    return { ...this.hash };
  },
  /** `array a b c`: a list literal (Jinja's [a, b, c]); unlike concat, lists inside stay lists. */
  array: (...items: unknown[]) => items,
  /** `extract key container` is container[key] (Jinja's map('extract', hostvars)). */
  extract(key: unknown, container: unknown, morekeys?: unknown) {
    let cur = (container as Dict | undefined)?.[String(key)];
    for (const k of morekeys === undefined ? [] : Array.isArray(morekeys) ? morekeys : [morekeys]) cur = (cur as Dict | undefined)?.[String(k)];
    return cur;
  },
};
