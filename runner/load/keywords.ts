// The one table of task keywords. The loader (YAML key -> Task field), the structural schema,
// template-site collection, block/import inheritance and newTask() all read it, so a new keyword
// is one row here plus the code that executes it.
import type { Task } from './types.js';

/** How a parent (block, import, role, play) passes its value down to the tasks under it. */
export type Inherit =
  | 'concat' // lists that all apply: the parent's first (when)
  | 'union' // sets: both, no duplicates (tags)
  | 'merge' // mappings: the child's keys win (vars, environment)
  | 'or' // flags that a parent can switch on, not off (ignore_errors, no_log, run_once)
  | 'fallback'; // the child's own value, else the parent's (become, delegate_to...)

/** One task keyword. `field` is where it lands on the Task; structural keys have none. */
export interface Keyword<F extends keyof Task = keyof Task> {
  key: string;
  schema: object;
  field?: F;
  /** Converts the YAML value (only called when the key is present). */
  read?: (value: unknown, raw: Record<string, unknown>) => Task[F] | undefined;
  /** The value when the key is absent; computed from the raw task when a function. */
  default?: Task[F] | ((raw: Record<string, unknown>) => Task[F]);
  /** Set when blocks and imports pass it down to their tasks, and how. */
  inherit?: Inherit;
  /** Strings in the value are templates (checked at load): plain values or conditions. */
  template?: 'value' | 'condition';
  /** A play may set it too: its value passes down to every task and handler of the play. */
  play?: true;
}

const strOrList = { type: ['string', 'array'], items: { type: 'string' } };
const condition = { type: ['string', 'boolean'] };
const identifier = { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$', 'x-message': 'must be a variable name (letters, digits, _)' };
const taskList = { type: 'array', items: { $ref: '#/definitions/task' } };
// Names a shell can export; values are scalars (a template may also give the whole mapping).
const environment = {
  type: ['object', 'string'],
  propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
  additionalProperties: { type: ['string', 'number', 'boolean', 'null'] },
  'x-message': 'must be a mapping of environment variable names (letters, digits, _) to scalar values',
};

function list(v: unknown): string[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const str = (v: unknown): string => String(v);
const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

// Keeps each row's field, reader and default in step with the Task type.
function kw<F extends keyof Task>(k: Keyword<F>): Keyword {
  return k as unknown as Keyword;
}

/** Every task keyword ferry knows. Order is the order of the editor schema. */
export const KEYWORDS: readonly Keyword[] = [
  kw({ key: 'name', schema: { type: 'string' }, template: 'value' }),
  kw({ key: 'args', schema: { type: 'object' } }),
  kw({ key: 'when', field: 'when', schema: { type: ['string', 'boolean', 'array'], items: condition }, read: (v) => (Array.isArray(v) ? v : [v]).map(str), default: [], inherit: 'concat', template: 'condition' }),
  kw({ key: 'register', field: 'register', schema: identifier, read: text }),
  kw({ key: 'loop', field: 'loop', schema: { type: ['array', 'string'] }, read: (v) => v, template: 'value' }),
  kw({ key: 'loop_control', field: 'loopVar', schema: { type: 'object', additionalProperties: false, properties: { loop_var: identifier, label: { type: 'string' } } }, read: (v) => (isObject(v) && typeof v.loop_var === 'string' ? v.loop_var : undefined), default: 'item' }),
  kw({ key: 'until', field: 'until', schema: condition, read: str, template: 'condition' }),
  kw({ key: 'retries', field: 'retries', schema: { type: 'integer', minimum: 0 }, read: (v) => (typeof v === 'number' ? v : undefined), default: (raw) => (raw.until !== undefined ? 3 : 0) }),
  kw({ key: 'delay', field: 'delay', schema: { type: 'number', minimum: 0 }, read: (v) => (typeof v === 'number' ? v : undefined), default: 5 }),
  kw({ key: 'delegate_to', field: 'delegateTo', schema: { type: 'string' }, read: text, inherit: 'fallback', template: 'value' }),
  kw({ key: 'run_once', field: 'runOnce', schema: { type: 'boolean' }, read: (v) => v === true, default: false, inherit: 'or' }),
  kw({ key: 'ignore_errors', field: 'ignoreErrors', schema: { type: 'boolean' }, read: (v) => v === true, default: false, inherit: 'or' }),
  kw({ key: 'changed_when', field: 'changedWhen', schema: condition, read: str, template: 'condition' }),
  kw({ key: 'failed_when', field: 'failedWhen', schema: condition, read: str, template: 'condition' }),
  kw({ key: 'notify', field: 'notify', schema: strOrList, read: list, default: [] }),
  kw({ key: 'tags', field: 'tags', schema: strOrList, read: list, default: [], inherit: 'union' }),
  kw({ key: 'no_log', field: 'noLog', schema: { type: 'boolean' }, read: (v) => v === true, default: false, inherit: 'or' }),
  kw({ key: 'check_mode', field: 'checkMode', schema: { type: 'boolean' }, read: bool, inherit: 'fallback' }),
  kw({ key: 'become', field: 'become', schema: { type: 'boolean' }, read: bool, inherit: 'fallback' }),
  kw({ key: 'become_user', field: 'becomeUser', schema: { type: 'string' }, read: text, inherit: 'fallback', template: 'value', play: true }),
  kw({ key: 'vars', field: 'vars', schema: { type: ['object', 'null'] }, read: (v) => (isObject(v) ? v : {}), default: {}, inherit: 'merge', template: 'value' }),
  kw({ key: 'listen', field: 'listen', schema: strOrList, read: list, default: [] }),
  kw({ key: 'throttle', field: 'throttle', schema: { type: 'integer', minimum: 1 }, read: (v) => (typeof v === 'number' ? v : undefined), inherit: 'fallback' }),
  kw({ key: 'diff', field: 'diff', schema: { type: 'boolean' }, read: bool, inherit: 'fallback' }),
  kw({ key: 'become_method', field: 'becomeMethod', schema: { enum: ['sudo', 'su'], 'x-message': "must be 'sudo' or 'su' (the become methods ferry runs)" }, read: (v) => (v === 'sudo' || v === 'su' ? v : undefined), inherit: 'fallback', play: true }),
  kw({ key: 'environment', field: 'environment', schema: environment, read: (v) => (isObject(v) || typeof v === 'string' ? v : undefined), inherit: 'merge', template: 'value', play: true }),
  kw({ key: 'remote_user', field: 'remoteUser', schema: { type: 'string', minLength: 1 }, read: text, inherit: 'fallback', template: 'value', play: true }),
  kw({ key: 'connection', field: 'connection', schema: { enum: ['ssh', 'local'], 'x-message': "must be 'ssh' or 'local' (the connections ferry has)" }, read: (v) => (v === 'ssh' || v === 'local' ? v : undefined), inherit: 'fallback', play: true }),
  kw({ key: 'async', field: 'asyncSeconds', schema: { type: 'integer', minimum: 1, 'x-message': 'must be a whole number of seconds, 1 or more' }, read: (v) => (typeof v === 'number' ? v : undefined) }),
  kw({ key: 'poll', field: 'pollSeconds', schema: { type: 'integer', minimum: 0, 'x-message': 'must be a whole number of seconds (0: do not wait)' }, read: (v) => (typeof v === 'number' ? v : undefined) }),
  kw({ key: 'block', schema: taskList }),
  kw({ key: 'rescue', schema: taskList }),
  kw({ key: 'always', schema: taskList }),
];

/** Keyword rows by YAML key. */
export const KEYWORD_BY_KEY: ReadonlyMap<string, Keyword> = new Map(KEYWORDS.map((k) => [k.key, k]));

/** Ansible task keywords ferry does not run: refused with their location, never silently ignored. */
export const UNSUPPORTED_KEYWORDS: ReadonlySet<string> = new Set([
  'become_flags', 'become_exe',
  'with_nested', 'with_together', 'with_sequence',
  'with_subelements', 'with_first_found', 'with_lines', 'with_indexed_items', 'with_random_choice', 'any_errors_fatal',
  'module_defaults', 'collections', 'debugger', 'timeout', 'port', 'delegate_facts', 'loop_with', 'include',
]);

/** Ferry's defaults for every field the table gives one; fresh lists and maps each time. */
function defaults(raw: Record<string, unknown>): Partial<Task> {
  const out: Record<string, unknown> = {};
  for (const k of KEYWORDS) {
    if (!k.field || k.default === undefined) continue;
    const d = typeof k.default === 'function' ? (k.default as (r: Record<string, unknown>) => unknown)(raw) : k.default;
    out[k.field] = Array.isArray(d) ? [...(d as unknown[])] : isObject(d) ? { ...d } : d;
  }
  return out as Partial<Task>;
}

/** The keywords a play sets for all its tasks (`play` rows), read through the table. */
export function readPlayKeywords(raw: Record<string, unknown>): Partial<Task> {
  const out: Record<string, unknown> = {};
  for (const k of KEYWORDS) {
    if (!k.play || !k.field || !k.read || raw[k.key] === undefined || raw[k.key] === null) continue;
    const value = k.read(raw[k.key], raw);
    if (value !== undefined) out[k.field] = value;
  }
  return out as Partial<Task>;
}

/** A Task with Ansible's defaults, then `fields` (the adhoc task, gathering facts, tests). */
export function newTask(fields: Partial<Task> & Pick<Task, 'name' | 'source'>): Task {
  return { ...defaults({}), ...fields } as Task;
}

/** The keyword fields of a raw task, read through the table, defaults included. */
export function readKeywords(raw: Record<string, unknown>): Partial<Task> {
  const out: Record<string, unknown> = defaults(raw);
  for (const k of KEYWORDS) {
    if (!k.field || !k.read || raw[k.key] === undefined || raw[k.key] === null) continue;
    const value = k.read(raw[k.key], raw);
    if (value !== undefined) out[k.field] = value;
  }
  return out as Partial<Task>;
}

const combine: Record<Inherit, (parent: unknown, child: unknown) => unknown> = {
  concat: (p, c) => [...((p as unknown[] | undefined) ?? []), ...((c as unknown[] | undefined) ?? [])],
  union: (p, c) => [...new Set([...((p as unknown[] | undefined) ?? []), ...((c as unknown[] | undefined) ?? [])])],
  merge: (p, c) => ({ ...(p as object | undefined), ...(c as object | undefined) }),
  or: (p, c) => c === true || p === true,
  fallback: (p, c) => c ?? p,
};

/** The child as it runs under `parent`: each inherited keyword combined by its rule. */
export function inheritFrom(parent: Partial<Task>, child: Task): Task {
  const out: Record<string, unknown> = { ...child };
  for (const k of KEYWORDS) {
    if (!k.field || !k.inherit) continue;
    const value = combine[k.inherit]((parent as Record<string, unknown>)[k.field], out[k.field]);
    if (value === undefined) delete out[k.field];
    else out[k.field] = value;
  }
  return out as unknown as Task;
}
