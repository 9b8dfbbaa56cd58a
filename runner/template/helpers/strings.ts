// String helpers: case, replace, trim, base64, and POSIX shell quoting.

import { type Helper, type HelperThis, named } from './named.js';

/** POSIX single-quote quoting: the result is one shell word whatever the input holds. */
export function shellQuote(value: unknown): string {
  return `'${String(value).replaceAll("'", `'\\''`)}'`;
}

/** String helpers. */
export const stringHelpers: Record<string, Helper> = {
  shq: (value: unknown) => shellQuote(value),
  upper: (s: unknown) => String(s).toUpperCase(),
  lower: (s: unknown) => String(s).toLowerCase(),
  trim: (s: unknown) => String(s).trim(),
  replace: (s: unknown, from: unknown, to: unknown) => String(s).replaceAll(String(from), String(to)),
  b64: (s: unknown) => Buffer.from(String(s)).toString('base64'),
  // Jinja's indent(width=4, first=False, blank=False): indents every line but the first.
  indent(this: HelperThis, s: unknown, width?: unknown) {
    const pad = typeof width === 'string' ? width : ' '.repeat(Number(width ?? named(this, 'width', 4)));
    const first = named<unknown>(this, 'first', false) === true;
    const blank = named<unknown>(this, 'blank', false) === true;
    return String(s).split('\n').map((l, i) => ((i > 0 || first) && (blank || l.trim() !== '') ? pad + l : l)).join('\n');
  },
  capitalize: (s: unknown) => { const t = String(s).toLowerCase(); return t.charAt(0).toUpperCase() + t.slice(1); },
  splitlines: (s: unknown) => String(s).split(/\r?\n/).filter((l, i, all) => i < all.length - 1 || l !== ''),
};
