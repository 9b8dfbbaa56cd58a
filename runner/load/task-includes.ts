// Tasks that bring in other tasks: import_tasks and import_role (static: inlined at load, as a
// block carrying their keywords), include_tasks and include_role (dynamic: read at load for
// validation, run per host when their `when` holds, once per `loop` item), and `meta`.
import { KEYWORD_BY_KEY, readKeywords } from './keywords.js';
import { readImport } from './import-tasks.js';
import { readRole } from './roles.js';
import { type TaskScan, collectSites } from './task.js';
import type { Task } from './types.js';
import { type YamlPath, diagnosticAt, keyPositionOf } from './yaml.js';

type ReadTasks = (scan: TaskScan, raws: unknown[], path: YamlPath) => Task[];

/** The keys that make a task an include; `include` is Ansible's removed form, refused with a hint. */
export const INCLUDE_KINDS = ['import_tasks', 'include_tasks', 'import_role', 'include_role', 'meta'] as const;
type Kind = (typeof INCLUDE_KINDS)[number];

/** What `meta:` can do in ferry. */
export const META_ACTIONS = ['flush_handlers', 'end_play', 'end_host', 'end_batch', 'refresh_inventory', 'noop'];

/** Keywords an import cannot take: they would apply to the import, which has no run of its own. */
const NOT_ON_IMPORT = ['loop', 'loop_control', 'register', 'until', 'retries', 'delay', 'notify', 'listen', 'changed_when', 'failed_when'];

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The include kind of a raw task, if it is one. */
export function includeKind(raw: Record<string, unknown>): Kind | undefined {
  return INCLUDE_KINDS.find((k) => k in raw);
}

// The task's other keys must be task keywords (an import takes fewer).
function checkKeys(scan: TaskScan, raw: Record<string, unknown>, path: YamlPath, kind: Kind): Record<string, unknown> {
  const keywords: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k === kind) continue;
    const refused = !KEYWORD_BY_KEY.has(k) || ['block', 'rescue', 'always', 'args'].includes(k) || (kind.startsWith('import') && NOT_ON_IMPORT.includes(k));
    if (refused) scan.diagnostics.push(diagnosticAt(scan.src, [...path, k], `${kind}: '${k}' is not allowed here${kind.startsWith('import') && NOT_ON_IMPORT.includes(k) ? ` (use include_${kind.slice(7)} for a dynamic ${kind.slice(7) === 'role' ? 'role' : 'file'})` : ''}`, 'key'));
    else keywords[k] = v;
  }
  return keywords;
}

function wrapper(scan: TaskScan, keywords: Record<string, unknown>, path: YamlPath, name: string, body: Partial<Task>): Task {
  const pos = keyPositionOf(scan.src, path);
  return { ...(readKeywords(keywords) as Task), name: typeof keywords.name === 'string' ? keywords.name : name, ...body, source: { file: scan.src.file, ...pos } };
}

// include_tasks FILE / import_tasks FILE (or `file:` in a mapping).
function readFileTasks(scan: TaskScan, raw: Record<string, unknown>, path: YamlPath, kind: 'import_tasks' | 'include_tasks', readTasks: ReadTasks): Task[] | undefined {
  const value = isObject(raw[kind]) ? (raw[kind] as Record<string, unknown>).file : raw[kind];
  const imported = readImport(scan, value, path, kind);
  if (!imported) return undefined;
  return readTasks({ ...scan, src: imported.src, importStack: imported.stack }, imported.tasks, []);
}

// import_role / include_role: `name`, `tasks_from`; the role as a block.
function readRoleCall(scan: TaskScan, raw: Record<string, unknown>, path: YamlPath, kind: 'import_role' | 'include_role', readTasks: ReadTasks): Task | undefined {
  const spec = raw[kind];
  if (!isObject(spec) || typeof spec.name !== 'string') {
    scan.diagnostics.push(diagnosticAt(scan.src, [...path, kind], `${kind}: give the role as {name: ROLE}`));
    return undefined;
  }
  for (const k of Object.keys(spec).filter((k) => !['name', 'tasks_from'].includes(k))) {
    scan.diagnostics.push(diagnosticAt(scan.src, [...path, kind, k], `${kind}: '${k}' is not supported by ferry (name and tasks_from are)`, 'key'));
  }
  if (!scan.roles) {
    scan.diagnostics.push(diagnosticAt(scan.src, [...path, kind], `${kind}: roles can only be used in a playbook`));
    return undefined;
  }
  const call = { name: spec.name, keywords: {}, params: {}, once: false, ...(typeof spec.tasks_from === 'string' ? { tasksFrom: spec.tasks_from } : {}) };
  return readRole(scan, scan.roles, call, [...path, kind], readTasks);
}

/** Reads an include, import or meta task into the tasks it stands for (an import may stand for none). */
export function readInclude(scan: TaskScan, raw: Record<string, unknown>, path: YamlPath, kind: Kind, readTasks: ReadTasks): Task[] {
  const keywords = checkKeys(scan, raw, path, kind);
  const fields = readKeywords(keywords);
  const name = typeof keywords.name === 'string' ? keywords.name : kind;
  for (const k of ['when', 'loop', 'vars', 'name']) collectSites(scan, keywords[k], [...path, k], k === 'when' ? 'condition' : 'value', name);
  if (fields.register) scan.defined.add(fields.register);
  if (fields.loop !== undefined) scan.defined.add(fields.loopVar ?? 'item');
  Object.keys(fields.vars ?? {}).forEach((k) => scan.defined.add(k));
  if (kind === 'meta') {
    const action = String(raw.meta);
    if (!META_ACTIONS.includes(action)) scan.diagnostics.push(diagnosticAt(scan.src, [...path, 'meta'], `meta: '${action}' is not supported by ferry (one of: ${META_ACTIONS.join(', ')})`));
    return [wrapper(scan, keywords, path, `meta: ${action}`, { meta: action })];
  }
  const label = kind.endsWith('role') ? String(isObject(raw[kind]) ? (raw[kind] as Record<string, unknown>).name : raw[kind]) : String(raw[kind]);
  const body = kind === 'import_tasks' || kind === 'include_tasks' ? readFileTasks(scan, raw, path, kind, readTasks) : [readRoleCall(scan, raw, path, kind, readTasks)].filter((t): t is Task => !!t);
  if (!body) return [];
  if (kind.startsWith('include')) return [wrapper(scan, keywords, path, `${kind}: ${label}`, { included: body, includes: kind === 'include_role' ? 'role' : 'tasks' })];
  if (Object.keys(keywords).filter((k) => k !== 'name').length === 0) return body;
  return [wrapper(scan, keywords, path, `${kind}: ${label}`, { block: body, rescue: [], always: [] })];
}
