// Static check of the variables a template uses, before anything connects. Conservative by
// design: only root names in the template's top scope that would fail at render time are
// reported, so a report is never a false positive (inside `#each`/`#with` the context changes).
import type { Diagnostic } from '../errors.js';
import { env } from './environment.js';
import { LENIENT_ALL_HELPERS, LENIENT_FIRST_HELPERS } from './helpers/index.js';
import { type HbsLoc, walk } from './location.js';
import { parseTemplate } from './parse.js';

/** A variable root used where rendering needs it defined. */
export interface VariableUse {
  name: string;
  /** The full path as written (`r.stdout`). */
  path: string;
  line: number;
  /** 1-based. */
  col: number;
}

/** Helpers whose arguments may be undefined at render time (see helpers/index.ts). */
const LENIENT_ALL = new Set([...LENIENT_ALL_HELPERS, 'if', 'unless']);
const LENIENT_FIRST = LENIENT_FIRST_HELPERS;
/** Block helpers that keep the context for their main block. */
const SAME_SCOPE = new Set(['if', 'unless']);

type Node = Record<string, any>;

class Collector {
  readonly uses: VariableUse[] = [];
  constructor(private readonly colShift: number) {}

  program(p: Node | undefined, scoped: boolean, params: ReadonlySet<string>): void {
    if (!p) return;
    const inner = new Set([...params, ...((p.blockParams as string[] | undefined) ?? [])]);
    for (const s of p.body as Node[]) this.statement(s, scoped, inner);
  }

  statement(s: Node, scoped: boolean, params: ReadonlySet<string>): void {
    if (s.type === 'MustacheStatement' || s.type === 'SubExpression') this.call(s, scoped, params, true);
    if (s.type === 'BlockStatement') {
      this.call(s, scoped, params, false);
      const helper = s.path.type === 'PathExpression' && s.path.parts.length === 1 ? s.path.parts[0] : '';
      const isCall = s.params.length > 0 || !!s.hash;
      this.program(s.program, scoped || !(isCall && SAME_SCOPE.has(helper)), params);
      this.program(s.inverse, scoped || !(isCall && (SAME_SCOPE.has(helper) || helper === 'each' || helper === 'with')), params);
    }
  }

  call(s: Node, scoped: boolean, params: ReadonlySet<string>, valueIfBare: boolean): void {
    const isCall = s.type === 'SubExpression' || s.params.length > 0 || !!s.hash;
    const name = s.path.type === 'PathExpression' ? (s.path.parts[0] as string | undefined) : undefined;
    if (!isCall) {
      // `{{x}}` is a variable unless x is a helper; `{{#x}}` is a section over x.
      if (name === undefined || !(name in env.helpers) || !valueIfBare) this.expression(s.path, scoped, params, false);
      return;
    }
    // Hash values are not checked: no ferry helper reads them, and rendering never fails on them.
    (s.params as Node[]).forEach((a, i) => this.expression(a, scoped, params, LENIENT_ALL.has(name ?? '') || (i === 0 && LENIENT_FIRST.has(name ?? ''))));
  }

  expression(e: Node, scoped: boolean, params: ReadonlySet<string>, lenient: boolean): void {
    if (e.type === 'SubExpression') return this.call(e, scoped, params, false);
    if (e.type !== 'PathExpression' || scoped || lenient || e.data || e.depth > 0) return;
    if (/^(this\b|\.)/.test(e.original) || e.parts.length === 0 || params.has(e.parts[0])) return;
    const loc = e.loc as HbsLoc;
    const col = loc.start.column + 1 - (loc.start.line === 1 ? this.colShift : 0);
    this.uses.push({ name: e.parts[0], path: e.original, line: loc.start.line, col: Math.max(col, 1) });
  }
}

/**
 * Uses found per (colShift, source): validation asks of the same string for each play and host group
 * it is in. Only short strings are kept (a template file is read once anyway): at most 4096 of 2 KiB.
 */
const usesCache = new Map<string, readonly VariableUse[]>();
const USES_CACHE_MAX = 4096;
const USES_CACHE_MAX_CHARS = 2048;

/** Variable roots `source` needs defined, with positions (`colShift` as in compileTemplate). */
export function templateVariableUses(source: string, name: string, colShift = 0): VariableUse[] {
  const key = `${colShift}\0${source}`;
  const known = usesCache.get(key);
  if (known) return known.map((u) => ({ ...u }));
  // A template that does not parse throws here, naming `name`, every time: errors are not cached.
  const collector = new Collector(colShift);
  collector.program(parseTemplate(source, name, colShift) as unknown as Node, false, new Set());
  if (source.length <= USES_CACHE_MAX_CHARS) {
    if (usesCache.size >= USES_CACHE_MAX) usesCache.clear();
    usesCache.set(key, collector.uses.map((u) => ({ ...u })));
  }
  return collector.uses;
}

/** Root variable names a template needs defined, each once, in order of use. */
export function templateVariables(source: string): string[] {
  return [...new Set(templateVariableUses(source, '<template>').map((u) => u.name))];
}

/** Diagnostics (file = `name`) for every variable `source` uses that `known` lacks. */
export function checkTemplateVars(source: string, name: string, known: ReadonlySet<string>): Diagnostic[] {
  return templateVariableUses(source, name)
    .filter((u) => !known.has(u.name))
    .map((u) => ({ file: name, line: u.line, col: u.col, message: `variable "${u.path}" is not defined` }));
}

/** Every root name `source` mentions anywhere (scopes and lenient helpers included): an over-approximation. */
export function referencedNames(source: string): string[] {
  const names = new Set<string>();
  for (const n of walk(parseTemplate(source, '<template>'))) {
    const p = n as unknown as hbs.AST.PathExpression;
    if (p.type === 'PathExpression' && !p.data && p.parts.length > 0) names.add(p.parts[0]);
  }
  return [...names];
}
