// The files an ssh config `Include` names, as OpenSSH finds them: several patterns per line,
// `~` for the home dir, relative paths under ~/.ssh, `*` and `?` globs in the last part, matches
// in sorted order, a pattern that matches nothing skipped; nesting stops at OpenSSH's depth.
import { readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { FerryError } from '../errors.js';

const MAX_DEPTH = 16;

/** Absolute paths of the files `Include <value>` (written at `at`) reads, in order. */
export function includedFiles(value: string, at: string, depth: number): string[] {
  if (depth >= MAX_DEPTH) throw new FerryError(`ssh config ${at}: Include nested over ${MAX_DEPTH} deep (does a file include itself?)`);
  return value.split(/\s+/).filter(Boolean).flatMap((pattern) => expand(absolute(pattern), at));
}

function absolute(pattern: string): string {
  if (pattern === '~' || pattern.startsWith('~/')) return join(homedir(), pattern.slice(1));
  return isAbsolute(pattern) ? pattern : join(homedir(), '.ssh', pattern);
}

function expand(path: string, at: string): string[] {
  const dir = dirname(path);
  const name = basename(path);
  if (/[*?[]/.test(dir)) throw new FerryError(`ssh config ${at}: Include ${path}: ferry reads globs in the file name only, not in folders`);
  if (!/[*?]/.test(name)) return [path];
  const re = new RegExp(`^${name.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.filter((e) => re.test(e) && !e.startsWith('.')).sort().map((e) => join(dir, e));
}
