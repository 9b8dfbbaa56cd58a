// debug: shows a message or a variable's value in the task's result (modules never print).
import { FerryError } from '../errors.js';
import { withoutCycles } from '../template/acyclic.js';
import { defineModule, ok } from './types.js';

/** Walks `a.b.0` / `a[0]` / `a['b']` through the host's vars, as Ansible's `var:` does. */
export function lookupPath(vars: Record<string, unknown>, path: string): { found: boolean; value?: unknown } {
  const keys = path.replace(/\[['"]?([^\]'"]+)['"]?\]/g, '.$1').split('.').filter((k) => k !== '');
  let value: unknown = vars;
  for (const key of keys) {
    if (value === null || typeof value !== 'object' || !(key in value)) return { found: false };
    value = (value as Record<string, unknown>)[key];
  }
  return { found: true, value };
}

/** The debug module. `var` names a variable path (`etcd_members.0.name`), looked up here (argRoles). */
export const debugModule = defineModule({
  name: 'debug',
  description: 'Show a message or the value of a variable',
  argsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      msg: { description: 'text or any value' },
      var: { type: 'string', pattern: '^[A-Za-z_][\\w.\\[\\]\'"-]*$', description: 'a variable name or path' },
      verbosity: { type: 'integer', minimum: 0, default: 0 },
    },
    not: { required: ['msg', 'var'] },
  },
  freeForm: 'msg',
  supportsCheck: true,
  supportsDiff: false,
  controlSide: true,
  argRoles: { variables: ['var'] },
  async run(args, ctx) {
    // Showing is debug's job: its message appears without -v, unless `verbosity` asks for more.
    const shown = { show_msg_from_verbosity: args.verbosity };
    if (args.var !== undefined) {
      const { found, value: raw } = lookupPath(ctx.vars, args.var);
      const value = withoutCycles(raw);
      if (!found) return ok({ [args.var]: 'VARIABLE IS NOT DEFINED!', msg: `${args.var}: VARIABLE IS NOT DEFINED!`, ...shown });
      return ok({ [args.var]: value, msg: typeof value === 'string' ? value : JSON.stringify(value, null, 2), ...shown });
    }
    if (args.msg === undefined) throw new FerryError('debug: give msg or var');
    const msg = withoutCycles(args.msg);
    return ok({ msg: typeof msg === 'string' ? msg : JSON.stringify(msg, null, 2), ...shown });
  },
});
