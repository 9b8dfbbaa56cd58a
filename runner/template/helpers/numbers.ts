// Numbers as Jinja/Ansible read them: `int`, `float`, `bool`, `string`, and arithmetic that
// treats a numeric string next to a number as a number (`add "2379" 1` is 2380, not "23791").
import { withoutCycles } from '../acyclic.js';
import { type Helper, HelperError, named } from './named.js';

const INT = /^\s*[+-]?\d+(?:_\d+)*\s*$/;
const FLOAT = /^\s*[+-]?(?:\d+(?:_\d+)*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$|^\s*[+-]?(?:inf|infinity|nan)\s*$/i;

/** Python's float(value), or undefined where Python raises. */
export function pyFloat(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value !== 'string' || !FLOAT.test(value)) return undefined;
  const text = value.trim().replaceAll('_', '').toLowerCase().replace(/^([+-]?)inf(inity)?$/, '$1Infinity');
  return Number(text);
}

/** Jinja's int filter: int(value, base), else int(float(value)), else `fallback` (0). */
export function pyInt(value: unknown, fallback = 0, base = 10): number {
  if (typeof value === 'string' && base !== 10) {
    const digits = value.trim().toLowerCase().replace(/^0[xob]/, '');
    const n = parseInt(digits, base);
    return Number.isNaN(n) ? fallback : n;
  }
  if (typeof value === 'string' && INT.test(value)) return Number(value.trim().replaceAll('_', ''));
  const f = pyFloat(value);
  return f === undefined || !Number.isFinite(f) ? fallback : Math.trunc(f);
}

/** Ansible's bool filter: true for true, 1, and "yes"/"on"/"1"/"true" in any case; false otherwise. */
export function pyBool(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1;
  if (typeof value === 'string') return ['yes', 'on', '1', 'true'].includes(value.trim().toLowerCase());
  return false;
}

/** Python's str() for scalars (True, None, 5); JSON for lists and maps. */
export function pyString(value: unknown): string {
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'object') return JSON.stringify(withoutCycles(value));
  return String(value);
}

/** A number for arithmetic: numbers, and strings holding one; undefined otherwise. */
function numeric(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && FLOAT.test(value)) return pyFloat(value);
  return undefined;
}

function arithmetic(op: (a: number, b: number) => number): (a: unknown, b: unknown) => number {
  return (a: unknown, b: unknown) => {
    const x = numeric(a);
    const y = numeric(b);
    if (x === undefined || y === undefined) throw new HelperError(`${JSON.stringify(a)} and ${JSON.stringify(b)} are not both numbers (use int or float first)`);
    return op(x, y);
  };
}

/** Jinja's `+`: numbers add (a numeric string beside a number counts as one), strings and lists concatenate. */
function add(a: unknown, b: unknown): unknown {
  if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  if (typeof a === 'string' && typeof b === 'string') return a + b;
  if (typeof a === 'number' || typeof b === 'number') return arithmetic((x, y) => x + y)(a, b);
  throw new HelperError(`cannot add ${JSON.stringify(a)} and ${JSON.stringify(b)} (numbers, two strings or two lists)`);
}

/** Python's round(): halves go to the even neighbour (2.5 → 2, 3.5 → 4). */
function halfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 ? 2 * Math.round(x / 2) : r;
}

/** Number helpers; `int`/`float` take a fallback like Jinja's default argument. */
export const numberHelpers: Record<string, Helper> = {
  int(value: unknown, fallback?: unknown) {
    return pyInt(value, typeof fallback === 'number' ? fallback : 0, Number(named(this, 'base', 10)));
  },
  float: (value: unknown, fallback?: unknown) => pyFloat(value) ?? (typeof fallback === 'number' ? fallback : 0),
  bool: (value: unknown) => pyBool(value),
  string: (value: unknown) => pyString(value),
  add,
  sub: arithmetic((x, y) => x - y),
  mul: arithmetic((x, y) => x * y),
  div: arithmetic((x, y) => x / y),
  // Python's // and % floor towards negative infinity.
  floordiv: arithmetic((x, y) => Math.floor(x / y)),
  mod: arithmetic((x, y) => x - y * Math.floor(x / y)),
  abs: (value: unknown) => arithmetic((x) => Math.abs(x))(value, 0),
  round(value: unknown, precision?: unknown) {
    const p = typeof precision === 'number' ? precision : 0;
    const x = arithmetic((v) => v)(value, 0);
    const method = String(named(this, 'method', 'common'));
    const f = 10 ** p;
    const r = method === 'floor' ? Math.floor(x * f) : method === 'ceil' ? Math.ceil(x * f) : halfEven(x * f);
    return r / f;
  },
};
