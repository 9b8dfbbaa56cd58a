// assert: every condition in `that` must hold. The engine leaves `that` untemplated (rawArgs)
// so each condition is judged here, with the host's variables, by the template evaluator.
import { evaluateCondition } from '../template/index.js';
import { fail, ok, type Module } from './types.js';

interface AssertArgs {
  that: string | boolean | Array<string | boolean>;
  fail_msg?: string;
  msg?: string;
  success_msg?: string;
  quiet?: boolean;
}

/** The assert module. */
export const assertModule: Module<AssertArgs> = {
  name: 'assert',
  description: 'Fail unless every condition in `that` holds',
  argsSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['that'],
    properties: {
      that: { anyOf: [{ type: ['string', 'boolean'] }, { type: 'array', items: { type: ['string', 'boolean'] }, minItems: 1 }] },
      fail_msg: { type: 'string' },
      msg: { type: 'string', description: 'alias of fail_msg' },
      success_msg: { type: 'string' },
      quiet: { type: 'boolean' },
    },
  },
  supportsCheck: true,
  supportsDiff: false,
  controlSide: true,
  rawArgs: ['that'],
  async run(args, ctx) {
    const conditions = Array.isArray(args.that) ? args.that : [args.that];
    for (const condition of conditions) {
      const holds = evaluateCondition(condition as string, ctx.vars, { template: `task "${ctx.task}" assert: ${String(condition)}`, host: ctx.host });
      if (!holds) {
        return fail(args.fail_msg ?? args.msg ?? `Assertion failed: ${String(condition)}`, { assertion: condition, evaluated_to: false });
      }
    }
    return ok({ msg: args.quiet ? undefined : (args.success_msg ?? 'All assertions passed') });
  },
};
