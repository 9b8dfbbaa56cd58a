// A module's arguments checked against its schema: one ajv validator per module, compiled once,
// that applies the schema's `default:`s; before it, rendered text is taken as the declared scalar
// type ("2379" → 2379 for an integer), as Ansible's argument spec does. The loader runs it on the
// written arguments (skipping values still to be templated), the engine on the rendered ones.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { TaskError } from '../errors.js';
import { describeAjvErrors } from '../load/schemas/ajv.js';
import { compiledValidator } from '../load/schemas/precompiled.js';
import type { Module } from './types.js';

/** The module's validator (precompiled at build time, or compiled on first use). Unlike the loader's it
 * changes what it checks: defaults filled in (see ajv-instance.ts), coerced types. */
export function argsValidator(module: Module): ValidateFunction {
  return compiledValidator('args', module.argsSchema);
}

/** True for an error about a value that is still a template (its type is known per host only). */
export function isTemplatedValueError(e: ErrorObject): boolean {
  return typeof e.data === 'string' && e.data.includes('{{');
}

/** Takes text as the number or boolean a top-level argument declares (only a single declared type). */
function coerceScalars(module: Module, args: Record<string, unknown>): void {
  const props = (module.argsSchema.properties ?? {}) as Record<string, { type?: unknown }>;
  for (const [key, value] of Object.entries(args)) {
    const type = props[key]?.type;
    if (typeof value !== 'string') continue;
    const text = value.trim();
    if ((type === 'integer' && /^-?\d+$/.test(text)) || (type === 'number' && /^-?(\d+\.?\d*|\.\d+)$/.test(text))) args[key] = Number(text);
    else if (type === 'boolean' && /^(true|false|yes|no)$/i.test(text)) args[key] = /^(true|yes)$/i.test(text);
  }
}

/** Checks written (not yet rendered) arguments on a copy; returns the errors that templating cannot fix. */
export function writtenArgsErrors(module: Module, args: Record<string, unknown>): ErrorObject[] {
  const validate = argsValidator(module);
  const copy = structuredClone(args);
  coerceScalars(module, copy);
  if (validate(copy)) return [];
  return (validate.errors ?? []).filter((e) => !isTemplatedValueError(e));
}

/** Where rendered arguments came from, for the error: host, task and the task's (or argument's) position. */
export interface ArgsWhere {
  host: string;
  task: string;
  file: string;
  line: number;
  col: number;
  /** Positions of the task's top-level argument keys, to point at the bad one. */
  argPositions?: Record<string, { line: number; col: number }>;
}

/** Validates rendered arguments: returns a copy with defaults applied and types coerced, or throws
 * a TaskError naming the file:line:col, the task, the host and each bad value. */
export function checkRenderedArgs(module: Module, rendered: Record<string, unknown>, where: ArgsWhere): Record<string, unknown> {
  // A copy: a single-expression value is the variable itself, which defaults and coercion must not change.
  const args = structuredClone(rendered);
  coerceScalars(module, args);
  const validate = argsValidator(module);
  if (validate(args)) return args;
  const errors = validate.errors ?? [];
  const key = firstKey(errors);
  const pos = (key !== undefined && where.argPositions?.[key]) || where;
  const problems = errors
    .filter((e) => !/\/(anyOf|oneOf)\/\d+\//.test(e.schemaPath))
    .map((e) => {
      const [text] = describeAjvErrors([e]);
      return text === undefined ? undefined : `${text}${shownValue(e)}`;
    })
    .filter((p): p is string => p !== undefined);
  const message = `${where.file}:${pos.line}:${pos.col}: task "${where.task}": ${module.name}: after templating, ${[...new Set(problems)].join('; ')} (host ${where.host})`;
  throw new TaskError(message, { host: where.host, task: where.task });
}

/** The top-level argument the first error is about. */
function firstKey(errors: ErrorObject[]): string | undefined {
  for (const e of errors) {
    const segment = e.instancePath.split('/')[1];
    if (segment) return segment.replaceAll('~1', '/').replaceAll('~0', '~');
    if (e.keyword === 'additionalProperties') return String(e.params.additionalProperty);
  }
  return undefined;
}

/** ` (got "value")` for errors about a value (not about missing or unknown keys). */
function shownValue(e: ErrorObject): string {
  if (e.keyword === 'required' || e.keyword === 'additionalProperties' || e.keyword === 'oneOf' || e.keyword === 'not') return '';
  if (e.data !== null && typeof e.data === 'object') return '';
  const text = JSON.stringify(e.data) ?? String(e.data);
  return ` (got ${text.length > 80 ? `${text.slice(0, 77)}...` : text})`;
}
