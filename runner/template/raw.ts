// A string that is exactly one `{{ expr }}` evaluates to the expression's raw value
// (list, map, number, bool), like Ansible's native types; anything else renders to a string.
import type { Vars } from '../load/types.js';
import { type CompiledTemplate, compileAst } from './compile.js';
import { RAW_HELPER } from './environment.js';
import { type HbsLoc, templateError } from './location.js';
import { UnresolvedVar } from './unresolved.js';

/** The single mustache of a template made of one `{{ expr }}` and whitespace, if it is one. */
export function singleExpression(ast: hbs.AST.Program): hbs.AST.MustacheStatement | undefined {
  const nodes = ast.body.filter((n) => !(n.type === 'ContentStatement' && (n as hbs.AST.ContentStatement).value.trim() === ''));
  return nodes.length === 1 && nodes[0].type === 'MustacheStatement' ? (nodes[0] as hbs.AST.MustacheStatement) : undefined;
}

const LITERALS = new Set(['StringLiteral', 'NumberLiteral', 'BooleanLiteral', 'NullLiteral', 'UndefinedLiteral']);

/** Evaluates a bare path strictly (every part must exist), with the path's own location on failure. */
function resolvePath(path: hbs.AST.PathExpression, vars: Vars, where: { template: string; host?: string; colShift: number }): unknown {
  let cur: unknown = vars;
  for (const part of path.parts) {
    if (cur instanceof UnresolvedVar) throw templateError(where, path.loc as HbsLoc, cur.describe());
    const owns = cur !== null && typeof cur === 'object' && (Object.hasOwn(cur, part) || (Array.isArray(cur) && part === 'length'));
    if (!owns) throw templateError(where, path.loc as HbsLoc, `variable "${path.original}" is not defined`);
    cur = (cur as Record<string, unknown>)[part];
  }
  if (cur instanceof UnresolvedVar) throw templateError(where, path.loc as HbsLoc, cur.describe());
  return cur;
}

/** A raw-value evaluator for one mustache, or undefined when plain rendering is needed. */
export function rawEvaluator(m: hbs.AST.MustacheStatement, name: string, colShift: number): ((vars: Vars, host?: string) => unknown) | undefined {
  const noArgs = m.params.length === 0 && !m.hash;
  if (noArgs && LITERALS.has(m.path.type)) {
    const value = (m.path as unknown as { value: unknown }).value;
    return () => value;
  }
  if (noArgs) {
    const path = m.path as hbs.AST.PathExpression;
    if (path.type !== 'PathExpression' || path.data || path.depth > 0) return undefined;
    return (vars, host) => resolvePath(path, vars, { template: name, host, colShift });
  }
  // A helper call: `{{__ferryRaw (helper params)}}` with the original locations kept.
  const sub = { type: 'SubExpression', path: m.path, params: m.params, hash: m.hash, loc: m.loc };
  const rawPath = { type: 'PathExpression', data: false, depth: 0, parts: [RAW_HELPER], original: RAW_HELPER, loc: m.loc };
  // The wrapper gets a location no real node has, so errors find the original call by location.
  const nowhere = { start: { line: 0, column: -1 }, end: { line: 0, column: -1 } };
  const program = { type: 'Program', body: [{ ...m, path: rawPath, params: [sub], hash: undefined, loc: nowhere }], blockParams: [], strip: {}, loc: m.loc };
  const compiled: CompiledTemplate = compileAst(program as unknown as hbs.AST.Program, name, { file: false, colShift });
  return (vars, host) => {
    const capture: { value?: unknown } = {};
    compiled.render(vars, host, capture);
    return capture.value;
  };
}
