// Helpers over lists and maps: join, includes, len, first, last, concat, split, keys.

type Helper = (...args: any[]) => unknown;

/** Most items a helper builds (`range`): a template cannot exhaust memory. */
export const MAX_COLLECTION = 100_000;

function sized(value: unknown): number {
  if (typeof value === 'string' || Array.isArray(value)) return value.length;
  if (value && typeof value === 'object') return Object.keys(value).length;
  return 0;
}

/** Collection helpers; positional arguments only (the trailing Handlebars options is dropped). */
export const collectionHelpers: Record<string, Helper> = {
  join: (list: unknown, sep: unknown) => (Array.isArray(list) ? list.join(typeof sep === 'string' ? sep : ',') : String(list)),
  includes: (haystack: unknown, needle: unknown) =>
    typeof haystack === 'string' ? haystack.includes(String(needle)) : Array.isArray(haystack) ? haystack.includes(needle) : !!haystack && typeof haystack === 'object' && Object.hasOwn(haystack, String(needle)),
  len: (value: unknown) => sized(value),
  first: (list: unknown) => (Array.isArray(list) || typeof list === 'string' ? list[0] : undefined),
  last: (list: unknown) => (Array.isArray(list) || typeof list === 'string' ? list[list.length - 1] : undefined),
  concat: (...args: unknown[]) => args.flatMap((a) => (Array.isArray(a) ? a : [a])),
  split: (text: unknown, sep: unknown) => String(text).split(typeof sep === 'string' ? sep : ','),
  keys: (map: unknown) => (map && typeof map === 'object' ? Object.keys(map) : []),
  range: (from: unknown, to: unknown) => {
    const count = Number(to) - Number(from);
    if (count > MAX_COLLECTION) throw new Error(`range: ${count} items is over the limit of ${MAX_COLLECTION} (limit on collection size)`);
    const out: number[] = [];
    for (let i = Number(from); i < Number(to); i++) out.push(i);
    return out;
  },
};
