// Templating of playbook values: strings rendered, single expressions kept raw, conditions judged.
import type { Vars } from '../load/types.js';
import { type CompiledTemplate, compileAst } from './compile.js';
import { parseTemplate } from './parse.js';
import { rawEvaluator, singleExpression } from './raw.js';
import { truthy } from './truthy.js';

/** Names the template (e.g. `site.yml:12 task "x" args.cmd`) and host in error messages. */
export interface Where {
  template: string;
  host?: string;
}

interface Prepared {
  template: CompiledTemplate;
  raw?: (vars: Vars, host?: string) => unknown;
}

// Tasks re-evaluate the same strings for every host and loop item: parse each once.
const cache = new Map<string, Prepared>();
const CACHE_LIMIT = 10_000;

function prepare(source: string, name: string, colShift = 0): Prepared {
  const key = `${colShift}\0${name}\0${source}`;
  let p = cache.get(key);
  if (!p) {
    const ast = parseTemplate(source, name, colShift);
    const single = singleExpression(ast);
    p = { template: compileAst(ast, name, { file: false, colShift }), raw: single && rawEvaluator(single, name, colShift) };
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, p);
  }
  return p;
}

/** Renders a template string to text (strict; not file mode). */
export function renderString(source: string, vars: Vars, where: Where): string {
  if (!source.includes('{{')) return source;
  return prepare(source, where.template).template.render(vars, where.host);
}

/** Deep-templates a value: strings render, and a string that is one `{{ expr }}` yields the raw value. */
export function evaluate(value: unknown, vars: Vars, where: Where): unknown {
  if (typeof value === 'string') {
    if (!value.includes('{{')) return value;
    const p = prepare(value, where.template);
    return p.raw ? p.raw(vars, where.host) : p.template.render(vars, where.host);
  }
  if (Array.isArray(value)) return value.map((v) => evaluate(v, vars, where));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = evaluate(v, vars, where);
    return out;
  }
  return value;
}

/** Judges a `when`/`until`/`changed_when`/`failed_when`/`that` expression, bare (`eq a 1`) or `{{...}}`. */
export function evaluateCondition(expr: string | boolean, vars: Vars, where: Where): boolean {
  if (typeof expr === 'boolean') return expr;
  const text = expr.trim();
  if (text.includes('{{')) return truthy(evaluate(text, vars, where));
  if (text === '') return false;
  // Handlebars has no `{{(expr)}}`: drop parentheses that wrap the whole expression.
  const bare = wrapped(text) ? text.slice(1, -1).trim() : text;
  const p = prepare(`{{${bare}}}`, where.template, 2 + (text.length - bare.length) / 2);
  return truthy(p.raw ? p.raw(vars, where.host) : p.template.render(vars, where.host));
}

/** True when `text` is `( ... )` with the first parenthesis closing at the very end. */
function wrapped(text: string): boolean {
  if (!text.startsWith('(') || !text.endsWith(')')) return false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i === text.length - 1;
  }
  return false;
}
