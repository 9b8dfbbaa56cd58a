// The `environment` of a task on one host: play, block and task values merged (the keyword
// table's `merge` rule), templated with the host's vars, and turned into strings as Ansible
// passes them (true → "True", null → "None", as Python prints them).
import { FerryError } from '../errors.js';
import type { Task, Vars } from '../load/types.js';
import { evaluate } from '../template/index.js';
import { whereOf } from './module-call.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Name → string for every variable the task exports on `host`; empty without `environment`. */
export function environmentOf(task: Task, vars: Vars, host: string): Record<string, string> {
  if (task.environment === undefined) return {};
  // Each value on its own: a null stays null (Ansible's "None") rather than rendering empty.
  const where = whereOf(task, host);
  const written = task.environment;
  const value = typeof written === 'string' ? evaluate(written, vars, where)
    : Object.fromEntries(Object.entries(written).map(([k, v]) => [k, v === null ? null : evaluate(v, vars, where)]));
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new FerryError(`${task.source.file}:${task.source.line}: task "${task.name}": environment must be a mapping, got ${Array.isArray(value) ? 'a list' : typeof value}`);
  }
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
    if (!NAME.test(name)) throw new FerryError(`${task.source.file}:${task.source.line}: task "${task.name}": environment name ${JSON.stringify(name)} is not a variable name (letters, digits, _)`);
    out[name] = pythonText(v);
  }
  return out;
}

// Ansible hands each value to the shell as Python's str() prints it.
function pythonText(v: unknown): string {
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (v === null || v === undefined) return 'None';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}
