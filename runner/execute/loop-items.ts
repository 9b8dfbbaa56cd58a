// The items of a `with_*` loop from its evaluated value, as Ansible's lookups give them:
// with_items flattens one level, with_dict gives {key, value} pairs, with_fileglob the matching
// files on the control machine (relative patterns from files/ of the role or playbook, then the folder).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import type { Task } from '../load/types.js';

function globFiles(pattern: string, baseDir: string): string[] {
  const dirs = isAbsolute(pattern) ? [dirname(pattern)] : [join(baseDir, 'files', dirname(pattern)), join(baseDir, dirname(pattern))];
  const body = basename(pattern).replace(/[.+^${}()|\\]/g, '\\$&').replaceAll('*', '.*').replaceAll('?', '.');
  const re = new RegExp(`^${body}$`);
  const dir = dirs.find((d) => existsSync(d));
  if (!dir) return [];
  return readdirSync(dir).filter((f) => re.test(f) && statSync(join(dir, f)).isFile()).sort().map((f) => join(dir, f));
}

/** The items to loop over; a string message when the value does not fit the loop's kind. */
export function loopItems(task: Task, value: unknown, baseDir: string): unknown[] | string {
  switch (task.loopKind) {
    case 'items':
      return (Array.isArray(value) ? value : [value]).flatMap((v) => (Array.isArray(v) ? v : [v]));
    case 'dict':
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return `with_dict expects a mapping, got ${Array.isArray(value) ? 'a list' : typeof value}`;
      return Object.entries(value).map(([key, v]) => ({ key, value: v }));
    case 'fileglob':
      return (Array.isArray(value) ? value : [value]).flatMap((p) => globFiles(String(p), task.baseDir ?? baseDir));
    default:
      return Array.isArray(value) ? value : `loop must be a list, got ${typeof value}`;
  }
}
