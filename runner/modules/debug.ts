// debug: shows a message or a variable's value in the task's result (modules never print).
import { FerryError } from '../errors.js';
import { evaluate } from '../template/index.js';
import { ok, type Module } from './types.js';

interface DebugArgs {
  msg?: unknown;
  var?: string;
  verbosity?: number;
}

/** The debug module. `var` names a variable path (`etcd_members.0.name`), evaluated here (rawArgs). */
export const debugModule: Module<DebugArgs> = {
  name: 'debug',
  description: 'Show a message or the value of a variable',
  argsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      msg: { description: 'text or any value' },
      var: { type: 'string', pattern: '^[A-Za-z_@][\\w.@\\[\\]-]*$', description: 'a variable name or path' },
      verbosity: { type: 'integer', minimum: 0 },
    },
    not: { required: ['msg', 'var'] },
  },
  freeForm: 'msg',
  supportsCheck: true,
  supportsDiff: false,
  controlSide: true,
  rawArgs: ['var'],
  async run(args, ctx) {
    if (args.var !== undefined) {
      const value = evaluate(`{{${args.var}}}`, ctx.vars, { template: `task "${ctx.task}" debug var: ${args.var}`, host: ctx.host });
      return ok({ [args.var]: value, msg: typeof value === 'string' ? value : JSON.stringify(value, null, 2) });
    }
    if (args.msg === undefined) throw new FerryError('debug: give msg or var');
    return ok({ msg: typeof args.msg === 'string' ? args.msg : JSON.stringify(args.msg, null, 2) });
  },
};
