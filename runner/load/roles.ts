// Roles in Ansible's layout: tasks/, handlers/, defaults/, vars/, meta/ dependencies, templates/
// and files/. A role becomes a block of its tasks carrying the keywords it was called with, so the
// keyword table's inheritance applies; its handlers join the play's, its defaults and vars the play's.
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { KEYWORD_BY_KEY, readKeywords } from './keywords.js';
import type { TaskScan } from './task.js';
import type { Task, Vars } from './types.js';
import { type YamlPath, type YamlSource, diagnosticAt, keyPositionOf, readYaml } from './yaml.js';

/** What a play collects from the roles it uses. */
export interface RoleCollection {
  /** Directories searched for a role by name, after `roles/` beside the playbook. */
  rolesPath: string[];
  playbookDir: string;
  handlers: Task[];
  /** Every role's defaults (lowest precedence) and vars (above vars_files), merged in load order. */
  defaults: Vars;
  vars: Vars;
  /** Roles already added to this play by `roles:` or a dependency (name + params), run once. */
  seen: Set<string>;
}

/** How a role is called: by `roles:`, a dependency, `import_role` or `include_role`. */
export interface RoleCall {
  name: string;
  /** Keywords (when, tags, become, vars...) for every task of the role. */
  keywords: Record<string, unknown>;
  /** Role parameters: vars for the role's tasks. */
  params: Vars;
  tasksFrom?: string;
  /** `roles:` and dependencies run a role once per play; imports always run it. */
  once: boolean;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A `roles:` or `dependencies:` entry: a name, or `{role: name, <keywords>, <params>}`. */
export function roleEntry(raw: unknown): RoleCall | undefined {
  if (typeof raw === 'string') return { name: raw, keywords: {}, params: {}, once: true };
  if (!isObject(raw)) return undefined;
  const name = raw.role ?? raw.name;
  if (typeof name !== 'string') return undefined;
  const keywords: Record<string, unknown> = {};
  const params: Vars = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k === 'role' || k === 'name') continue;
    if (KEYWORD_BY_KEY.has(k)) keywords[k] = v;
    else params[k] = v;
  }
  return { name, keywords, params, once: true };
}

/** The role's folder: `roles/NAME` beside the playbook, then the roles path, then beside the playbook. */
export function findRole(roles: RoleCollection, name: string): { dir?: string; looked: string[] } {
  const looked = isAbsolute(name) ? [name] : [join(roles.playbookDir, 'roles', name), ...roles.rolesPath.map((p) => resolve(p, name)), join(roles.playbookDir, name)];
  return { dir: looked.find((d) => existsSync(d) && statSync(d).isDirectory()), looked };
}

/** `main.yml` (or `.yaml`, or no extension) of a role's sub-folder, or the named file in it. */
function roleFile(dir: string, sub: string, base = 'main'): string | undefined {
  return [base, `${base}.yml`, `${base}.yaml`].map((f) => join(dir, sub, f)).find((f) => existsSync(f) && statSync(f).isFile());
}

// A role's YAML file as data; problems become diagnostics.
function readData(scan: TaskScan, file: string): { src: YamlSource; data: unknown } | undefined {
  const src = readYaml(file);
  if (src.diagnostics.length > 0) {
    scan.diagnostics.push(...src.diagnostics);
    return undefined;
  }
  return { src, data: src.doc.toJS() as unknown };
}

function readVarsFile(scan: TaskScan, file: string | undefined): Vars {
  if (!file) return {};
  const read = readData(scan, file);
  if (!read || read.data === null || read.data === undefined) return {};
  if (isObject(read.data)) return read.data;
  scan.diagnostics.push({ file, line: 1, col: 1, message: 'a role vars file must hold a mapping' });
  return {};
}

type ReadTasks = (scan: TaskScan, raws: unknown[], path: YamlPath) => Task[];

// A role's tasks or handlers file read as tasks, with names shown as Ansible does ("role : task").
function readRoleTasks(scan: TaskScan, readTasks: ReadTasks, dir: string, role: string, file: string | undefined): Task[] {
  if (!file) return [];
  const read = readData(scan, file);
  if (!read || read.data === null || read.data === undefined) return [];
  if (!Array.isArray(read.data)) {
    scan.diagnostics.push({ file, line: 1, col: 1, message: `role '${role}': ${file} must hold a list of tasks` });
    return [];
  }
  return readTasks({ ...scan, src: read.src, baseDir: dir, role, importStack: [resolve(file)] }, read.data, []);
}

/** Reads a role called at `path` in `scan.src` into one block task (dependencies first); undefined when it cannot run. */
export function readRole(scan: TaskScan, roles: RoleCollection, call: RoleCall, path: YamlPath, readTasks: ReadTasks, depth = 0): Task | undefined {
  const { dir, looked } = findRole(roles, call.name);
  if (!dir) {
    scan.diagnostics.push(diagnosticAt(scan.src, path, `role '${call.name}' not found (looked in ${looked.join(', ')})`));
    return undefined;
  }
  const key = `${dir}\n${JSON.stringify(call.params)}`;
  const metaFile = roleFile(dir, 'meta');
  const meta = metaFile ? readData(scan, metaFile) : undefined;
  const metaData = meta && isObject(meta.data) ? meta.data : {};
  if (call.once && roles.seen.has(key) && metaData.allow_duplicates !== true) return undefined;
  roles.seen.add(key);
  if (depth > 20) {
    scan.diagnostics.push(diagnosticAt(scan.src, path, `role '${call.name}': dependencies nest too deep (a cycle?)`));
    return undefined;
  }
  const deps: Task[] = [];
  const depList = Array.isArray(metaData.dependencies) ? metaData.dependencies : [];
  depList.forEach((d, i) => {
    const dep = roleEntry(d);
    if (!dep || !meta) {
      if (meta) scan.diagnostics.push(diagnosticAt(meta.src, ['dependencies', i], `role '${call.name}': a dependency is a role name or {role: name, ...}`));
      return;
    }
    const task = readRole({ ...scan, src: meta.src }, roles, dep, ['dependencies', i], readTasks, depth + 1);
    if (task) deps.push(task);
  });
  Object.assign(roles.defaults, readVarsFile(scan, roleFile(dir, 'defaults')));
  const vars = readVarsFile(scan, roleFile(dir, 'vars'));
  Object.assign(roles.vars, vars);
  for (const k of [...Object.keys(roles.defaults), ...Object.keys(vars), ...Object.keys(call.params)]) scan.defined.add(k);
  const tasksFile = call.tasksFrom ? roleFile(dir, 'tasks', call.tasksFrom) : roleFile(dir, 'tasks');
  if (call.tasksFrom && !tasksFile) scan.diagnostics.push(diagnosticAt(scan.src, path, `role '${call.name}': tasks_from '${call.tasksFrom}' not found in ${join(dir, 'tasks')}`));
  const tasks = readRoleTasks(scan, readTasks, dir, call.name, tasksFile);
  for (const h of readRoleTasks(scan, readTasks, dir, call.name, roleFile(dir, 'handlers'))) {
    roles.handlers.push({ ...h, listen: [...h.listen, h.name.replace(`${call.name} : `, '')] });
  }
  const fields = readKeywords(call.keywords);
  const pos = keyPositionOf(scan.src, path);
  return {
    ...(fields as Task),
    name: `role ${call.name}`,
    vars: { ...fields.vars, ...call.params },
    block: [...deps, ...tasks],
    rescue: [],
    always: [],
    source: { file: scan.src.file, ...pos },
  };
}
