// One task of a playbook: find its module, check its keys and arguments, and turn it into a Task.
import type { Diagnostic } from '../errors.js';
import type { Module } from '../modules/types.js';
import { ajvDiagnostics, validator } from './schemas/ajv.js';
import { taskKeywords } from './schemas/playbook.js';
import { isImport, readImport } from './import-tasks.js';
import { closest } from './suggest.js';
import type { Task } from './types.js';
import { type YamlPath, type YamlSource, diagnosticAt, keyPositionOf } from './yaml.js';

const KEYWORDS = new Set(Object.keys(taskKeywords));
const CONDITION_KEYS = ['when', 'until', 'changed_when', 'failed_when'];

/** A string that will be templated, and where it sits, for the checks done per play. */
export interface TemplateSite {
  path: YamlPath;
  source: string;
  /** `condition`: a bare Handlebars expression is allowed (`eq a 1`). */
  kind: 'value' | 'condition';
  task: string;
  /** The file the site is in (an imported task file); the playbook when absent. */
  src?: YamlSource;
}

/** What reading tasks collects besides the tasks themselves. */
export interface TaskScan {
  src: YamlSource;
  modules: ReadonlyMap<string, Module>;
  diagnostics: Diagnostic[];
  sites: TemplateSite[];
  /** Names a task defines for later ones: register, set_fact keys, loop vars, task vars. */
  defined: Set<string>;
  /** `template` tasks' `src`, for the template file checks. */
  templateFiles: Array<{ src: string; path: YamlPath; task: string; file?: YamlSource }>;
  /** Files being imported (import_tasks), outermost first, to refuse cycles. */
  importStack?: string[];
}

function list(v: unknown): string[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)];
}

function conditions(v: unknown): string[] {
  return v === undefined || v === null ? [] : (Array.isArray(v) ? v : [v]).map((c) => (typeof c === 'boolean' ? String(c) : String(c)));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Collects template strings under `value` (deeply) as sites of `kind`. */
function collectSites(scan: TaskScan, value: unknown, path: YamlPath, kind: TemplateSite['kind'], task: string): void {
  if (typeof value === 'string') {
    if (kind === 'condition' || value.includes('{{')) scan.sites.push({ path, source: value, kind, task, src: scan.src });
  } else if (Array.isArray(value)) value.forEach((v, i) => collectSites(scan, v, [...path, i], kind, task));
  else if (isObject(value)) for (const [k, v] of Object.entries(value)) collectSites(scan, v, [...path, k], kind, task);
}

/** The module arguments of a task: free-form string, mapping, and Ansible's `args:` merged. */
function moduleArgs(scan: TaskScan, mod: Module, raw: Record<string, unknown>, path: YamlPath, label: string): Record<string, unknown> {
  const value = raw[mod.name];
  let args: Record<string, unknown> = {};
  if (typeof value === 'string' && mod.freeForm) args = { [mod.freeForm]: value };
  else if (isObject(value)) args = { ...value };
  else if (value !== null && value !== undefined) {
    scan.diagnostics.push(diagnosticAt(scan.src, [...path, mod.name], `${label}: module '${mod.name}' takes a mapping of arguments, not ${typeof value === 'string' ? 'a string' : typeof value}`));
  }
  if (isObject(raw.args)) args = { ...raw.args, ...args };
  const validate = validator(mod.argsSchema);
  if (!validate(args)) {
    // A templated value's type is only known per host at run time: do not judge it here.
    const errors = (validate.errors ?? []).filter((e) => !(typeof e.data === 'string' && e.data.includes('{{')));
    for (const d of ajvDiagnostics(scan.src, errors, [...path, mod.name])) scan.diagnostics.push({ ...d, message: `${label}: ${mod.name}: ${d.message}` });
  }
  return args;
}

/** Reads the task at `path` (its structure already checked by the schema). */
export function readTask(scan: TaskScan, raw: Record<string, unknown>, path: YamlPath): Task {
  const others = Object.keys(raw).filter((k) => !KEYWORDS.has(k));
  const found = others.filter((k) => scan.modules.has(k));
  const isBlock = Array.isArray(raw.block);
  const name = typeof raw.name === 'string' ? raw.name : (found[0] ?? (isBlock ? 'block' : 'task'));
  const label = `task '${name}'`;
  for (const key of others.filter((k) => !scan.modules.has(k))) {
    const guess = closest(key, [...scan.modules.keys(), ...KEYWORDS]);
    const hint = guess ? ` (did you mean '${guess}'?)` : '';
    const what = (guess && KEYWORDS.has(guess)) || found.length > 0 || isBlock ? 'key' : 'module';
    scan.diagnostics.push(diagnosticAt(scan.src, [...path, key], `${label}: unknown ${what} '${key}'${hint}`, 'key'));
  }
  if (found.length > 1) scan.diagnostics.push(diagnosticAt(scan.src, [...path, found[1]], `${label}: a task runs one module, found ${found.join(', ')}`, 'key'));
  if (found.length > 0 && isBlock) scan.diagnostics.push(diagnosticAt(scan.src, [...path, 'block'], `${label}: a block cannot also run a module`, 'key'));
  if (found.length === 0 && !isBlock && others.length === 0) scan.diagnostics.push({ file: scan.src.file, ...keyPositionOf(scan.src, path), message: `${label}: no module given` });

  const mod = found.length > 0 ? scan.modules.get(found[0]) : undefined;
  const args = mod ? moduleArgs(scan, mod, raw, path, label) : undefined;
  if (mod) collectSites(scan, args, [...path, mod.name], mod.name === 'assert' ? 'value' : 'value', name);
  if (mod?.name === 'assert' && isObject(args)) collectSites(scan, args.that, [...path, mod.name, 'that'], 'condition', name);
  if (mod?.name === 'set_fact' && isObject(args)) Object.keys(args).forEach((k) => scan.defined.add(k));
  // `debug: var:` reads a variable by its plain name: recorded so lazy facts see it (no template to check).
  if (mod?.name === 'debug' && isObject(args) && typeof args.var === 'string') scan.sites.push({ path: [...path, mod.name, 'var'], source: args.var, kind: 'value', task: name, src: scan.src });
  if (mod?.name === 'template' && isObject(args) && typeof args.src === 'string') scan.templateFiles.push({ src: args.src, path: [...path, mod.name, 'src'], task: name, file: scan.src });
  for (const key of CONDITION_KEYS) collectSites(scan, raw[key], [...path, key], 'condition', name);
  for (const key of ['name', 'loop', 'delegate_to', 'vars']) collectSites(scan, raw[key], [...path, key], 'value', name);

  const loopControl = isObject(raw.loop_control) ? raw.loop_control : {};
  const loopVar = typeof loopControl.loop_var === 'string' ? loopControl.loop_var : 'item';
  if (typeof raw.register === 'string') scan.defined.add(raw.register);
  if (raw.loop !== undefined) scan.defined.add(loopVar);
  if (isObject(raw.vars)) Object.keys(raw.vars).forEach((k) => scan.defined.add(k));

  const sub = (key: 'block' | 'rescue' | 'always'): Task[] | undefined =>
    Array.isArray(raw[key]) ? readTasks(scan, raw[key] as unknown[], [...path, key]) : undefined;
  const pos = keyPositionOf(scan.src, path);
  return {
    name,
    ...(mod ? { module: mod.name, args } : {}),
    ...(isBlock ? { block: sub('block'), rescue: sub('rescue'), always: sub('always') } : {}),
    when: conditions(raw.when),
    ...(typeof raw.register === 'string' ? { register: raw.register } : {}),
    ...(raw.loop !== undefined ? { loop: raw.loop } : {}),
    loopVar,
    ...(raw.until !== undefined ? { until: String(raw.until) } : {}),
    retries: typeof raw.retries === 'number' ? raw.retries : raw.until !== undefined ? 3 : 0,
    delay: typeof raw.delay === 'number' ? raw.delay : 5,
    ...(typeof raw.delegate_to === 'string' ? { delegateTo: raw.delegate_to } : {}),
    runOnce: raw.run_once === true,
    ignoreErrors: raw.ignore_errors === true,
    ...(raw.changed_when !== undefined ? { changedWhen: String(raw.changed_when) } : {}),
    ...(raw.failed_when !== undefined ? { failedWhen: String(raw.failed_when) } : {}),
    notify: list(raw.notify),
    tags: list(raw.tags),
    noLog: raw.no_log === true,
    ...(typeof raw.check_mode === 'boolean' ? { checkMode: raw.check_mode } : {}),
    ...(typeof raw.become === 'boolean' ? { become: raw.become } : {}),
    ...(typeof raw.become_user === 'string' ? { becomeUser: raw.become_user } : {}),
    listen: list(raw.listen),
    vars: isObject(raw.vars) ? raw.vars : {},
    source: { file: scan.src.file, line: pos.line, col: pos.col },
  };
}

/** Reads a list of tasks at `path`, inlining `import_tasks` files where they stand. */
export function readTasks(scan: TaskScan, raws: unknown[], path: YamlPath): Task[] {
  const out: Task[] = [];
  raws.forEach((t, i) => {
    const raw = isObject(t) ? t : {};
    if (!isImport(raw)) {
      out.push(readTask(scan, raw, [...path, i]));
      return;
    }
    const imported = readImport(scan, raw, [...path, i]);
    if (!imported) return;
    const sub: TaskScan = { ...scan, src: imported.src, importStack: imported.stack };
    out.push(...readTasks(sub, imported.tasks, []));
  });
  return out;
}
