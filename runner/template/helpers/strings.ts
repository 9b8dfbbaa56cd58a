// String helpers: case, replace, trim, base64, and POSIX shell quoting.

type Helper = (...args: any[]) => unknown;

/** POSIX single-quote quoting: the result is one shell word whatever the input holds. */
export function shellQuote(value: unknown): string {
  return `'${String(value).replaceAll("'", `'\\''`)}'`;
}

/** String helpers. `add` is here because it also concatenates strings, like `+`. */
export const stringHelpers: Record<string, Helper> = {
  shq: (value: unknown) => shellQuote(value),
  upper: (s: unknown) => String(s).toUpperCase(),
  lower: (s: unknown) => String(s).toLowerCase(),
  trim: (s: unknown) => String(s).trim(),
  replace: (s: unknown, from: unknown, to: unknown) => String(s).replaceAll(String(from), String(to)),
  b64: (s: unknown) => Buffer.from(String(s)).toString('base64'),
  add: (a: any, b: any) => a + b,
};
