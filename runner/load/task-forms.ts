// Older Ansible spellings rewritten to the keywords they stand for, before a task is read:
// `local_action:` / `action:` (a module named inside), `with_items` / `with_list` / `with_dict` /
// `with_fileglob` (a loop whose items are shaped at run time, see execute/loop-items.ts).
import type { Task } from './types.js';

/** How a `with_*` loop turns its value into items. */
export const WITH_LOOPS: Record<string, NonNullable<Task['loopKind']> | 'list'> = {
  with_items: 'items',
  with_list: 'list',
  with_dict: 'dict',
  with_fileglob: 'fileglob',
};

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

// `local_action: copy src=a dest=b` or `local_action: {module: copy, src: a}`.
function actionForm(value: unknown): Record<string, unknown> | undefined {
  if (typeof value === 'string') {
    const m = /^\s*(\S+)\s*([\s\S]*)$/.exec(value);
    return m ? { [m[1]!]: m[2] === '' ? null : m[2] } : undefined;
  }
  if (isObject(value) && typeof value.module === 'string') {
    const { module, ...args } = value;
    return { [module]: args };
  }
  return undefined;
}

/** The raw task with old forms rewritten, and the loop kind a `with_*` key asks for. */
export function normalizeTask(raw: Record<string, unknown>): { raw: Record<string, unknown>; loopKind?: Task['loopKind'] } {
  let out = raw;
  for (const key of ['local_action', 'action']) {
    if (!(key in out)) continue;
    const form = actionForm(out[key]);
    if (!form) continue;
    const { [key]: _, ...rest } = out;
    out = { ...rest, ...form, ...(key === 'local_action' ? { delegate_to: 'localhost' } : {}) };
  }
  const withKey = Object.keys(WITH_LOOPS).find((k) => k in out);
  if (!withKey || 'loop' in out) return { raw: out };
  const { [withKey]: value, ...rest } = out;
  const kind = WITH_LOOPS[withKey]!;
  return { raw: { ...rest, loop: value }, ...(kind === 'list' ? {} : { loopKind: kind }) };
}
