// Registers ferry's helpers on a Handlebars environment, with strictness about undefined arguments.
import type { HelperDelegate, HelperOptions } from 'handlebars';
import { callAt, contextOf, templateError } from '../location.js';
import { truthy } from '../truthy.js';
import { collectionHelpers } from './collections.js';
import { dictHelpers } from './dicts.js';
import { encodeHelpers } from './encode.js';
import { ipHelpers } from './ip.js';
import { listHelpers } from './lists.js';
import { comparisonHelpers, logicHelpers } from './logic.js';
import { type Helper, HelperError } from './named.js';
import { numberHelpers } from './numbers.js';
import { pathHelpers } from './paths.js';
import { regexHelpers } from './regex.js';
import { stringHelpers } from './strings.js';
import { testHelpers } from './tests.js';
import { valueHelpers } from './values.js';

const GROUPS: Array<Record<string, Helper>> = [
  comparisonHelpers, logicHelpers, collectionHelpers, stringHelpers, valueHelpers,
  numberHelpers, regexHelpers, listHelpers, dictHelpers, pathHelpers, encodeHelpers, testHelpers, ipHelpers,
];

/** Helpers whose first argument may be undefined (`default x "d"`, `defined x`). */
export const LENIENT_FIRST_HELPERS: ReadonlySet<string> = new Set(['default', 'get', 'defined']);

/** Helpers whose arguments may all be undefined; ternary's so that `ternary c x "d"` works like Jinja's lazy `x if c else "d"`. */
export const LENIENT_ALL_HELPERS: ReadonlySet<string> = new Set(['and', 'or', 'not', 'ternary']);

/** Helpers whose arguments may be undefined (optional vars): everything else refuses them. */
const LENIENT = new Set([...LENIENT_FIRST_HELPERS, ...LENIENT_ALL_HELPERS]);

/** The helpers' names, so the static checker never mistakes one for a variable. */
export const HELPER_NAMES: ReadonlySet<string> = new Set([...GROUPS.flatMap((g) => Object.keys(g)), 'if', 'unless', 'each', 'with', 'lookup', 'log']);

function described(param: hbs.AST.Expression | undefined, index: number): string {
  return param?.type === 'PathExpression' ? `variable "${(param as hbs.AST.PathExpression).original}"` : `argument ${index + 1}`;
}

function wrap(name: string, fn: Helper): HelperDelegate {
  return function (this: unknown, ...all: unknown[]) {
    const options = all.pop() as HelperOptions & { loc?: any };
    if (!LENIENT.has(name)) {
      const missing = all.findIndex((a) => a === undefined);
      if (missing >= 0) {
        const ctx = contextOf(options);
        const param = callAt(ctx.ast, options.loc)?.params[missing];
        throw templateError(ctx, options.loc, `${described(param, missing)} is not defined (in "${name}")`);
      }
    }
    try {
      return fn.call({ hash: (options.hash as Record<string, unknown> | undefined) ?? {} }, ...all);
    } catch (err) {
      if (err instanceof HelperError) throw templateError(contextOf(options), options.loc, `${name}: ${err.message}`, err);
      throw err;
    }
  };
}

/** `{{#if}}` and `{{#unless}}` with ferry truthiness ("false", [] and {} are false). */
function conditional(negate: boolean): HelperDelegate {
  return function (this: unknown, value: unknown, options: HelperOptions) {
    return truthy(value) !== negate ? options.fn(this) : options.inverse(this);
  };
}

/**
 * `{{#each}}` that refuses an undefined list: Handlebars' strict mode does not check block
 * parameters, so `{{#each missing}}` would silently render nothing (an empty --initial-cluster).
 */
function strictEach(builtin: HelperDelegate): HelperDelegate {
  return function (this: unknown, ...all: unknown[]) {
    const options = all[all.length - 1] as HelperOptions & { loc?: any };
    if (all.length > 1 && all[0] === undefined) {
      const ctx = contextOf(options);
      const param = callAt(ctx.ast, options.loc)?.params[0];
      throw templateError(ctx, options.loc, `${described(param, 0)} is not defined (in "#each"; use (default x (concat)) for an optional list)`);
    }
    return (builtin as (...a: unknown[]) => unknown).apply(this, all);
  };
}

/** Registers every helper on `env`. */
export function registerHelpers(env: typeof import('handlebars')): void {
  for (const group of GROUPS) {
    for (const [name, fn] of Object.entries(group)) env.registerHelper(name, wrap(name, fn));
  }
  env.registerHelper('if', conditional(false));
  env.registerHelper('unless', conditional(true));
  env.registerHelper('each', strictEach(env.helpers.each));
}
