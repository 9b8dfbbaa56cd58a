// group: a local group present (with a gid) or absent, changed only where it differs.
import { shq } from '../../transport/shell-quote.js';
import { readFact } from '../facts/fact.js';
import { mustSucceed } from '../support/run.js';
import { defineModule, ok } from '../types.js';
import { groupEntry, type GroupEntry } from './account-facts.js';

/** The groupadd/groupmod/groupdel command that closes the difference, if any (pure). */
export function planGroup(args: { name: string; state: 'present' | 'absent'; gid?: number; system: boolean }, now: GroupEntry | undefined): string | undefined {
  const n = shq(args.name);
  if (args.state === 'absent') return now ? `groupdel -- ${n}` : undefined;
  if (!now) return `groupadd ${args.gid !== undefined ? `-g ${args.gid} ` : ''}${args.system ? '-r ' : ''}-- ${n}`;
  if (args.gid !== undefined && now.gid !== args.gid) return `groupmod -g ${args.gid} -- ${n}`;
  return undefined;
}

/** The group module. */
export const groupModule = defineModule({
  name: 'group',
  description: 'Ensure a local group exists (with a gid) or does not',
  argsSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: {
      name: { type: 'string', minLength: 1 },
      state: { enum: ['present', 'absent'], default: 'present' },
      gid: { type: 'integer', minimum: 0 },
      system: { type: 'boolean', default: false, description: 'a system group (gid from the system range)' },
    },
  },
  supportsCheck: true,
  supportsDiff: false,
  async run(args, ctx) {
    const command = planGroup(args, await readFact(ctx, groupEntry(args.name)));
    if (command && !ctx.check) await mustSucceed(ctx, command);
    const after = command && !ctx.check ? await readFact(ctx, groupEntry(args.name)) : undefined;
    return ok({ changed: command !== undefined, name: args.name, state: args.state, ...(after ? { gid: after.gid } : {}), msg: command ?? `group ${args.name} already as wanted` });
  },
});
