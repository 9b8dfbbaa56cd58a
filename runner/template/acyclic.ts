// Values shown or serialised (debug, json, to_json, to_yaml, "{{map}}") must be trees: `hostvars`
// holds every host's vars, and each host's vars hold `hostvars` again. Ansible prints hostvars as
// one mapping per host without that back reference; cutting every edge back to an ancestor gives
// exactly that, and any other cycle ends the same way instead of crashing JSON.stringify.

/** A deep copy of `value` without the properties and items that point back to an ancestor. */
export function withoutCycles<T>(value: T): T {
  return copy(value, new Set()) as T;
}

function copy(value: unknown, ancestors: Set<object>): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date || Buffer.isBuffer(value)) return value;
  ancestors.add(value);
  try {
    if (Array.isArray(value)) return value.filter((v) => !isAncestor(v, ancestors)).map((v) => copy(v, ancestors));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (!isAncestor(v, ancestors)) out[k] = copy(v, ancestors);
    return out;
  } finally {
    ancestors.delete(value);
  }
}

function isAncestor(v: unknown, ancestors: Set<object>): boolean {
  return v !== null && typeof v === 'object' && ancestors.has(v);
}
