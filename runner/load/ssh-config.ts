// The OpenSSH client config (~/.ssh/config, --ssh-config, ssh_config_file), parsed with the
// `ssh-config` package: for a host, the first value of each option among the blocks that match it
// (IdentityFile accumulates), as ssh does, each with the file and line it was set on. `Include`
// is read where it stands; `Match` is read for `all`, `host` and `originalhost` and refused,
// with its location, for any other criterion rather than silently skipped.
import { readFileSync, statSync } from 'node:fs';
import SSHConfig, { type Line, type Section } from 'ssh-config';
import { FerryError } from '../errors.js';
import { includedFiles } from './ssh-config-include.js';

/** Options of one host: lower-case option name → its value(s), its name as written and where it was set. */
export type HostSshConfig = Map<string, { value: string; values: string[]; origin: string; option: string }>;

/** One option line, with the blocks it sits under: every group of patterns must match the host. */
interface Entry {
  param: string;
  value: string;
  at: string;
  patterns: string[][];
  header: string;
}

const cache = new Map<string, Entry[] | null>();
const MATCH_CRITERIA = new Set(['all', 'host', 'originalhost']);

/** The options `file` sets for `host` (empty when the file does not exist and `required` is false). */
export function sshConfigFor(file: string, host: string, required: boolean): HostSshConfig {
  const out: HostSshConfig = new Map();
  for (const { param, value, at, patterns, header } of load(file, required) ?? []) {
    if (!patterns.every((p) => hostMatches(p, host))) continue;
    const key = param.toLowerCase();
    const seen = out.get(key);
    if (!seen) out.set(key, { value, values: [value], option: param, origin: `${at} (${header})` });
    else if (key === 'identityfile') seen.values.push(value);
  }
  return out;
}

/** OpenSSH's Host matching: any pattern matches (`*`, `?`) and no negated one does. */
export function hostMatches(patterns: string[], host: string): boolean {
  let matched = false;
  for (const p of patterns) {
    const negated = p.startsWith('!');
    const re = new RegExp(`^${(negated ? p.slice(1) : p).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
    if (re.test(host)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

function load(file: string, required: boolean): Entry[] | null {
  if (cache.has(file)) return cache.get(file)!;
  const text = readText(file, required);
  const entries = text === null ? null : parse(text, file, [], 'top of file', 0);
  cache.set(file, entries);
  return entries;
}

function readText(file: string, required: boolean): string | null {
  try {
    if (statSync(file).size > 1 << 20) throw new FerryError(`ssh config ${file} is over 1 MiB`);
    return readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof FerryError) throw err;
    if (!required && (err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new FerryError(`cannot read ssh config ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

const valueOf = (l: Line & { value: unknown }): string =>
  typeof l.value === 'string' ? l.value : (l.value as Array<{ val: string }>).map((v) => v.val).join(' ');

// The library keeps no positions: its directives map one to one, in order, onto the lines that are
// neither blank nor comments. An included file reads as if written in place, under the block that
// includes it (OpenSSH: a Host block inside it applies only where the including block does).
function parse(text: string, file: string, outer: string[][], outerHeader: string, depth: number): Entry[] {
  const lineNumbers = text.split('\n').flatMap((l, i) => (/^\s*(#|$)/.test(l) ? [] : [i + 1]));
  let n = 0;
  const out: Entry[] = [];
  const add = (l: Line, patterns: string[][], header: string): void => {
    if (!('param' in l)) return;
    const at = `${file}:${lineNumbers[n++] ?? 0}`;
    if (l.param.toLowerCase() !== 'include') return void out.push({ param: l.param, value: valueOf(l), at, patterns, header });
    for (const f of includedFiles(valueOf(l), at, depth)) out.push(...parse(readText(f, false) ?? '', f, patterns, header, depth + 1));
  };
  for (const l of SSHConfig.parse(text) as unknown as Line[]) {
    if (!('param' in l) || !('config' in l)) {
      add(l, outer, outerHeader);
      continue;
    }
    const section = l as Section;
    const at = `${file}:${lineNumbers[n++] ?? 0}`;
    const words = valueOf(section).split(/\s+/).filter(Boolean);
    const own = section.param.toLowerCase() === 'host' ? [words] : matchPatterns(words, at);
    for (const option of section.config as unknown as Line[]) add(option, [...outer, ...own], `${section.param} ${words.join(' ')}`);
  }
  return out;
}

// `Match all`, `Match host a,b`, `Match originalhost a` as Host patterns (ferry matches the
// name it is given, which is both); any other criterion is refused where it is written.
function matchPatterns(words: string[], at: string): string[][] {
  const patterns: string[][] = [];
  for (let i = 0; i < words.length; i++) {
    const criterion = words[i]!.toLowerCase();
    if (!MATCH_CRITERIA.has(criterion)) {
      throw new FerryError(`ssh config ${at}: Match ${words[i]} is not supported by ferry (only Match all, host, originalhost); write a Host block instead`);
    }
    if (criterion === 'all') patterns.push(['*']);
    else patterns.push((words[++i] ?? '').split(','));
  }
  return patterns;
}
