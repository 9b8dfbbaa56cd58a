// One play: its keywords, then pre_tasks, roles, tasks and post_tasks in Ansible's order (handlers
// flushed after pre_tasks and after the roles and tasks), handlers with the roles' own.
import { matchHosts } from '../plan/patterns.js';
import { KEYWORDS, inheritFrom, newTask, readPlayKeywords } from './keywords.js';
import { type RoleCollection, readRole, roleEntry } from './roles.js';
import { type TaskScan, collectSites, readTasks } from './task.js';
import { MAGIC_VARS } from './template-check.js';
import type { Inventory, Play, Task, Vars, VarsPrompt } from './types.js';
import { type TemplatedVars, addTemplatedVars } from './var-chains.js';
import { hostVars } from './vars.js';
import { diagnosticAt, keyPositionOf } from './yaml.js';

/** What reading a play needs besides the play itself. */
export interface PlayContext {
  inventory: Inventory;
  extraVars?: Vars;
  rolesPath?: string[];
  /** The folder of the file the play is in, and of the playbook run (they differ under import_playbook). */
  baseDir: string;
  topDir: string;
  /** Reads vars_files (the playbook's helper, so messages stay in one place). */
  varsFiles(scan: TaskScan, files: string[], path: (string | number)[]): Vars;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function list(v: unknown): string[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)];
}

const implicit = new WeakSet<Task>();

/** True for the handler flushes ferry adds after pre_tasks and before post_tasks (not listed, not shown). */
export function isImplicit(task: Task): boolean {
  return implicit.has(task);
}

// Ansible flushes handlers after pre_tasks and after roles + tasks; an always-tagged meta task does it here.
function flush(scan: TaskScan): Task {
  const task = newTask({ name: 'flush handlers', meta: 'flush_handlers', tags: ['always'], source: { file: scan.src.file, ...keyPositionOf(scan.src, []) } });
  implicit.add(task);
  return task;
}

function prompts(raw: unknown): VarsPrompt[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(isObject).map((p) => ({
    name: String(p.name),
    prompt: typeof p.prompt === 'string' ? p.prompt : String(p.name),
    private: p.private !== false,
    ...(p.default !== undefined ? { default: p.default } : {}),
  }));
}

/** Reads the play at index `i` (structure already checked); `known` is every variable its tasks may use. */
export function readPlay(scan: TaskScan, raw: Record<string, unknown>, i: number, ctx: PlayContext): { play: Play; known: Set<string>; templated: TemplatedVars } {
  const path = [i];
  const hosts = list(raw.hosts).join(',');
  const name = typeof raw.name === 'string' ? raw.name : hosts;
  const targeted = hosts.includes('{{') ? [...ctx.inventory.hosts.keys()] : matchHosts(ctx.inventory, hosts);
  if (targeted.length === 0 && raw.hosts !== undefined) {
    scan.diagnostics.push(diagnosticAt(scan.src, [...path, 'hosts'], `play '${name}': hosts pattern '${hosts}' matches no host in ${ctx.inventory.file}`));
  }
  const vars = isObject(raw.vars) ? raw.vars : {};
  const files = list(raw.vars_files);
  const fileVars = ctx.varsFiles(scan, files, [...path, 'vars_files']);
  const varsPrompt = prompts(raw.vars_prompt);
  const roles: RoleCollection = { rolesPath: ctx.rolesPath ?? [], playbookDir: ctx.baseDir, handlers: [], defaults: {}, vars: {}, seen: new Set() };
  const playScan: TaskScan = { ...scan, roles };
  const section = (key: string): Task[] => (Array.isArray(raw[key]) ? readTasks(playScan, raw[key] as unknown[], [...path, key]) : []);
  const pre = section('pre_tasks');
  const roleTasks: Task[] = [];
  (Array.isArray(raw.roles) ? raw.roles : []).forEach((r, j) => {
    const call = roleEntry(r);
    if (!call) scan.diagnostics.push(diagnosticAt(scan.src, [...path, 'roles', j], 'a role is a name or {role: name, ...}'));
    const task = call && readRole(playScan, roles, call, [...path, 'roles', j], readTasks);
    if (task) roleTasks.push(task);
  });
  const main = section('tasks');
  const post = section('post_tasks');
  const handlers = section('handlers');
  // Task keywords set on the play (environment, remote_user...) pass down as a block's would.
  const own = readPlayKeywords(raw);
  for (const k of KEYWORDS) if (k.play && k.template) collectSites(scan, raw[k.key], [...path, k.key], k.template, name);
  const down = (list: Task[]): Task[] => (Object.keys(own).length > 0 ? list.map((t) => (isImplicit(t) ? t : inheritFrom(own, t))) : list);
  const tasks = down([...pre, ...(pre.length > 0 ? [flush(scan)] : []), ...roleTasks, ...main, ...(post.length > 0 ? [flush(scan), ...post] : [])]);
  const known = new Set<string>([...MAGIC_VARS, ...Object.keys(vars), ...Object.keys(fileVars), ...varsPrompt.map((p) => p.name), ...Object.keys(ctx.extraVars ?? {})]);
  // With no host matched (already reported), judge variables against every host rather than none.
  const judged = targeted.length > 0 ? targeted : [...ctx.inventory.hosts.keys()];
  // Templated vars as each host sees them (vars files > play vars > inventory), for validate's var chains.
  const templated: TemplatedVars = new Map();
  const overridden = new Set(Object.keys(ctx.extraVars ?? {}));
  for (const h of judged) {
    const hv = hostVars(ctx.inventory, h);
    for (const k of Object.keys(hv)) known.add(k);
    addTemplatedVars(templated, { ...hv, ...vars, ...fileVars }, overridden);
  }
  if (judged.length === 0) addTemplatedVars(templated, { ...vars, ...fileVars }, overridden);
  const serial = raw.serial === undefined || raw.serial === null ? [] : Array.isArray(raw.serial) ? raw.serial : [raw.serial];
  const pos = keyPositionOf(scan.src, path);
  const play: Play = {
    name,
    hosts,
    vars,
    varsFiles: files,
    serial: serial as Array<number | string>,
    strategy: raw.strategy === 'free' ? 'free' : 'linear',
    ...(typeof raw.become === 'boolean' ? { become: raw.become } : {}),
    ...(typeof raw.become_user === 'string' ? { becomeUser: raw.become_user } : {}),
    anyErrorsFatal: raw.any_errors_fatal === true,
    ...(typeof raw.max_fail_percentage === 'number' ? { maxFailPercentage: raw.max_fail_percentage } : {}),
    gatherFacts: raw.gather_facts !== false,
    tags: list(raw.tags),
    tasks,
    handlers: down([...roles.handlers, ...handlers]),
    ...(Object.keys(roles.defaults).length > 0 ? { roleDefaults: roles.defaults } : {}),
    ...(Object.keys(roles.vars).length > 0 ? { roleVars: roles.vars } : {}),
    ...(varsPrompt.length > 0 ? { varsPrompt } : {}),
    ...(ctx.baseDir !== ctx.topDir ? { baseDir: ctx.baseDir } : {}),
    source: { file: scan.src.file, ...pos },
  };
  return { play, known, templated };
}
