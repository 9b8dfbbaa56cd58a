// assert: every condition in `that` must hold. `that` is declared a condition (argRoles), so the
// engine leaves it untemplated and each condition is judged here, with the host's variables, by the template evaluator.
import { evaluateCondition } from '../template/index.js';
import { defineModule, fail, ok } from './types.js';

const condition = { type: ['string', 'boolean'] } as const;

/** The assert module. */
export const assertModule = defineModule({
  name: 'assert',
  description: 'Fail unless every condition in `that` holds',
  argsSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['that'],
    properties: {
      that: { type: ['string', 'boolean', 'array'], items: condition, minItems: 1, description: 'a condition, or a list of them' },
      fail_msg: { type: 'string' },
      msg: { type: 'string', description: 'alias of fail_msg' },
      success_msg: { type: 'string' },
      quiet: { type: 'boolean' },
    },
  },
  supportsCheck: true,
  supportsDiff: false,
  controlSide: true,
  argRoles: { conditions: ['that'] },
  async run(args, ctx) {
    const conditions = Array.isArray(args.that) ? args.that : [args.that];
    for (const condition of conditions) {
      const holds = evaluateCondition(condition, ctx.vars, { template: `task "${ctx.task}" assert: ${String(condition)}`, host: ctx.host });
      if (!holds) {
        return fail(args.fail_msg ?? args.msg ?? `Assertion failed: ${String(condition)}`, { assertion: condition, evaluated_to: false });
      }
    }
    return ok({ msg: args.quiet ? undefined : (args.success_msg ?? 'All assertions passed') });
  },
});
