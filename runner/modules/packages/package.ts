// package: the host's package manager, as Ansible's generic module; ferry knows apt (Debian, Ubuntu).
import { FerryError } from '../../errors.js';
import { readFact } from '../facts/fact.js';
import { defineModule } from '../types.js';
import { aptModule } from './apt.js';

/** The package module. */
export const packageModule = defineModule({
  name: 'package',
  description: 'Packages present, latest or absent through the host’s package manager (apt)',
  argsSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: {
      name: { type: ['string', 'array'], items: { type: 'string' } },
      state: { enum: ['present', 'installed', 'latest', 'absent', 'removed'], default: 'present' },
      use: { enum: ['auto', 'apt'], default: 'auto' },
    },
  },
  supportsCheck: true,
  supportsDiff: false,
  async run(args, ctx) {
    const apt = await readFact(ctx, { command: 'command -v apt-get >/dev/null && echo yes || echo no', parse: (o) => o.trim() === 'yes' });
    if (!apt) throw new FerryError(`package: ${ctx.host} has no apt-get; ferry's package module knows only apt`);
    return aptModule.run({ name: args.name, state: args.state, update_cache: false, cache_valid_time: 0, purge: false, lock_timeout: 60 }, ctx);
  },
});
