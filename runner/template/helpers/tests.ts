// Jinja's tests (`x is defined`, `v is version("3.5", ">=")`), as helpers and as the tests that
// select, reject, selectattr and rejectattr take by name.
import { truthy } from '../truthy.js';
import { type Helper, HelperError } from './named.js';
import { compileRegex } from './regex.js';

type Test = (value: unknown, arg?: unknown) => boolean;

/** Deep equality for lists and maps, strict for scalars (1 is not "1"). */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && same((a as any)[k], (b as any)[k]));
}

function inside(value: unknown, container: unknown): boolean {
  if (typeof container === 'string') return container.includes(String(value));
  if (Array.isArray(container)) return container.some((x) => same(x, value));
  return !!container && typeof container === 'object' && Object.hasOwn(container, String(value));
}

const cmp = (f: (a: any, b: any) => boolean): Test => (a, b) => a !== undefined && f(a, b);

/** Jinja's tests by name, with their operator aliases. */
export const TESTS: Record<string, Test> = {
  defined: (v) => v !== undefined,
  undefined: (v) => v === undefined,
  none: (v) => v === null,
  truthy: (v) => truthy(v),
  falsy: (v) => !truthy(v),
  true: (v) => v === true,
  false: (v) => v === false,
  string: (v) => typeof v === 'string',
  number: (v) => typeof v === 'number',
  integer: (v) => Number.isInteger(v),
  float: (v) => typeof v === 'number' && !Number.isInteger(v),
  boolean: (v) => typeof v === 'boolean',
  mapping: (v) => !!v && typeof v === 'object' && !Array.isArray(v),
  sequence: (v) => Array.isArray(v) || typeof v === 'string',
  iterable: (v) => Array.isArray(v) || typeof v === 'string' || (!!v && typeof v === 'object'),
  equalto: (a, b) => same(a, b),
  eq: (a, b) => same(a, b),
  '==': (a, b) => same(a, b),
  ne: (a, b) => !same(a, b),
  '!=': (a, b) => !same(a, b),
  gt: cmp((a, b) => a > b),
  '>': cmp((a, b) => a > b),
  ge: cmp((a, b) => a >= b),
  '>=': cmp((a, b) => a >= b),
  lt: cmp((a, b) => a < b),
  '<': cmp((a, b) => a < b),
  le: cmp((a, b) => a <= b),
  '<=': cmp((a, b) => a <= b),
  in: (a, b) => inside(a, b),
  contains: (a, b) => inside(b, a),
  match: (v, p) => typeof v === 'string' && compileRegex(p).matcher(v).lookingAt(),
  search: (v, p) => typeof v === 'string' && compileRegex(p).matcher(v).find(),
  regex: (v, p) => typeof v === 'string' && compileRegex(p).matcher(v).find(),
  odd: (v) => Number.isInteger(v) && Math.abs(v as number) % 2 === 1,
  even: (v) => Number.isInteger(v) && (v as number) % 2 === 0,
};

/** The test called `name`, or a clear error listing what exists. */
export function testNamed(name: unknown): Test {
  const test = TESTS[String(name)];
  if (!test) throw new HelperError(`unknown test ${JSON.stringify(name)} (known: ${Object.keys(TESTS).join(', ')})`);
  return test;
}

/** Python's LooseVersion parts: runs of digits (as numbers) and runs of letters. */
function versionParts(v: unknown): Array<number | string> {
  return [...String(v).matchAll(/\d+|[a-z]+/gi)].map((m) => (/^\d/.test(m[0]) ? Number(m[0]) : m[0]));
}

/** -1, 0 or 1; a letter part sorts before a number part (1.0rc1 < 1.0.1). */
export function compareVersions(a: unknown, b: unknown): number {
  const x = versionParts(a);
  const y = versionParts(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const p = x[i];
    const q = y[i];
    if (p === q) continue;
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    if (typeof p !== typeof q) return typeof p === 'string' ? -1 : 1;
    return p < q ? -1 : 1;
  }
  return 0;
}

const VERSION_OPS: Record<string, (c: number) => boolean> = {
  '<': (c) => c < 0, lt: (c) => c < 0, '<=': (c) => c <= 0, le: (c) => c <= 0,
  '>': (c) => c > 0, gt: (c) => c > 0, '>=': (c) => c >= 0, ge: (c) => c >= 0,
  '==': (c) => c === 0, '=': (c) => c === 0, eq: (c) => c === 0,
  '!=': (c) => c !== 0, '<>': (c) => c !== 0, ne: (c) => c !== 0,
};

/**
 * Test helpers; `defined` accepts an undefined argument (see index.ts). Jinja's `is undefined`
 * is `not (defined x)` and `is none` is `eq x null`: `undefined` and `null` are Handlebars literals.
 */
export const testHelpers: Record<string, Helper> = {
  defined: (v: unknown) => v !== undefined,
  version(value: unknown, other: unknown, op: unknown = 'eq') {
    const judge = VERSION_OPS[String(op)];
    if (!judge) throw new HelperError(`unknown version operator ${JSON.stringify(op)} (known: ${Object.keys(VERSION_OPS).join(' ')})`);
    return judge(compareVersions(value, other));
  },
  ternary: (cond: unknown, yes: unknown, no: unknown) => (truthy(cond) ? yes : no),
};
