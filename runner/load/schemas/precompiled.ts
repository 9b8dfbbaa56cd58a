// Validators by schema: the ones the build compiled (ajv standalone code, dist/.../compiled/*.js,
// written by precompile.ts) once the bin has loaded them (loadPrecompiled), else compiled now by ajv
// (ferry run from source). Both come from the same schemas and the same ajv configuration, so they find
// the same errors. No top-level await here: tsx may load this file as CommonJS under mocha.
import { existsSync } from 'node:fs';
import type { Ajv, ValidateFunction } from 'ajv';
import { type AjvKind, newAjv } from './ajv-instance.js';

/** The generated file of a kind, beside this one. */
export function compiledFile(kind: AjvKind): URL {
  return new URL(`./compiled/${kind}.js`, import.meta.url);
}

/** What a generated file exports: `keys[i]` is the JSON of the schema export `v${i}` validates. */
interface Generated {
  keys: string[];
  [name: string]: ValidateFunction | string[];
}

async function built(kind: AjvKind): Promise<Map<string, ValidateFunction> | undefined> {
  const file = compiledFile(kind);
  if (!existsSync(file)) return undefined;
  const m = (await import(file.href)) as Generated;
  return new Map(m.keys.map((key, i) => [key, m[`v${i}`] as ValidateFunction]));
}

const generated: Record<AjvKind, Map<string, ValidateFunction> | undefined> = { loader: undefined, args: undefined };

/** Loads the build's generated validators, if any (the bin's entry awaits this before running). */
export async function loadPrecompiled(): Promise<void> {
  generated.loader = await built('loader');
  generated.args = await built('args');
}
const runtime = new Map<AjvKind, Ajv>();
const cache: Record<AjvKind, WeakMap<object, ValidateFunction>> = { loader: new WeakMap(), args: new WeakMap() };

/** The validator of `schema` (once per schema object): precompiled when the build has it, else compiled now. */
export function compiledValidator(kind: AjvKind, schema: object): ValidateFunction {
  let v = cache[kind].get(schema);
  if (!v) {
    v = generated[kind]?.get(JSON.stringify(schema));
    if (!v) {
      if (!runtime.has(kind)) runtime.set(kind, newAjv(kind));
      v = runtime.get(kind)!.compile(schema);
    }
    cache[kind].set(schema, v);
  }
  return v;
}
