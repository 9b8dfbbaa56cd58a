// set_fact: sets host variables for the rest of the run; the engine merges `result.facts`.
import { FerryError } from '../errors.js';
import { defineModule, ok } from './types.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The set_fact module: any keys are fact names (the one schema without additionalProperties: false). */
export const setFactModule = defineModule({
  name: 'set_fact',
  description: 'Set variables on the host for the rest of the run',
  argsSchema: {
    type: 'object',
    minProperties: 1,
    propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
    additionalProperties: true,
  },
  supportsCheck: true,
  supportsDiff: false,
  controlSide: true,
  argRoles: { keysDefineVars: true },
  async run(args) {
    const facts: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(args)) {
      // Ansible's fact-cache flag; ferry keeps facts for the run only.
      if (name === 'cacheable') continue;
      if (!NAME.test(name)) throw new FerryError(`set_fact: "${name}" is not a valid variable name`);
      facts[name] = value;
    }
    return ok({ facts });
  },
});
