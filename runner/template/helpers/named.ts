// Jinja-style named arguments (`sort list attribute="name"`): Handlebars passes them as the hash,
// which index.ts hands every helper as `this.hash`.

/** What a helper sees as `this`: its named arguments. */
export interface HelperThis {
  hash: Record<string, unknown>;
}

/** A helper: positional arguments, named ones in `this.hash`. */
export type Helper = (this: HelperThis, ...args: any[]) => unknown;

/** The named argument `key`, or `fallback` when absent. */
export function named<T>(self: HelperThis | undefined, key: string, fallback: T): T {
  const value = self?.hash?.[key];
  return value === undefined ? fallback : (value as T);
}

/** A helper's refusal of its input; index.ts adds the template, line, column and helper name. */
export class HelperError extends Error {}
