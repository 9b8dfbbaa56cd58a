// The loader's validators (precompiled at build time, see precompiled.ts), and the mapping of ajv
// errors to `file:line:col: message` diagnostics at the offending YAML node.
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Diagnostic } from '../../errors.js';
import { didYouMean } from '../suggest.js';
import { type YamlPath, type YamlSource, diagnosticAt } from '../yaml.js';
import { compiledValidator } from './precompiled.js';

export { isAddress } from './formats.js';

function pathOf(instancePath: string): Array<string | number> {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function label(path: YamlPath): string {
  const last = [...path].reverse().find((p) => typeof p === 'string');
  return last === undefined ? 'value' : `'${last}'`;
}

function message(e: ErrorObject, path: YamlPath): string {
  const custom = (e.parentSchema as { 'x-message'?: string } | undefined)?.['x-message'];
  const shown = typeof e.data === 'string' ? JSON.stringify(e.data) : JSON.stringify(e.data);
  if (custom && e.keyword !== 'additionalProperties' && e.keyword !== 'required') return `${label(path)}: ${shown} ${custom}`;
  switch (e.keyword) {
    case 'type':
      return `${label(path)} must be ${String(e.params.type).replace(',', ' or ')}, not ${Array.isArray(e.data) ? 'a list' : e.data === null ? 'null' : typeof e.data === 'object' ? 'a mapping' : typeof e.data}`;
    case 'enum':
      return `${label(path)} must be one of: ${(e.params.allowedValues as unknown[]).join(', ')}`;
    case 'required':
      return `missing required key '${e.params.missingProperty}'`;
    case 'oneOf':
    case 'anyOf': {
      // `oneOf: [{required: [a]}, {required: [b]}]` is how a module says "a or b, not both"; anyOf "a, b or both".
      const keys = (Array.isArray(e.schema) ? e.schema : []).map((b: { required?: string[] }) => b.required?.join(' + '));
      if (keys.length > 0 && keys.every(Boolean)) return `give ${e.keyword === 'oneOf' ? 'exactly' : 'at least'} one of: ${keys.join(', ')}`;
      return `${label(path)} ${e.message}`;
    }
    default:
      return `${label(path)} ${e.message}`;
  }
}

/** Diagnostics for ajv errors; `base` is where the validated value sits in the YAML document. */
export function ajvDiagnostics(src: YamlSource, errors: ErrorObject[] | null | undefined, base: YamlPath = []): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const e of errors ?? []) {
    // anyOf/oneOf branches repeat each other; their own summary error follows them.
    if (/\/(anyOf|oneOf)\/\d+\//.test(e.schemaPath)) continue;
    const path = [...base, ...pathOf(e.instancePath)];
    let d: Diagnostic;
    if (e.keyword === 'additionalProperties') {
      const key = String(e.params.additionalProperty);
      const known = Object.keys((e.parentSchema as { properties?: object }).properties ?? {});
      d = diagnosticAt(src, [...path, key], `unknown key '${key}'${didYouMean(key, known)}`, 'key');
    } else {
      d = diagnosticAt(src, path, message(e, path));
    }
    const id = `${d.line}:${d.col}:${d.message}`;
    if (!seen.has(id)) out.push(d);
    seen.add(id);
  }
  return out;
}

/** The same messages without positions, for values that come from the command line (`ferry adhoc -a`). */
export function describeAjvErrors(errors: ErrorObject[] | null | undefined): string[] {
  const out = new Set<string>();
  for (const e of errors ?? []) {
    if (/\/(anyOf|oneOf)\/\d+\//.test(e.schemaPath)) continue;
    const path = pathOf(e.instancePath);
    if (e.keyword === 'additionalProperties') {
      const key = String(e.params.additionalProperty);
      out.add(`unknown key '${key}'${didYouMean(key, Object.keys((e.parentSchema as { properties?: object }).properties ?? {}))}`);
    } else out.add(message(e, path));
  }
  return [...out];
}

/** The validator for `schema` (all errors, verbose for custom messages): precompiled, or compiled once. */
export function validator(schema: object): ValidateFunction {
  return compiledValidator('loader', schema);
}
