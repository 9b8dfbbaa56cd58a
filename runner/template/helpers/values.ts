// Helpers about values themselves: default, json, yaml, get (a dotted path into a map).
import { stringify } from 'yaml';
import { withoutCycles } from '../acyclic.js';
import { truthy } from '../truthy.js';

type Helper = (...args: any[]) => unknown;

/** Follows a dotted path (`a.b.0`) into objects and arrays; undefined when any part is missing. */
export function getPath(value: unknown, path: string): unknown {
  let cur: any = value;
  for (const part of path.split('.')) {
    if (cur === null || cur === undefined || typeof cur !== 'object' || !Object.hasOwn(cur, part)) return undefined;
    cur = cur[part];
  }
  return cur;
}

/** Value helpers; `default` and `get` accept undefined so optional vars work under strict mode. */
export const valueHelpers: Record<string, Helper> = {
  // With a third argument true, a falsy value is replaced too (Jinja's default(x, true)).
  default: (value: unknown, fallback: unknown, falsy?: unknown) => (falsy === true ? (truthy(value) ? value : fallback) : (value ?? fallback)),
  json: (value: unknown) => JSON.stringify(withoutCycles(value ?? null)),
  yaml: (value: unknown) => stringify(withoutCycles(value ?? null)).trimEnd(),
  get: (value: unknown, path: unknown) => getPath(value, String(path)),
};
