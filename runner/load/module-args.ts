// Module names and string arguments as Ansible writes them: `ansible.builtin.copy`, and
// free-form `k=v` text (`file: path=/x state=directory`, `command: ls chdir=/tmp`).
import type { Module } from '../modules/types.js';

import { COLLECTIONS } from './collections.js';

/** The ferry module a task key names (`copy`, `ansible.builtin.copy`), or undefined. */
export function moduleKeyOf(key: string, modules: ReadonlyMap<string, unknown>): string | undefined {
  if (modules.has(key)) return key;
  const prefix = COLLECTIONS.find((p) => key.startsWith(p));
  const short = prefix ? key.slice(prefix.length) : undefined;
  return short !== undefined && modules.has(short) ? short : undefined;
}

/** A word of `k=v` text and where it sits in the text. */
interface Word {
  text: string;
  start: number;
  end: number;
}

/** Splits `k=v` text into words as Ansible's split_args does: quotes group, `{{ }}` stays whole. */
export function splitArgs(text: string): string[] {
  return words(text).map((w) => w.text);
}

function words(text: string): Word[] {
  const out: Word[] = [];
  let word = '';
  let quote = '';
  let depth = 0;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (text.startsWith('{{', i)) depth++;
    if (text.startsWith('}}', i) && depth > 0) depth--;
    if (quote) {
      if (c === quote) quote = '';
      else word += c;
    } else if ((c === '"' || c === "'") && depth === 0) {
      quote = c;
      if (start < 0) start = i;
    } else if (/\s/.test(c) && depth === 0) {
      if (start >= 0) out.push({ text: word, start, end: i });
      word = '';
      start = -1;
    } else {
      word += c;
      if (start < 0) start = i;
    }
  }
  if (start >= 0) out.push({ text: word, start, end: text.length });
  return out;
}

const PAIR = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;

/** A `k=v` value typed as the module's schema declares it (port=2379 is a number, mode=0644 a string). */
export function typedArg(value: string, schema: unknown): unknown {
  const type = (schema as { type?: unknown } | undefined)?.type;
  const types = Array.isArray(type) ? type : [type];
  if (types.includes('string')) return value;
  if ((types.includes('integer') && /^-?\d+$/.test(value)) || (types.includes('number') && /^-?\d+(\.\d+)?$/.test(value))) return Number(value);
  if (types.includes('boolean') && /^(true|false|yes|no)$/i.test(value)) return /^(true|yes)$/i.test(value);
  return value;
}

function properties(module: Module): Record<string, unknown> {
  const props = module.argsSchema.properties;
  return props && typeof props === 'object' ? (props as Record<string, unknown>) : {};
}

/** A module's string value as arguments, or a message saying why it cannot be. */
export function parseModuleString(text: string, module: Module): Record<string, unknown> | string {
  const props = properties(module);
  const all = words(text);
  const allPairs = all.length > 0 && all.every((w) => PAIR.test(w.text) && w.text.split('=')[0]! in props);
  if (module.freeForm && !allPairs) {
    // Ansible takes the module's own `k=v` options out of the command line (`chdir=/tmp`); the rest is the command.
    const key = (w: Word): string => w.text.split('=')[0]!;
    const named = all.filter((w) => PAIR.test(w.text) && key(w) !== module.freeForm && key(w) in props);
    const options = Object.fromEntries(named.map((w) => [key(w), typedArg(w.text.slice(w.text.indexOf('=') + 1), props[key(w)])]));
    let rest = text;
    for (const w of [...named].reverse()) rest = `${rest.slice(0, w.start).trimEnd()} ${rest.slice(w.end).trimStart()}`;
    const cmd = rest.trim();
    return cmd === '' ? options : { [module.freeForm]: cmd, ...options };
  }
  const bad = all.map((w) => w.text).find((w) => !PAIR.test(w));
  if (bad !== undefined) return `module '${module.name}' takes key=value arguments (e.g. ${module.name}: name=x state=y) or a mapping; '${bad}' is not key=value`;
  return Object.fromEntries(all.map((w) => {
    const [, k, v] = PAIR.exec(w.text)!;
    return [k!, typedArg(v!, props[k!])];
  }));
}
