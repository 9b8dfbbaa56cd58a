// One task of a playbook: find its module, check its keys and arguments, and turn it into a Task.
import type { Diagnostic } from '../errors.js';
import { writtenArgsErrors } from '../modules/args.js';
import { rawArgNames, type Module } from '../modules/types.js';
import { ajvDiagnostics } from './schemas/ajv.js';
import { KEYWORDS, KEYWORD_BY_KEY, UNSUPPORTED_KEYWORDS, readKeywords } from './keywords.js';
import { moduleKeyOf, parseModuleString } from './module-args.js';
import type { RoleCollection } from './roles.js';
import { closest } from './suggest.js';
import { normalizeTask } from './task-forms.js';
import { includeKind, readInclude } from './task-includes.js';
import type { Task } from './types.js';
import { type YamlPath, type YamlSource, diagnosticAt, keyPositionOf, positionOf } from './yaml.js';


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
  /** `template` tasks' `src`, for the template file checks (`baseDir`: a role's folder). */
  templateFiles: Array<{ src: string; path: YamlPath; task: string; file?: YamlSource; baseDir?: string }>;
  /** Inside a role: its name (tasks show as "role : task") and folder (templates/, files/). */
  role?: string;
  baseDir?: string;
  /** The play's roles: where to find them, and their handlers, defaults and vars. */
  roles?: RoleCollection;
  /** Files being imported (import_tasks), outermost first, to refuse cycles. */
  importStack?: string[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Collects template strings under `value` (deeply) as sites of `kind`. */
export function collectSites(scan: TaskScan, value: unknown, path: YamlPath, kind: TemplateSite['kind'], task: string): void {
  if (typeof value === 'string') {
    if (kind === 'condition' || value.includes('{{')) scan.sites.push({ path, source: value, kind, task, src: scan.src });
  } else if (Array.isArray(value)) value.forEach((v, i) => collectSites(scan, v, [...path, i], kind, task));
  else if (isObject(value)) for (const [k, v] of Object.entries(value)) collectSites(scan, v, [...path, k], kind, task);
}

/** Where each top-level argument is written, for errors found after templating. */
type ArgPositions = Record<string, { line: number; col: number }>;

/** The module arguments of a task: free-form or `k=v` string, mapping, and Ansible's `args:` merged;
 * checked against the module's schema, values still to be templated left to the run. */
function moduleArgs(scan: TaskScan, mod: Module, key: string, raw: Record<string, unknown>, path: YamlPath, label: string): { args: Record<string, unknown>; positions: ArgPositions } {
  const value = raw[key];
  let args: Record<string, unknown> = {};
  const positions: ArgPositions = {};
  if (typeof value === 'string') {
    const parsed = parseModuleString(value, mod);
    if (typeof parsed === 'string') scan.diagnostics.push(diagnosticAt(scan.src, [...path, key], `${label}: ${parsed}`));
    else args = parsed;
    for (const k of Object.keys(args)) positions[k] = positionOf(scan.src, [...path, key]);
  } else if (isObject(value)) args = { ...value };
  else if (value !== null && value !== undefined) {
    scan.diagnostics.push(diagnosticAt(scan.src, [...path, key], `${label}: module '${mod.name}' takes a mapping of arguments, not ${typeof value}`));
  }
  if (isObject(raw.args)) {
    for (const k of Object.keys(raw.args)) if (!(k in args)) positions[k] = positionOf(scan.src, [...path, 'args', k]);
    args = { ...raw.args, ...args };
  }
  if (isObject(value)) for (const k of Object.keys(value)) positions[k] = positionOf(scan.src, [...path, key, k]);
  const errors = writtenArgsErrors(mod, args);
  for (const d of ajvDiagnostics(scan.src, errors, [...path, key])) scan.diagnostics.push({ ...d, message: `${label}: ${mod.name}: ${d.message}` });
  return { args, positions };
}

// Unknown keys: a misspelt keyword or module, or an Ansible keyword ferry does not run.
function reportUnknown(scan: TaskScan, key: string, path: YamlPath, label: string, moduleFound: boolean): void {
  if (UNSUPPORTED_KEYWORDS.has(key)) {
    scan.diagnostics.push(diagnosticAt(scan.src, [...path, key], `${label}: '${key}' is an Ansible keyword ferry does not support`, 'key'));
    return;
  }
  const guess = closest(key, [...scan.modules.keys(), ...KEYWORD_BY_KEY.keys()]);
  const hint = guess ? ` (did you mean '${guess}'?)` : '';
  const what = (guess && KEYWORD_BY_KEY.has(guess)) || moduleFound ? 'key' : 'module';
  scan.diagnostics.push(diagnosticAt(scan.src, [...path, key], `${label}: unknown ${what} '${key}'${hint}`, 'key'));
}

// What the loader learns from a module's arguments, as its argRoles declare them: template sites,
// conditions, variables read or defined, template files.
function scanArgs(scan: TaskScan, mod: Module, key: string, args: Record<string, unknown>, path: YamlPath, name: string): void {
  const roles = mod.argRoles ?? {};
  const raw = rawArgNames(mod);
  collectSites(scan, Object.fromEntries(Object.entries(args).filter(([k]) => !raw.has(k))), [...path, key], 'value', name);
  for (const arg of roles.conditions ?? []) collectSites(scan, args[arg], [...path, key, arg], 'condition', name);
  // A variable read by its plain name: recorded so lazy facts see it (no template to check).
  for (const arg of roles.variables ?? []) {
    const source = args[arg];
    if (typeof source === 'string') scan.sites.push({ path: [...path, key, arg], source, kind: 'value', task: name, src: scan.src });
  }
  for (const arg of roles.templateFiles ?? []) {
    const src = args[arg];
    if (typeof src === 'string') scan.templateFiles.push({ src, path: [...path, key, arg], task: name, file: scan.src, ...(scan.baseDir ? { baseDir: scan.baseDir } : {}) });
  }
  if (roles.keysDefineVars) Object.keys(args).forEach((k) => scan.defined.add(k));
}

// poll means something only with async; poll 0 detaches one command, so only modules that run one.
function checkAsync(scan: TaskScan, fields: Partial<Task>, mod: Module | undefined, path: YamlPath, label: string): void {
  if (fields.pollSeconds !== undefined && fields.asyncSeconds === undefined) {
    scan.diagnostics.push(diagnosticAt(scan.src, [...path, 'poll'], `${label}: poll needs async (the seconds the task may take)`, 'key'));
  }
  if (fields.asyncSeconds !== undefined && fields.pollSeconds === 0 && mod && !mod.detachable) {
    scan.diagnostics.push(diagnosticAt(scan.src, [...path, 'poll'], `${label}: poll: 0 runs a detached job, which ferry does for command and shell only, not ${mod.name}`, 'key'));
  }
}

/** Reads the task at `path` (its structure already checked by the schema). */
export function readTask(scan: TaskScan, raw: Record<string, unknown>, path: YamlPath): Task {
  const others = Object.keys(raw).filter((k) => !KEYWORD_BY_KEY.has(k));
  const found = others.filter((k) => moduleKeyOf(k, scan.modules) !== undefined);
  const isBlock = Array.isArray(raw.block);
  const key = found[0];
  const mod = key !== undefined ? scan.modules.get(moduleKeyOf(key, scan.modules)!) : undefined;
  const own = typeof raw.name === 'string' ? raw.name : (mod?.name ?? (isBlock ? 'block' : 'task'));
  const name = scan.role && !isBlock ? `${scan.role} : ${own}` : own;
  const label = `task '${name}'`;
  for (const k of others.filter((o) => !found.includes(o))) reportUnknown(scan, k, path, label, found.length > 0 || isBlock);
  if (found.length > 1) scan.diagnostics.push(diagnosticAt(scan.src, [...path, found[1]], `${label}: a task runs one module, found ${found.join(', ')}`, 'key'));
  if (found.length > 0 && isBlock) scan.diagnostics.push(diagnosticAt(scan.src, [...path, 'block'], `${label}: a block cannot also run a module`, 'key'));
  if (found.length === 0 && !isBlock && others.length === 0) scan.diagnostics.push({ file: scan.src.file, ...keyPositionOf(scan.src, path), message: `${label}: no module given` });

  const written = mod && key !== undefined ? moduleArgs(scan, mod, key, raw, path, label) : undefined;
  const args = written?.args;
  if (mod && key !== undefined && args) scanArgs(scan, mod, key, args, path, name);
  for (const k of KEYWORDS) if (k.template) collectSites(scan, raw[k.key], [...path, k.key], k.template, name);

  const fields = readKeywords(raw);
  checkAsync(scan, fields, mod, path, label);
  if (fields.register) scan.defined.add(fields.register);
  if (fields.loop !== undefined) scan.defined.add(fields.loopVar ?? 'item');
  Object.keys(fields.vars ?? {}).forEach((k) => scan.defined.add(k));

  const sub = (k: 'block' | 'rescue' | 'always'): Task[] | undefined =>
    Array.isArray(raw[k]) ? readTasks(scan, raw[k] as unknown[], [...path, k]) : undefined;
  const pos = keyPositionOf(scan.src, path);
  return {
    ...(fields as Task),
    name,
    ...(mod ? { module: mod.name, args, argPositions: written?.positions } : {}),
    ...(isBlock ? { block: sub('block'), rescue: sub('rescue'), always: sub('always') } : {}),
    ...(scan.baseDir ? { baseDir: scan.baseDir } : {}),
    source: { file: scan.src.file, line: pos.line, col: pos.col },
  };
}

/** Reads a list of tasks at `path`; imports are inlined where they stand, includes read for their run. */
export function readTasks(scan: TaskScan, raws: unknown[], path: YamlPath): Task[] {
  const out: Task[] = [];
  raws.forEach((t, i) => {
    const raw = isObject(t) ? t : {};
    const kind = includeKind(raw);
    if (kind) {
      out.push(...readInclude(scan, raw, [...path, i], kind, readTasks));
      return;
    }
    const { raw: normal, loopKind } = normalizeTask(raw);
    const task = readTask(scan, normal, [...path, i]);
    out.push(loopKind ? { ...task, loopKind } : task);
  });
  return out;
}
