// One truthiness for `when`, `until`, `assert`, and `{{#if}}`, so a condition reads the same everywhere.

/** False for false, null, undefined, 0, NaN, "", "false"/"False", [] and {}; true otherwise. */
export function truthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false) return false;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  if (typeof value === 'string') return value !== '' && value !== 'false' && value !== 'False';
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}
