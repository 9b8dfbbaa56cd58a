// YAML as PyYAML's yaml.dump writes it (what Ansible's to_yaml/to_nice_yaml print): sorted keys,
// sequences not indented under a key, `-   ` before a nested block, PyYAML's quoting of
// strings that would read as another type. With `flow`, collections of scalars go on one line
// (default_flow_style=None). Not reproduced: folding of long strings at 80 columns, and the
// single-quoted line folding of multi-line strings (written double-quoted instead).

interface Style {
  flow: boolean;
  indent: number;
}

// YAML 1.1 (PyYAML's) implicit types: a string reading as one of these must be quoted.
const IMPLICIT = [
  /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  /^(?:~|null|Null|NULL)$/,
  /^[-+]?(?:0b[01_]+|0[0-7_]+|(?:0|[1-9][0-9_]*)|0x[0-9a-fA-F_]+|[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
  /^[-+]?(?:(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  /^\d{4}-\d\d?-\d\d?/,
  /^(?:=|<<)$/,
];

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

function plainOk(s: string, inFlow: boolean): boolean {
  if (s === '' || s !== s.trim() || IMPLICIT.some((re) => re.test(s))) return false;
  if (/^[-?:](?:\s|$)/.test(s) || /^[,[\]{}#&*!|>'"%@`]/.test(s)) return false;
  if (/: |:$| #/.test(s) || (inFlow && /[,[\]{}]/.test(s))) return false;
  return !CONTROL.test(s);
}

/** One scalar as PyYAML writes it: plain when it reads back the same, quoted otherwise. */
export function yamlScalar(value: unknown, inFlow = false): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  const s = String(value);
  if (plainOk(s, inFlow)) return s;
  if (CONTROL.test(s)) return JSON.stringify(s);
  return `'${s.replaceAll("'", "''")}'`;
}

const isCollection = (v: unknown): v is object => typeof v === 'object' && v !== null;
const isEmpty = (v: object): boolean => Object.keys(v).length === 0;

function entries(v: object): Array<[string, unknown]> {
  return Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function flowText(v: unknown): string {
  if (!isCollection(v)) return yamlScalar(v, true);
  if (Array.isArray(v)) return `[${v.map(flowText).join(', ')}]`;
  return `{${entries(v).map(([k, x]) => `${yamlScalar(k, true)}: ${flowText(x)}`).join(', ')}}`;
}

/** Whether `v` is written inline: scalars, empty collections, and (flow style) collections of scalars. */
function inline(v: unknown, style: Style): boolean {
  if (!isCollection(v) || isEmpty(v)) return true;
  return style.flow && Object.values(v).every((x) => !isCollection(x));
}

/** The block lines for a collection, unindented. */
function block(v: object, style: Style): string[] {
  const lines: string[] = [];
  if (Array.isArray(v)) {
    for (const item of v) {
      if (inline(item, style)) {
        lines.push(`- ${flowText(item)}`);
        continue;
      }
      const inner = block(item as object, style);
      lines.push(`-${' '.repeat(style.indent - 1)}${inner[0]}`, ...inner.slice(1).map((l) => ' '.repeat(style.indent) + l));
    }
    return lines;
  }
  for (const [k, x] of entries(v)) {
    const key = yamlScalar(k);
    if (inline(x, style)) {
      lines.push(`${key}: ${flowText(x)}`);
      continue;
    }
    // PyYAML does not indent a sequence under a mapping key.
    const pad = Array.isArray(x) ? '' : ' '.repeat(style.indent);
    lines.push(`${key}:`, ...block(x as object, style).map((l) => pad + l));
  }
  return lines;
}

/** PyYAML's yaml.dump(value) with sorted keys. */
export function pyYaml(value: unknown, style: Style): string {
  // PyYAML ends a lone scalar with `...`; Ansible's result (checked) has only the newline.
  if (!isCollection(value)) return `${yamlScalar(value)}\n`;
  if (inline(value, style)) return `${flowText(value)}\n`;
  return `${block(value, style).join('\n')}\n`;
}
