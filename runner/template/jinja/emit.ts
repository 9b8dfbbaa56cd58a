// A Jinja expression tree → ferry's Handlebars expression. Values and conditions differ in one
// place: Jinja's `a or b` gives a (or b) itself, so as a value it becomes `default a b true`.
import { type JinjaNode, Untranslatable } from './ast.js';
import { filterCall, LIST_RESULTS, testCall } from './filters.js';
import { atom, call, type EmitStyle, type Hbs, str, text } from './hbs.js';

const COMPARE: Record<string, string> = { '==': 'eq', '!=': 'ne', '>': 'gt', '<': 'lt', '>=': 'gte', '<=': 'lte' };
const MATH: Record<string, string> = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'div', '//': 'floordiv', '%': 'mod' };
const LOOP: Record<string, string> = { index0: '@index', first: '@first', last: '@last' };
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Where the expression is: a value (rendered or raw) or a condition (when:, #if). */
export interface EmitContext extends EmitStyle {
  cond: boolean;
  /** Inside `{% for %}` (Handlebars' #each): `loop.*` works, and other names need `@root.`. */
  inLoop?: boolean;
  /** The loop variables in scope there (`h` in `for h in hosts`). */
  locals?: ReadonlySet<string>;
}

const isBool = (e: Hbs): boolean => !!e.bool || (e.h === 'atom' && (e.text === 'true' || e.text === 'false'));

function escapeRegex(s: string): string {
  return s.replace(/[()[\]{}?*+\-|^$\\.&~# ]/g, (c) => `\\${c}`);
}

/** A path (`a.b.[0]`) when every step is static, else lookups. */
function member(obj: Hbs, key: JinjaNode, ctx: EmitContext): Hbs {
  const simple = obj.h === 'atom' && /^(@root\.)?[A-Za-z_][\w.[\]-]*$/.test(obj.text);
  if (key.k === 'lit' && typeof key.value === 'string' && simple) return atom(IDENT.test(key.value) ? `${obj.text}.${key.value}` : `${obj.text}.[${key.value}]`);
  if (key.k === 'lit' && typeof key.value === 'number' && Number.isInteger(key.value) && key.value >= 0 && simple) return atom(`${obj.text}.[${key.value}]`);
  return call('lookup', [obj, emitNode(key, { ...ctx, cond: false })]);
}

function method(obj: JinjaNode, name: string, args: Hbs[], ctx: EmitContext): Hbs {
  const self = emitNode(obj, { ...ctx, cond: false });
  const literal = (i: number): string | undefined => {
    const a = args[i];
    return a?.h === 'atom' && /^["']/.test(a.text) ? a.text.slice(1, -1) : undefined;
  };
  switch (name) {
    case 'split': return call('split', [self, args[0] ?? str(' ', ctx)]);
    case 'strip': return call('trim', [self]);
    case 'lower': case 'upper': return call(name, [self]);
    case 'replace': return call('replace', [self, ...args]);
    case 'keys': return call('keys', [self]);
    case 'get': return args[1] ? call('default', [call('lookup', [self, args[0]!]), args[1]]) : call('lookup', [self, args[0]!]);
    case 'startswith': case 'endswith': {
      const lit = literal(0);
      if (lit === undefined) break;
      return call(name === 'startswith' ? 'match' : 'search', [self, str(name === 'startswith' ? escapeRegex(lit) : `${escapeRegex(lit)}$`, ctx)], [], true);
    }
    case 'join': return call('join', [args[0]!, self]);
  }
  throw new Untranslatable(`method .${name}() has no ferry form`);
}

function callNode(n: Extract<JinjaNode, { k: 'call' }>, ctx: EmitContext): Hbs {
  const args = n.args.map((a) => emitNode(a, { ...ctx, cond: false }));
  if (n.fn.k === 'attr') return method(n.fn.obj, n.fn.name, args, ctx);
  if (n.fn.k === 'name' && n.fn.name === 'range') return args.length === 1 ? call('range', [atom('0'), args[0]!]) : call('range', args.slice(0, 2));
  if (n.fn.k === 'name' && (n.fn.name === 'lookup' || n.fn.name === 'query' || n.fn.name === 'q')) throw new Untranslatable(`${n.fn.name}() plugins have no ferry form (set the value in vars or with -e)`);
  throw new Untranslatable(`function ${n.fn.k === 'name' ? n.fn.name : ''}() has no ferry form`);
}

/** Flattens `a and b and c` into one call. */
function chain(n: JinjaNode, op: string): JinjaNode[] {
  return n.k === 'bin' && n.op === op ? [...chain(n.left, op), ...chain(n.right, op)] : [n];
}

function binary(n: Extract<JinjaNode, { k: 'bin' }>, ctx: EmitContext): Hbs {
  const v = { ...ctx, cond: false };
  if (n.op === 'and' || n.op === 'or') {
    const parts = chain(n, n.op).map((p) => emitNode(p, { ...ctx, cond: true }));
    if (ctx.cond || parts.every(isBool)) return call(n.op, parts, [], true);
    if (n.op === 'and') throw new Untranslatable('"and" used for its value (not a condition) has no ferry form');
    // `a or b or "x"` as a value: the first truthy one.
    return parts.reduceRight((rest, p) => call('default', [p, rest, atom('true')]));
  }
  const left = emitNode(n.left, v);
  const right = emitNode(n.right, v);
  if (COMPARE[n.op]) return call(COMPARE[n.op]!, [left, right], [], true);
  if (n.op === 'in') return call('includes', [right, left], [], true);
  if (MATH[n.op]) return call(MATH[n.op]!, [left, right]);
  if (n.op === '~') {
    const asText = (e: Hbs): Hbs => (e.h === 'atom' && /^["']/.test(e.text) ? e : call('string', [e]));
    return call('add', [asText(left), asText(right)]);
  }
  throw new Untranslatable(`operator ${n.op} has no ferry form`);
}

/** The Handlebars form of one Jinja node. */
export function emitNode(n: JinjaNode, ctx: EmitContext): Hbs {
  const v = { ...ctx, cond: false };
  switch (n.k) {
    case 'name':
      if (n.name === 'omit') throw new Untranslatable('omit has no ferry form (leave the argument out)');
      // Inside #each the context is the item: Jinja's globals are under @root there.
      return atom(ctx.inLoop && !ctx.locals?.has(n.name) ? `@root.${n.name}` : n.name);
    case 'lit':
      if (typeof n.value === 'string') return str(n.value, ctx);
      return atom(n.value === null ? 'null' : String(n.value), typeof n.value === 'boolean');
    case 'list':
      return call('array', n.items.map((i) => emitNode(i, v)));
    case 'dict':
      return call('dict', [], n.entries.map(([k, val]) => {
        if (k.k !== 'lit' || typeof k.value !== 'string' || !IDENT.test(k.value)) throw new Untranslatable('a map literal needs plain names as keys');
        return [k.value, emitNode(val, v)];
      }));
    case 'attr':
      if (n.obj.k === 'name' && n.obj.name === 'loop' && ctx.inLoop) {
        if (n.name === 'index') return call('add', [atom('@index'), atom('1')]);
        if (LOOP[n.name]) return atom(LOOP[n.name]!);
        throw new Untranslatable(`loop.${n.name} has no ferry form`);
      }
      return member(emitNode(n.obj, v), { k: 'lit', value: n.name }, ctx);
    case 'index':
      return member(emitNode(n.obj, v), n.key, ctx);
    case 'call':
      return callNode(n, ctx);
    case 'filter': {
      if (n.name === 'list' && n.value.k === 'filter' && LIST_RESULTS.has(n.value.name)) return emitNode(n.value, ctx);
      const args = n.args.map((a) => emitNode(a, v));
      const hash = n.kwargs.map(([k, a]) => [k, emitNode(a, v)] as [string, Hbs]);
      return filterCall(n.name, { value: emitNode(n.value, v), args, hash, style: ctx });
    }
    case 'test':
      return testCall(n.name, emitNode(n.value, v), n.args.map((a) => emitNode(a, v)), n.negated);
    case 'bin':
      return binary(n, ctx);
    case 'not':
      return call('not', [emitNode(n.value, { ...ctx, cond: true })], [], true);
    case 'neg':
      return n.value.k === 'lit' && typeof n.value.value === 'number' ? atom(String(-n.value.value)) : call('sub', [atom('0'), emitNode(n.value, v)]);
    case 'cond': {
      // `x if x is defined else d` is `default x d`.
      const c = n.cond;
      if (c.k === 'test' && c.name === 'defined' && !c.negated && n.else && JSON.stringify(c.value) === JSON.stringify(n.then)) {
        return call('default', [emitNode(n.then, v), emitNode(n.else, v)]);
      }
      return call('ternary', [emitNode(n.cond, { ...ctx, cond: true }), emitNode(n.then, v), n.else ? emitNode(n.else, v) : str('', ctx)]);
    }
  }
}

/** Jinja expression text → Handlebars text (top level: no outer parentheses). */
export function emitExpression(n: JinjaNode, ctx: EmitContext): string {
  return text(emitNode(n, ctx), true);
}
