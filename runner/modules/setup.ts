// setup: the facts `gather_facts: true` provides, in one command per host (see facts/gather.ts).
import { readFact } from './facts/fact.js';
import { gatheredFacts } from './facts/gather.js';
import { defineModule, ok } from './types.js';

/** The setup module: Ansible's most used facts under their Ansible names, and ansible_facts. */
export const setupModule = defineModule({
  name: 'setup',
  description: 'Gather facts: host, OS and version, kernel, CPUs, memory, mounts, default IPv4, date and time, user, env (ansible_* and ansible_facts)',
  argsSchema: { type: 'object', additionalProperties: false, properties: {} },
  supportsCheck: true,
  supportsDiff: false,
  async run(_args, ctx) {
    // Facts are read-only: become is not needed to read them.
    const facts = await readFact({ ...ctx, become: undefined }, gatheredFacts);
    return ok({ facts });
  },
});
