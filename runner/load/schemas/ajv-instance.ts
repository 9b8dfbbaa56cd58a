// How every ajv instance of ferry is configured, for compiling at run time (from source) and for
// generating the precompiled validators at build time (runner/load/schemas/precompile.ts).
// ajv is required on demand: a built ferry uses the precompiled code and never loads it.
import { createRequire } from 'node:module';
import type { Ajv, CodeOptions } from 'ajv';
import { ferryFormats } from './formats.js';

const require = createRequire(import.meta.url);

/** The two kinds of validator: the loader's (structure, inventory) and module arguments' (defaults filled in). */
export type AjvKind = 'loader' | 'args';

/** A configured instance: all errors, verbose (messages read the schema), ferry's formats and keywords.
 * `args` fills in defaults; not ajv's coerceTypes: it also coerces inside anyOf branches (mode "0600"
 * would become the integer 600). `code` is given when generating standalone code. */
export function newAjv(kind: AjvKind, code?: CodeOptions): Ajv {
  const { Ajv: AjvClass } = require('ajv') as typeof import('ajv');
  const addFormats = require('ajv-formats') as (ajv: Ajv) => Ajv;
  const ajv = new AjvClass({ allErrors: true, verbose: true, strict: false, useDefaults: kind === 'args', ...(code ? { code } : {}) });
  addFormats(ajv);
  for (const [name, format] of Object.entries(ferryFormats)) ajv.addFormat(name, format);
  ajv.addKeyword({ keyword: 'x-message', schemaType: 'string' });
  return ajv;
}
