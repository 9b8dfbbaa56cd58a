// Editor schemas accept a template string wherever the engine renders a value: a module argument
// written `"{{ etcd_endpoints }}"` where the schema wants a list (or an enum, a number, a pattern) is
// checked after templating, per host, so an editor must not flag it.

/** A value that is a template: rendered, then checked against the schema it stands for. */
export const TEMPLATE_STRING = { type: 'string', pattern: '\\{\\{', description: 'a template ({{ ... }}), checked once rendered' } as const;

type Schema = Record<string, unknown>;

const isSchema = (v: unknown): v is Schema => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Keywords whose value is a schema, or a list or map of schemas, that describe a value (not a key or condition). */
const CHILD_SCHEMA = ['items', 'additionalProperties'];
/** Keywords whose schema applies to the same value as their parent (so the parent decides the template branch). */
const SAME_VALUE = ['then', 'else'];
const CHILD_LISTS = ['anyOf', 'oneOf', 'allOf'];
const CHILD_MAPS = ['properties', 'patternProperties'];

/** Whether a string holding `{{` fails `s` (so a template needs its own branch). */
function refusesTemplate(s: Schema): boolean {
  if (Object.keys(s).length === 0 || s.$ref !== undefined) return false;
  const types = s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
  if (s.enum !== undefined || s.const !== undefined || s.format !== undefined) return true;
  if (typeof s.pattern === 'string' || s.maxLength !== undefined) return true;
  if (types.length > 0) return !types.includes('string');
  if (Array.isArray(s.allOf)) return (s.allOf as unknown[]).some((b) => isSchema(b) && refusesTemplate(b));
  const branches = (s.anyOf ?? s.oneOf) as unknown[] | undefined;
  return Array.isArray(branches) && branches.every((b) => isSchema(b) && refusesTemplate(b));
}

/** `schema` with each value it describes (and, unless `top` is false, itself) also accepting a template string. */
export function acceptTemplates(schema: unknown, top = true): unknown {
  if (!isSchema(schema)) return schema;
  const out: Schema = { ...schema };
  for (const k of CHILD_SCHEMA) if (isSchema(out[k])) out[k] = acceptTemplates(out[k]);
  for (const k of SAME_VALUE) if (isSchema(out[k])) out[k] = acceptTemplates(out[k], false);
  for (const k of CHILD_LISTS) if (Array.isArray(out[k])) out[k] = (out[k] as unknown[]).map((s) => acceptTemplates(s, false));
  for (const k of CHILD_MAPS) {
    if (isSchema(out[k])) out[k] = Object.fromEntries(Object.entries(out[k] as Schema).map(([name, s]) => [name, acceptTemplates(s)]));
  }
  if (!top || !refusesTemplate(schema)) return out;
  const { description, default: dflt, ...rest } = out;
  return { ...(description !== undefined ? { description } : {}), ...(dflt !== undefined ? { default: dflt } : {}), anyOf: [rest, TEMPLATE_STRING] };
}

/** A copy without ferry's own keywords (`x-message`) and formats (`ferry-address`), for plain validators. */
export function plainSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(plainSchema);
  if (!isSchema(schema)) return schema;
  const out: Schema = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k.startsWith('x-')) continue;
    if (k === 'format' && typeof v === 'string' && v.startsWith('ferry-')) continue;
    out[k] = k === 'properties' || k === 'patternProperties' || k === 'definitions'
      ? Object.fromEntries(Object.entries(v as Schema).map(([n, s]) => [n, plainSchema(s)]))
      : plainSchema(v);
  }
  return out;
}
