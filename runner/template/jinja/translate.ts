// Translates text holding Jinja (`{{ expr }}`, `{% if %}`/`{% for %}`, `{# #}`) or one bare
// Jinja condition into ferry's Handlebars. What is already valid Handlebars is left as written,
// so converting twice changes nothing; what cannot be translated is kept and reported.
import { env } from '../environment.js';
import { type JinjaNode, Untranslatable } from './ast.js';
import { emitExpression, emitNode, type EmitContext } from './emit.js';
import { text as hbsText } from './hbs.js';
import { parseJinja } from './parser.js';

/** Something left as it was, at `offset` in the translated source. */
export interface Problem {
  offset: number;
  message: string;
}

export interface Translation {
  text: string;
  problems: Problem[];
  /** How many expressions or tags were rewritten. */
  rewritten: number;
}

/** True when `inner` (a mustache's inside) is already ferry's: a path, a literal, or a known helper's call. */
export function isFerryExpression(inner: string): boolean {
  try {
    const ast = env.parse(`{{${inner}}}`);
    const m = ast.body[0] as hbs.AST.MustacheStatement | undefined;
    return ast.body.length === 1 && m?.type === 'MustacheStatement' && ferryCall(m);
  } catch {
    return false;
  }
}

/** A mustache or sub-expression whose head is a known helper (or a bare value), recursively. */
function ferryCall(node: { path: hbs.AST.Expression; params: hbs.AST.Expression[]; hash?: hbs.AST.Hash }): boolean {
  const args = [...node.params, ...(node.hash?.pairs.map((p) => p.value) ?? [])];
  const head = node.path as hbs.AST.PathExpression;
  const isCall = args.length > 0 || (node as { type?: string }).type === 'SubExpression';
  if (isCall && !(head.type === 'PathExpression' && head.parts.length === 1 && head.parts[0]! in env.helpers)) return false;
  return [node.path, ...args].every((a) =>
    a.type === 'SubExpression' ? ferryCall(a as hbs.AST.SubExpression) : a.type !== 'PathExpression' || !/['"]/.test((a as hbs.AST.PathExpression).original),
  );
}

/** The end of a tag opened at `from` (index just after `}}`/`%}`/`#}`), skipping quoted strings. */
function tagEnd(src: string, from: number, close: string): number {
  let quote = '';
  for (let i = from; i < src.length; i++) {
    const c = src[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === "'" || c === '"') quote = c;
    else if (src.startsWith(close, i)) return i + close.length;
  }
  return -1;
}

/** A bare condition (`when: x is defined and y == 1`) → ferry's bare form. */
export function translateCondition(src: string, style: Omit<EmitContext, 'cond'>): Translation {
  if (src.includes('{{')) return translateText(src, style);
  if (isFerryExpression(src)) return { text: src, problems: [], rewritten: 0 };
  try {
    return { text: emitExpression(parseJinja(src), { ...style, cond: true }), problems: [], rewritten: 1 };
  } catch (err) {
    return { text: src, problems: [problemOf(err, 0)], rewritten: 0 };
  }
}

function problemOf(err: unknown, base: number): Problem {
  if (err instanceof Untranslatable) return { offset: base + err.offset, message: err.message };
  throw err;
}

/** Translates every Jinja tag in `src` (a template file or a string value). */
export function translateText(src: string, style: Omit<EmitContext, 'cond'>): Translation {
  const out: string[] = [];
  const problems: Problem[] = [];
  const blocks: Block[] = [];
  let rewritten = 0;
  let i = 0;
  while (i < src.length) {
    const open = src.slice(i).search(/\{[{%#]/);
    if (open < 0) break;
    const start = i + open;
    out.push(src.slice(i, start));
    const kind = src[start + 1]!;
    const close = kind === '{' ? '}}' : kind === '%' ? '%}' : '#}';
    const end = kind === '#' ? src.indexOf('#}', start + 2) + 2 || -1 : tagEnd(src, start + 2, close);
    if (end <= 0) {
      problems.push({ offset: start, message: `"${src.slice(start, start + 2)}" is never closed` });
      out.push(src.slice(start));
      i = src.length;
      break;
    }
    const whole = src.slice(start, end);
    let inner = whole.slice(2, -2);
    const trimLeft = inner.startsWith('-');
    const trimRight = inner.endsWith('-');
    if (kind !== '#') inner = inner.slice(trimLeft ? 1 : 0, trimRight ? -1 : undefined);
    const [l, r] = [trimLeft ? '{{~' : '{{', trimRight ? '~}}' : '}}'];
    const pad = /^\s/.test(inner) ? ' ' : '';
    const innerAt = start + 2 + (trimLeft ? 1 : 0);
    try {
      if (kind === '#') {
        out.push(`{{!-- ${inner.trim()} --}}`);
      } else if (kind === '{') {
        const ctx: EmitContext = { ...style, cond: false, ...scope(blocks) };
        const ferry = isFerryExpression(inner);
        // Inside a loop even a plain name may need @root, so Jinja is tried first there.
        const keep = ferry && !trimLeft && !trimRight && (!ctx.inLoop || /@|\(/.test(inner));
        const node = keep ? undefined : ferry ? tryParse(inner) : parseJinja(inner);
        if (!node) out.push(whole);
        else {
          // `{{ 'http://' ~ ip ~ ':2379' }}` in text is `http://{{ip}}:2379`.
          const parts = concatParts(node);
          out.push(parts.map((p) => (p.k === 'lit' && typeof p.value === 'string' ? p.value : `${l}${pad}${emitExpression(p, ctx)}${pad}${r}`)).join(''));
          rewritten++;
        }
      } else {
        out.push(statement(inner, blocks, style, l, r));
        rewritten++;
      }
    } catch (err) {
      problems.push(problemOf(err, innerAt + (inner.length - inner.trimStart().length)));
      out.push(whole);
    }
    i = end;
  }
  out.push(src.slice(i));
  if (blocks.length) problems.push({ offset: src.length, message: `{% ${blocks.at(-1)!.kind === 'each' ? 'for' : 'if'} %} is never closed` });
  return { text: out.join(''), problems, rewritten };
}

function tryParse(src: string): JinjaNode | undefined {
  try {
    return parseJinja(src);
  } catch {
    return undefined;
  }
}

/** The operands of a top-level `~` chain (the node itself when it is not one). */
function concatParts(n: JinjaNode): JinjaNode[] {
  return n.k === 'bin' && n.op === '~' ? [...concatParts(n.left), ...concatParts(n.right)] : [n];
}

/** An open `{% if %}` or `{% for %}`, with the loop variables it binds. */
interface Block {
  kind: 'if' | 'each';
  locals: string[];
}

/** The emit context's loop part for the blocks open here. */
function scope(blocks: Block[]): Pick<EmitContext, 'inLoop' | 'locals'> {
  return { inLoop: blocks.some((b) => b.kind === 'each'), locals: new Set(blocks.flatMap((b) => b.locals)) };
}

/** One `{% ... %}` statement; `blocks` tracks the open if/each blocks. */
function statement(inner: string, blocks: Block[], style: Omit<EmitContext, 'cond'>, l: string, r: string): string {
  const m = /^\s*(\w+)\s*([\s\S]*?)\s*$/.exec(inner);
  const [keyword, rest] = [m?.[1] ?? '', m?.[2] ?? ''];
  const cond = (src: string): string => hbsText(emitNode(parseJinja(src), { ...style, cond: true, ...scope(blocks) }));
  switch (keyword) {
    case 'if':
      blocks.push({ kind: 'if', locals: [] });
      return `${l}#if ${cond(rest)}${r}`;
    case 'elif':
      if (blocks.at(-1)?.kind !== 'if') throw new Untranslatable('{% elif %} outside {% if %}');
      return `${l}else if ${cond(rest)}${r}`;
    case 'else':
      if (!blocks.length) throw new Untranslatable('{% else %} outside {% if %} or {% for %}');
      return `${l}else${r}`;
    case 'endif':
    case 'endfor': {
      const want = keyword === 'endif' ? 'if' : 'each';
      if (blocks.at(-1)?.kind !== want) throw new Untranslatable(`{% ${keyword} %} does not close an open {% ${keyword.slice(3)} %}`);
      blocks.pop();
      return `${l}/${want}${r}`;
    }
    case 'for': {
      const f = /^([A-Za-z_]\w*)(?:\s*,\s*([A-Za-z_]\w*))?\s+in\s+([\s\S]+)$/.exec(rest);
      if (!f) throw new Untranslatable('this {% for %} form has no ferry form');
      const [, first, second] = f as unknown as [string, string, string | undefined];
      let source = f[3]!;
      if (/\sif\s/.test(source) && !/\selse\s/.test(source)) throw new Untranslatable('{% for ... if ... %} has no ferry form (filter the list with selectattr first)');
      if (/\srecursive\s*$/.test(source)) throw new Untranslatable('recursive loops have no ferry form');
      let params = first;
      if (second) {
        // for k, v in d.items() / d | dictsort: Handlebars block params are |value key|.
        source = source.replace(/\.items\(\)\s*$/, '').replace(/\|\s*dictsort\s*$/, '');
        params = `${second} ${first}`;
      }
      const list = hbsText(emitNode(parseJinja(source), { ...style, cond: false, ...scope(blocks) }));
      blocks.push({ kind: 'each', locals: second ? [first, second] : [first] });
      return `${l}#each ${list} as |${params}|${r}`;
    }
    case 'raw':
      throw new Untranslatable('{% raw %} has no ferry form (write \\{{ for a literal {{)');
    default:
      throw new Untranslatable(`{% ${keyword} %} has no ferry form${keyword === 'set' ? ' (set the variable in vars or with set_fact)' : ''}`);
  }
}
