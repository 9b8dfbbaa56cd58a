// user: a local account present (uid, groups, shell, home, comment, password hash) or absent.
import { FerryError } from '../../errors.js';
import { readFact } from '../facts/fact.js';
import { mustSucceed } from '../support/run.js';
import { defineModule, ok } from '../types.js';
import { userEntry } from './account-facts.js';
import { planUser } from './user-plan.js';

/** The user module. */
export const userModule = defineModule({
  name: 'user',
  description: 'Ensure a local user exists with uid, groups, shell, home, comment and password hash, or does not',
  argsSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: {
      name: { type: 'string', minLength: 1 },
      state: { enum: ['present', 'absent'], default: 'present' },
      uid: { type: 'integer', minimum: 0 },
      group: { type: 'string', minLength: 1, description: 'primary group' },
      groups: { anyOf: [{ type: 'array', items: { type: 'string', minLength: 1 } }, { type: 'string' }], description: 'supplementary groups: a list or comma-separated' },
      append: { type: 'boolean', default: false, description: 'add to groups instead of setting them' },
      comment: { type: 'string' },
      home: { type: 'string', minLength: 1 },
      shell: { type: 'string', minLength: 1 },
      create_home: { type: 'boolean', default: true },
      system: { type: 'boolean', default: false },
      remove: { type: 'boolean', default: false, description: 'with state absent: remove the home directory too' },
      password: { type: 'string', description: 'the crypt(3) hash (e.g. from password_hash), never the clear text; never shown' },
      update_password: { enum: ['always', 'on_create'], default: 'always' },
    },
  },
  supportsCheck: true,
  supportsDiff: false,
  async run(args, ctx) {
    if (args.password !== undefined && !/^(\$[\w./$=,-]+|[!*].*)$/.test(args.password)) throw new FerryError('user: password must be a crypt hash ($6$..., $y$...), not clear text');
    const groups = typeof args.groups === 'string' ? args.groups.split(',').map((g) => g.trim()).filter(Boolean) : args.groups;
    const now = await readFact(ctx, userEntry(args.name));
    const plan = planUser({ ...args, groups }, now);
    const changed = plan.command !== undefined || plan.setPassword;
    if (changed && !ctx.check) {
      if (plan.command) await mustSucceed(ctx, plan.command);
      // The hash on stdin: never on a command line (ps), never in the result.
      if (plan.setPassword) await mustSucceed(ctx, 'chpasswd -e', { stdin: `${args.name}:${args.password}\n` });
    }
    const after = changed && !ctx.check && args.state === 'present' ? await readFact(ctx, userEntry(args.name)) : now;
    const facts = after && args.state === 'present' ? { uid: after.uid, group: after.gid, home: after.home, shell: after.shell, groups: after.groups.join(',') } : {};
    return ok({ changed, name: args.name, state: args.state, ...facts, ...(args.password !== undefined ? { password: 'NOT_LOGGING_PASSWORD' } : {}), msg: changed ? plan.changes.join(', ') : `user ${args.name} already as wanted` });
  },
});
