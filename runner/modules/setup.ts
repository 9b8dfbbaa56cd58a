// setup: the facts `gather_facts: true` provides, in one command per host.
import { readFact } from './facts/fact.js';
import { hostInfo } from './facts/host-info.js';
import { defineModule, ok } from './types.js';

/** The setup module: hostname, distribution and version, OS family, and whether systemd runs. */
export const setupModule = defineModule({
  name: 'setup',
  description: 'Gather facts: hostname, OS (from /etc/os-release), whether systemd is running',
  argsSchema: { type: 'object', additionalProperties: false, properties: {} },
  supportsCheck: true,
  supportsDiff: false,
  async run(_args, ctx) {
    // Facts are read-only: become is not needed to read them.
    const facts = await readFact({ ...ctx, become: undefined }, hostInfo);
    return ok({ facts: { ...facts } });
  },
});
