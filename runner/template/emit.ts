// How a substituted value becomes text, and the refusal of control characters in files.
import type { HelperOptions } from 'handlebars';
import { type HbsLoc, type RenderContext, templateError } from './location.js';
import { withoutCycles } from './acyclic.js';
import { UnresolvedVar } from './unresolved.js';

/** Control characters a value may not smuggle into a file: all C0 but tab, and DEL. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f]/;

/** The first control character in `text` as `\xNN`, or undefined. */
export function controlCharIn(text: string): string | undefined {
  const m = CONTROL.exec(text);
  return m ? `\\x${m[0].charCodeAt(0).toString(16).padStart(2, '0')}` : undefined;
}

/** Text for a value: nothing for null/undefined, JSON for plain objects, String() otherwise. */
export function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && !Array.isArray(value)) return JSON.stringify(withoutCycles(value));
  return String(value);
}

/** The `__ferryEmit` helper body: called by compiled templates for each `{{value}}`. */
export function emit(value: unknown, data: HelperOptions['data'], loc: HbsLoc | null): string {
  const ctx = (data as { ferry: RenderContext }).ferry;
  if (value instanceof UnresolvedVar) throw templateError(ctx, loc, value.describe());
  const text = asText(value);
  if (ctx.file) {
    const bad = controlCharIn(text);
    if (bad) throw templateError(ctx, loc, `value contains control character ${bad}, refused in a file (newlines would inject lines)`);
  }
  return text;
}
