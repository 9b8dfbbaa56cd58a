// ferry's one Handlebars environment: isolated from the global instance, ferry's compiler and helpers.
import Handlebars from 'handlebars';
import { EMIT_HELPER, FerryCompiler } from './compiler.js';
import { emit } from './emit.js';
import { registerHelpers } from './helpers/index.js';
import { contextOf } from './location.js';

/** Name of the helper that captures an expression's raw value (see evaluate.ts). */
export const RAW_HELPER = '__ferryRaw';

/** The isolated environment every ferry template compiles in. */
export const env = Handlebars.create();
(env as any).JavaScriptCompiler = FerryCompiler;
registerHelpers(env);
env.registerHelper(EMIT_HELPER, emit as any);
env.registerHelper(RAW_HELPER, function (value: unknown, options: Handlebars.HelperOptions) {
  const ctx = contextOf(options);
  if (ctx.capture) ctx.capture.value = value;
  return '';
});

/** Options every compile uses: strict lookups; escaping is replaced by the emit helper. */
export const COMPILE_OPTIONS = { strict: true, knownHelpersOnly: false } as const;

/** Where the parser stopped, read right after a parse error (the lexer is synchronous). */
export function lastParsePosition(): { line: number; column: number } | undefined {
  const loc = (Handlebars as any).Parser?.lexer?.yylloc as { first_line: number; first_column: number } | undefined;
  return loc ? { line: loc.first_line, column: loc.first_column } : undefined;
}
