// Serialisation as Ansible prints it: to_json is Python's json.dumps (", " and ": ", non-ASCII
// escaped), to_nice_json indents 4 with sorted keys, to_yaml/to_nice_yaml are PyYAML's dump
// (see pyyaml.ts); from_json/from_yaml parse; b64decode, hash and checksum.
import { createHash, getHashes } from 'node:crypto';
import { parse } from 'yaml';
import { withoutCycles } from '../acyclic.js';
import { type Helper, HelperError, named } from './named.js';
import { pyYaml } from './pyyaml.js';

const asciiOnly = (s: string): string => s.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Python's json.dumps: `indent` undefined gives one line with ", " and ": " separators. */
export function pyJson(value: unknown, indent?: number, sortKeys = false, level = 0): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  if (typeof value === 'string') return asciiOnly(JSON.stringify(value));
  if (typeof value !== 'object') return JSON.stringify(value);
  const entries: Array<[string | undefined, unknown]> = Array.isArray(value) ? value.map((v) => [undefined, v]) : Object.entries(value);
  if (!Array.isArray(value) && sortKeys) entries.sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0));
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) return open + close;
  const parts = entries.map(([k, v]) => (k === undefined ? '' : `${asciiOnly(JSON.stringify(k))}: `) + pyJson(v, indent, sortKeys, level + 1));
  if (indent === undefined) return open + parts.join(', ') + close;
  const pad = ' '.repeat(indent * (level + 1));
  return `${open}\n${pad}${parts.join(`,\n${pad}`)}\n${' '.repeat(indent * level)}${close}`;
}

function parseText(value: unknown, name: string, parser: (s: string) => unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return parser(value);
  } catch (err) {
    throw new HelperError(`${name}: ${(err as Error).message.split('\n')[0]}`);
  }
}

function digest(value: unknown, algorithm: string): string {
  if (!getHashes().includes(algorithm)) throw new HelperError(`unknown hash ${JSON.stringify(algorithm)} (e.g. sha1, sha256, sha512, md5)`);
  return createHash(algorithm).update(String(value)).digest('hex');
}

/** Encoding helpers. */
export const encodeHelpers: Record<string, Helper> = {
  to_json: (value: unknown) => pyJson(withoutCycles(value)),
  to_nice_json(value: unknown) {
    return pyJson(withoutCycles(value), Number(named(this, 'indent', 4)), true);
  },
  from_json: (value: unknown) => parseText(value, 'from_json', JSON.parse),
  to_yaml: (value: unknown) => pyYaml(withoutCycles(value), { flow: true, indent: 2 }),
  to_nice_yaml(value: unknown) {
    return pyYaml(withoutCycles(value), { flow: false, indent: Number(named(this, 'indent', 4)) });
  },
  from_yaml: (value: unknown) => parseText(value, 'from_yaml', (s) => parse(s, { maxAliasCount: 100 })),
  b64encode: (value: unknown) => Buffer.from(String(value)).toString('base64'),
  b64decode: (value: unknown) => Buffer.from(String(value), 'base64').toString('utf8'),
  hash: (value: unknown, algorithm: unknown = 'sha1') => digest(value, String(algorithm)),
  checksum: (value: unknown) => digest(value, 'sha1'),
  md5: (value: unknown) => digest(value, 'md5'),
};
