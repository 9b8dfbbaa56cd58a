// compileTemplate: parse at once, render in strict mode with the host named in every error.
import type { Vars } from '../load/types.js';
import { TemplateError } from '../errors.js';
import { COMPILE_OPTIONS, env } from './environment.js';
import { type HbsLoc, type RenderContext, pathAt, templateError } from './location.js';
import { parseTemplate } from './parse.js';
import { UnresolvedVarError } from './unresolved.js';

/** A parsed template, ready to render per host. */
export interface CompiledTemplate {
  name: string;
  ast: hbs.AST.Program;
  /** Renders with `vars`; a missing variable or (file mode) a control character is a TemplateError. */
  render(vars: Vars, host?: string): string;
  /** Internal: renders and lets the `__ferryRaw` helper hand back a raw value in `capture`. */
  render(vars: Vars, host: string | undefined, capture: { value?: unknown }): string;
}

export interface CompileTemplateOptions {
  /** The output is a file (unit, env file): substituted values may not hold control characters. */
  file?: boolean;
  /** Columns added on line 1 by a caller's wrapping, subtracted in messages. */
  colShift?: number;
}

/** Parses `source` now (throws TemplateError on syntax errors) and returns a renderer. */
export function compileTemplate(source: string, name: string, options: CompileTemplateOptions = {}): CompiledTemplate {
  const colShift = options.colShift ?? 0;
  const ast = parseTemplate(source, name, colShift);
  return compileAst(ast, name, { file: !!options.file, colShift });
}

/** Compiles an already parsed (possibly rewritten) AST; `name` and positions are the original's. */
export function compileAst(ast: hbs.AST.Program, name: string, options: { file: boolean; colShift: number }): CompiledTemplate {
  let fn: HandlebarsTemplateDelegate | undefined;
  return {
    name,
    ast,
    render(vars: Vars, host?: string, capture?: { value?: unknown }): string {
      const ferry: RenderContext = { template: name, host, file: options.file, ast, colShift: options.colShift, capture };
      fn ??= env.compile(ast, COMPILE_OPTIONS);
      try {
        return fn(vars, { data: { ferry } });
      } catch (err) {
        throw renderError(err, ferry);
      }
    },
  };
}

function renderError(err: unknown, ctx: RenderContext): TemplateError {
  // A helper converted an unresolved var: name the template it was used in.
  if (err instanceof UnresolvedVarError) return templateError(ctx, undefined, err.detail, err);
  if (err instanceof TemplateError) return err;
  const e = err as { message?: string; lineNumber?: number; column?: number };
  const message = String(e.message ?? err);
  const loc: HbsLoc | undefined = typeof e.lineNumber === 'number' ? { start: { line: e.lineNumber, column: e.column ?? 0 } } : undefined;
  // The second form: strict lookup on a primitive context (`{{x}}` inside `{{#each strings}}`).
  const notDefined = /^"(.+)" not defined in /.exec(message) ?? /^Cannot use 'in' operator to search for '(.+)' in /.exec(message);
  if (notDefined) {
    const path = pathAt(ctx.ast, loc) ?? notDefined[1];
    return templateError(ctx, loc, `variable "${path}" is not defined`, err);
  }
  return templateError(ctx, loc, message.replace(/ - \d+:\d+$/, ''), err);
}
