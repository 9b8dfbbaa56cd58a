// Turns the CLI's host flags into host names.
import { FerryError } from '../runner/errors.js';
import { defaultNames, validateNames } from './plan.js';

/** Host names from `--names a,b,c` and/or `--hosts N`. */
export function namesFrom(opts: { hosts?: string; names?: string }): string[] {
  const count = opts.hosts === undefined ? undefined : Number(opts.hosts);
  if (count !== undefined && !(Number.isInteger(count) && count > 0)) throw new FerryError(`lab: --hosts wants a positive whole number, got "${opts.hosts}"`);
  const names = opts.names ? opts.names.split(',').map((n) => n.trim()).filter(Boolean) : defaultNames(count ?? 6);
  if (opts.names && count !== undefined && count !== names.length) {
    throw new FerryError(`lab: --hosts ${count} but --names lists ${names.length} hosts`);
  }
  validateNames(names);
  return names;
}
