// Handlebars locations → ferry's `template:line:col` messages, and the AST nodes behind them.
import type { HelperOptions } from 'handlebars';
import { TemplateError } from '../errors.js';

/** A Handlebars source location (line 1-based, column 0-based). */
export interface HbsLoc {
  start: { line: number; column: number };
  end?: { line: number; column: number };
}

/** What a render needs to name its failures; travels in Handlebars' `data` as `ferry`. */
export interface RenderContext {
  template: string;
  host?: string;
  /** File mode: substituted values may not contain control characters. */
  file: boolean;
  /** The parsed template, to find the expression behind an error's location. */
  ast: hbs.AST.Program;
  /** Columns added on line 1 by wrapping a bare expression in `{{ }}`. */
  colShift: number;
  /** Where `__ferryRaw` puts the raw value of a single-expression string. */
  capture?: { value?: unknown };
}

/** A template name that is already a location (`site.yml:4:7: task "x"`, see execute/where.ts). */
const LOCATED = /^\S+:\d+:\d+: task "/;

/** Builds the TemplateError whose message is `template:line:col: msg (host h)`, or for a task's value
 * `site.yml:4:7: task "x": msg (at 1:4 of the value) (host h)`. */
export function templateError(ctx: Pick<RenderContext, 'template' | 'host' | 'colShift'>, loc: HbsLoc | null | undefined, msg: string, cause?: unknown): TemplateError {
  const line = loc?.start.line;
  const col = loc ? loc.start.column + 1 - (loc.start.line === 1 ? ctx.colShift : 0) : undefined;
  const host = ctx.host === undefined ? '' : ` (host ${ctx.host})`;
  const pos = line === undefined ? undefined : `${line}:${Math.max(col ?? 1, 1)}`;
  // A task's value is named by the task's own file:line:col; the place inside the value follows the message.
  if (LOCATED.test(ctx.template)) {
    return new TemplateError(`${ctx.template}: ${msg}${pos ? ` (at ${pos} of the value)` : ''}${host}`, { template: ctx.template, line, col, host: ctx.host }, { cause });
  }
  const at = pos === undefined ? ctx.template : `${ctx.template}:${pos}`;
  return new TemplateError(`${at}: ${msg}${host}`, { template: ctx.template, line, col, host: ctx.host }, { cause });
}

/** The render context a helper runs under. */
export function contextOf(options: HelperOptions): RenderContext {
  return (options.data as { ferry: RenderContext }).ferry;
}

/** Every node of a template, depth first (programs, statements, expressions). */
export function* walk(node: unknown): Generator<hbs.AST.Node> {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const n of node) yield* walk(n);
    return;
  }
  const n = node as Record<string, unknown>;
  if (typeof n.type === 'string') yield n as unknown as hbs.AST.Node;
  for (const key of ['body', 'path', 'params', 'hash', 'pairs', 'value', 'program', 'inverse']) {
    if (key in n) yield* walk(n[key]);
  }
}

/** The call (mustache, block or sub-expression) whose location starts at `loc`. */
export function callAt(ast: hbs.AST.Program, loc: HbsLoc | undefined): { params: hbs.AST.Expression[] } | undefined {
  if (!loc) return undefined;
  for (const n of walk(ast)) {
    const call = n as unknown as { params?: hbs.AST.Expression[]; loc?: HbsLoc };
    if (call.params && call.loc && call.loc.start.line === loc.start.line && call.loc.start.column === loc.start.column) return { params: call.params };
  }
  return undefined;
}

/** The source text of a path expression at `loc` (`a.b.c` for strict "c" failures). */
export function pathAt(ast: hbs.AST.Program, loc: HbsLoc | undefined): string | undefined {
  if (!loc) return undefined;
  for (const n of walk(ast)) {
    const p = n as unknown as hbs.AST.PathExpression & { loc?: HbsLoc };
    if (p.type === 'PathExpression' && p.loc && p.loc.start.line === loc.start.line && p.loc.start.column === loc.start.column) return p.original;
  }
  return undefined;
}
