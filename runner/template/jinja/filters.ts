// Jinja filters and tests → ferry helpers. A filter missing here is reported, never guessed.
import { Untranslatable } from './ast.js';
import { atom, call, type EmitStyle, type Hbs, str } from './hbs.js';

type Args = { value: Hbs; args: Hbs[]; hash: Array<[string, Hbs]>; style: EmitStyle };

/** Filters whose ferry helper has the same name and argument order. */
const SAME = new Set([
  'int', 'float', 'bool', 'string', 'regex_replace', 'regex_search', 'regex_findall', 'regex_escape', 'combine', 'dict2items', 'items2dict',
  'selectattr', 'rejectattr', 'select', 'reject', 'unique', 'sort', 'min', 'max', 'flatten', 'sum', 'reverse', 'union', 'intersect', 'difference',
  'symmetric_difference', 'basename', 'dirname', 'splitext', 'to_json', 'to_nice_json', 'from_json', 'to_yaml', 'to_nice_yaml', 'from_yaml',
  'b64encode', 'b64decode', 'hash', 'checksum', 'md5', 'ipaddr', 'ipv4', 'ipv6', 'ternary', 'upper', 'lower', 'capitalize', 'trim', 'replace',
  'first', 'last', 'abs', 'round', 'indent', 'list',
]);

/** Filters whose result is already a list: a following `| list` is dropped. */
export const LIST_RESULTS = new Set(['map', 'splitext', 'select', 'reject', 'selectattr', 'rejectattr', 'unique', 'sort', 'flatten', 'reverse', 'dict2items', 'split', 'union', 'intersect', 'difference', 'symmetric_difference', 'regex_findall', 'list']);

const RENAMED: Record<string, string> = { length: 'len', count: 'len', quote: 'shq', d: 'default' };

const SPECIAL: Record<string, (a: Args) => Hbs> = {
  default: ({ value, args }) => call('default', [value, args[0] ?? str('', { quote: '"' }), ...(args[1] && args[1].h === 'atom' && args[1].text === 'true' ? [atom('true')] : [])]),
  join: ({ value, args, style }) => call('join', [value, args[0] ?? str('', style)]),
  split: ({ value, args, style }) => call('split', [value, args[0] ?? str(' ', style)]),
  mandatory: ({ value }) => value,
  map: ({ value, args, hash }) => {
    const attribute = hash.find(([k]) => k === 'attribute')?.[1];
    const fallback = hash.filter(([k]) => k === 'default');
    if (attribute) return call('map', [value, attribute], fallback);
    const first = args[0];
    if (first?.h === 'atom' && /^["']extract["']$/.test(first.text) && args[1]) return call('map', args[2] ? [value, args[2]] : [value], [['from', args[1]]]);
    throw new Untranslatable(`map(${first ? first.h === 'atom' ? first.text : '...' : ''}) applying a filter to each item has no ferry form; map takes attribute= or 'extract'`);
  },
};

/** The ferry form of `value | name(args)`. */
export function filterCall(name: string, a: Args): Hbs {
  const bare = name.replace(/^ansible\.(builtin|utils|netcommon)\./, '');
  if (SPECIAL[bare]) return SPECIAL[bare](a);
  const helper = RENAMED[bare] ?? (SAME.has(bare) ? bare : undefined);
  if (!helper) throw new Untranslatable(`filter "${name}" has no ferry helper`);
  return call(helper, [a.value, ...a.args], a.hash);
}

const prop = (value: Hbs, key: string): Hbs => (value.h === 'atom' && /^[A-Za-z_@][\w.[\]@-]*$/.test(value.text) ? atom(`${value.text}.${key}`) : call('get', [value, atom(`"${key}"`)]));

/** The ferry form of `value is [not] name(args)`. */
export function testCall(name: string, value: Hbs, args: Hbs[], negated: boolean): Hbs {
  const bare = name.replace(/^ansible\.builtin\./, '');
  const tests: Record<string, () => Hbs> = {
    defined: () => call('defined', [value], [], true),
    undefined: () => call('not', [call('defined', [value])], [], true),
    none: () => call('eq', [value, atom('null')], [], true),
    version: () => call('version', [value, ...args], [], true),
    version_compare: () => call('version', [value, ...args], [], true),
    match: () => call('match', [value, ...args], [], true),
    search: () => call('search', [value, ...args], [], true),
    regex: () => call('search', [value, ...args], [], true),
    in: () => call('includes', [args[0]!, value], [], true),
    equalto: () => call('eq', [value, args[0]!], [], true),
    eq: () => call('eq', [value, args[0]!], [], true),
    sameas: () => call('eq', [value, args[0]!], [], true),
    true: () => call('eq', [value, atom('true')], [], true),
    false: () => call('eq', [value, atom('false')], [], true),
    even: () => call('eq', [call('mod', [value, atom('2')]), atom('0')], [], true),
    odd: () => call('eq', [call('mod', [value, atom('2')]), atom('1')], [], true),
    divisibleby: () => call('eq', [call('mod', [value, args[0]!]), atom('0')], [], true),
    failed: () => prop(value, 'failed'),
    failure: () => prop(value, 'failed'),
    changed: () => prop(value, 'changed'),
    change: () => prop(value, 'changed'),
    skipped: () => prop(value, 'skipped'),
    skip: () => prop(value, 'skipped'),
    succeeded: () => call('not', [prop(value, 'failed')], [], true),
    success: () => call('not', [prop(value, 'failed')], [], true),
  };
  const build = tests[bare];
  if (!build) throw new Untranslatable(`test "is ${name}" has no ferry form`);
  const yes = build();
  return negated ? call('not', [yes], [], true) : yes;
}
