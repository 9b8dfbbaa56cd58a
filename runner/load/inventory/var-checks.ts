// The connection vars' schema applied to vars that do not come from a YAML inventory (INI lines,
// scripts, group_vars files), with the same messages as the YAML inventory's validation.
import type { Diagnostic } from '../../errors.js';
import { validator } from '../schemas/ajv.js';
import { connectionVarsMappingSchema } from '../schemas/inventory.js';
import type { SourceRef, Vars } from '../types.js';

const check = validator(connectionVarsMappingSchema);

/** Problems of the connection vars among `vars`, each at `at(key)`. */
export function checkConnectionVars(vars: Vars, at: (key: string) => SourceRef, suffix = ''): Diagnostic[] {
  if (check(vars)) return [];
  return (check.errors ?? []).map((e) => {
    const key = e.instancePath.slice(1).split('/')[0];
    const custom = (e.parentSchema as { 'x-message'?: string } | undefined)?.['x-message'] ?? e.message ?? 'is not valid';
    return { ...at(key), message: `'${key}': ${JSON.stringify(vars[key])} ${custom}${suffix}` };
  });
}
