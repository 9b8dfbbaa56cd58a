// Parsing now, not at first render: Handlebars compiles lazily, and a syntax error must
// surface while validating, with the template's name, line and column.
import type { TemplateError } from '../errors.js';
import { env, lastParsePosition } from './environment.js';
import { jinjaHint } from './jinja/hint.js';
import { type HbsLoc, templateError, walk } from './location.js';

/** Parses `source`, naming `name` in the TemplateError on a syntax error or an unknown helper. */
export function parseTemplate(source: string, name: string, colShift = 0): hbs.AST.Program {
  const where = { template: name, colShift };
  if (source.length > MAX_TEMPLATE_CHARS) throw templateError(where, undefined, `template is ${source.length} characters, over the limit of ${MAX_TEMPLATE_CHARS} (limit on template size)`);
  const deep = tooDeep(source);
  if (deep) throw templateError(where, { start: deep }, `template nesting deeper than ${MAX_TEMPLATE_DEPTH} levels (blocks and sub-expressions; limit on nesting depth)`);
  let ast: hbs.AST.Program;
  try {
    ast = env.parse(source);
  } catch (err) {
    // syntaxError first: it reads the lexer's position, which the Jinja check's own parsing moves.
    const plain = syntaxError(err, where);
    throw jinjaError(source, where, err) ?? plain;
  }
  const jinja = /(?<!\{)\{[%#]/.test(source) ? jinjaError(source, where) : undefined;
  if (jinja) throw jinja;
  for (const node of walk(ast)) {
    // `{{{x}}}` means the same as `{{x}}` here; marking it escaped sends it through the emit check.
    if (node.type === 'MustacheStatement') (node as hbs.AST.MustacheStatement).escaped = true;
    const call = node as unknown as { type: string; path?: hbs.AST.PathExpression; params?: unknown[]; hash?: unknown; loc: HbsLoc };
    const isCall = call.type === 'SubExpression' || ((call.type === 'MustacheStatement' || call.type === 'BlockStatement') && (call.params!.length > 0 || !!call.hash));
    const path = call.path;
    if (isCall && path?.type === 'PathExpression' && path.parts.length === 1 && !path.data && !path.original.startsWith('this') && !(path.parts[0] in env.helpers)) {
      throw jinjaError(source, where) ?? templateError(where, path.loc as HbsLoc, `unknown helper "${path.original}"`);
    }
  }
  return ast;
}

/** The error naming the Jinja in `source` and its Handlebars form, if there is Jinja in it. */
function jinjaError(source: string, where: { template: string; colShift: number }, cause?: unknown): TemplateError | undefined {
  const hint = jinjaHint(source);
  if (!hint) return undefined;
  const before = source.slice(0, hint.offset).split('\n');
  return templateError(where, { start: { line: before.length, column: before.at(-1)!.length } }, hint.message, cause);
}

/** Largest template source parsed (characters). */
export const MAX_TEMPLATE_CHARS = 4 * 1024 * 1024;
/** Deepest nesting of blocks (`{{#if}}`) and sub-expressions (`(f (g x))`) parsed: the parser and renderer recurse. */
export const MAX_TEMPLATE_DEPTH = 100;

// Where nesting first passes the limit, by a linear scan before the (recursive) parser runs.
function tooDeep(source: string): { line: number; column: number } | undefined {
  let blocks = 0;
  let parens = 0;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\n') [line, lineStart] = [line + 1, i + 1];
    else if (c === '{' && source[i + 1] === '{') {
      const next = source[i + 2] === '~' ? source[i + 3] : source[i + 2];
      if (next === '#' || next === '^') blocks++;
      else if (next === '/') blocks--;
      parens = 0;
    } else if (c === '(') parens++;
    else if (c === ')') parens--;
    if (blocks > MAX_TEMPLATE_DEPTH || parens > MAX_TEMPLATE_DEPTH) return { line, column: i - lineStart };
  }
  return undefined;
}

function syntaxError(err: unknown, where: { template: string; colShift: number }): TemplateError {
  const e = err as { message?: string; lineNumber?: number; column?: number };
  const message = String(e.message ?? err);
  if (typeof e.lineNumber === 'number') {
    // A Handlebars Exception ("if doesn't match each - 2:5"): it carries its own location.
    const loc = { start: { line: e.lineNumber, column: e.column ?? 0 } };
    return templateError(where, loc, `syntax error: ${message.replace(/ - \d+:\d+$/, '')}`, err);
  }
  // A parser error: the message holds a context excerpt; the lexer holds the position.
  const pos = lastParsePosition();
  const got = /got '([^']+)'$/.exec(message)?.[1];
  const detail = got === 'EOF' ? 'unexpected end of template (is a block left open?)' : got === 'INVALID' ? 'malformed expression' : got ? `unexpected ${got}` : message;
  const loc = pos ? { start: pos } : undefined;
  return templateError(where, loc, `syntax error: ${detail}`, err);
}
