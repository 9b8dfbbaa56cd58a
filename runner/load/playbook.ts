// Loads a playbook into Plays and Tasks and reports every problem at once, before any host
// is contacted: structure, unknown keys and modules, module arguments, host patterns that
// match nothing, template syntax (strings and files) and variables no targeted host has.
import { dirname, join } from 'node:path';
import { type Diagnostic, ValidationError, formatDiagnostic } from '../errors.js';
import { modules as registry } from '../modules/registry.js';
import type { Module } from '../modules/types.js';
import { matchHosts } from '../plan/patterns.js';
import { sortDiagnostics } from './inventory.js';
import { ajvDiagnostics, validator } from './schemas/ajv.js';
import { playbookStructureSchema } from './schemas/playbook.js';
import { type TaskScan, type TemplateSite, readTasks } from './task.js';
import { FACT_VARS, MAGIC_VARS, checkSites, checkTemplateFiles, namesFacts } from './template-check.js';
import type { Inventory, Play, Playbook, Vars } from './types.js';
import { type TemplatedVars, addTemplatedVars, brokenVars } from './var-chains.js';
import { hostVars } from './vars.js';
import { diagnosticAt, keyPositionOf, readYaml } from './yaml.js';

export interface LoadPlaybookOptions {
  inventory: Inventory;
  extraVars?: Vars;
  /** Modules known by name; the registry by default (tests pass their own). */
  modules?: ReadonlyMap<string, Module>;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function list(v: unknown): string[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)];
}

/** Reads `vars_files` of a play; each must be a YAML mapping. */
function varsFiles(scan: TaskScan, baseDir: string, files: string[], path: (string | number)[]): Vars {
  const out: Vars = {};
  files.forEach((f, i) => {
    if (f.includes('{{')) return;
    const src = readYaml(join(baseDir, f));
    if (src.diagnostics.length > 0) {
      const missing = src.diagnostics[0].message === 'file not found';
      if (missing) scan.diagnostics.push(diagnosticAt(scan.src, [...path, i], `vars file '${f}' not found`));
      else scan.diagnostics.push(...src.diagnostics);
      return;
    }
    const data = src.doc.toJS() as unknown;
    if (isObject(data)) Object.assign(out, data);
    else if (data !== null) scan.diagnostics.push({ file: src.file, line: 1, col: 1, message: 'a vars file must hold a mapping' });
  });
  return out;
}

/** Loads a playbook and returns it with every problem found (empty when it can run). */
export function readPlaybook(file: string, opts: LoadPlaybookOptions): { playbook: Playbook; diagnostics: Diagnostic[] } {
  const src = readYaml(file);
  const baseDir = dirname(file);
  const scan: TaskScan = { src, modules: opts.modules ?? registry, diagnostics: [...src.diagnostics], sites: [], defined: new Set(), templateFiles: [] };
  const data = src.doc.toJS() as unknown;
  const plays: Play[] = [];
  const perPlay: Array<{ known: Set<string>; templated: TemplatedVars; sites: TemplateSite[]; templateFiles: TaskScan['templateFiles'] }> = [];
  if (!Array.isArray(data)) {
    if (scan.diagnostics.length === 0) scan.diagnostics.push({ file, line: 1, col: 1, message: 'a playbook is a list of plays' });
  } else {
    const validate = validator(playbookStructureSchema);
    if (!validate(data)) scan.diagnostics.push(...ajvDiagnostics(src, validate.errors));
    data.forEach((raw, i) => {
      if (!isObject(raw)) return;
      const sitesBefore = scan.sites.length;
      const filesBefore = scan.templateFiles.length;
      const { play, known, templated } = readPlay(scan, raw, i, baseDir, opts);
      plays.push(play);
      perPlay.push({ known, templated, sites: scan.sites.slice(sitesBefore), templateFiles: scan.templateFiles.slice(filesBefore) });
    });
  }
  // Registered names and set_fact keys live on the host across plays: known everywhere.
  perPlay.forEach((p, i) => {
    if (plays[i].gatherFacts) plays[i].factsUsed = namesFacts(p.sites, p.templateFiles, baseDir);
  });
  for (const p of perPlay) {
    const known = new Set([...p.known, ...scan.defined]);
    const broken = brokenVars(p.templated, known);
    scan.diagnostics.push(...checkSites(scan, p.sites, known, broken));
    scan.diagnostics.push(...checkTemplateFiles({ ...scan, templateFiles: p.templateFiles }, baseDir, known, broken));
  }
  const unique = [...new Map(scan.diagnostics.map((d) => [formatDiagnostic(d), d])).values()];
  return { playbook: { file, baseDir, plays }, diagnostics: sortDiagnostics(unique) };
}

function readPlay(scan: TaskScan, raw: Record<string, unknown>, i: number, baseDir: string, opts: LoadPlaybookOptions): { play: Play; known: Set<string>; templated: TemplatedVars } {
  const path = [i];
  const hosts = list(raw.hosts).join(',');
  const name = typeof raw.name === 'string' ? raw.name : hosts;
  const targeted = hosts.includes('{{') ? [...opts.inventory.hosts.keys()] : matchHosts(opts.inventory, hosts);
  if (targeted.length === 0 && raw.hosts !== undefined) {
    scan.diagnostics.push(diagnosticAt(scan.src, [...path, 'hosts'], `play '${name}': hosts pattern '${hosts}' matches no host in ${opts.inventory.file}`));
  }
  const vars = isObject(raw.vars) ? raw.vars : {};
  const files = list(raw.vars_files);
  const fileVars = varsFiles(scan, baseDir, files, [...path, 'vars_files']);
  const tasks = Array.isArray(raw.tasks) ? raw.tasks : [];
  const handlers = Array.isArray(raw.handlers) ? raw.handlers : [];
  const known = new Set<string>([...MAGIC_VARS, ...FACT_VARS, ...Object.keys(vars), ...Object.keys(fileVars), ...Object.keys(opts.extraVars ?? {})]);
  // With no host matched (already reported), judge variables against every host rather than none.
  const judged = targeted.length > 0 ? targeted : [...opts.inventory.hosts.keys()];
  // Templated vars as each host sees them (vars files > play vars > inventory), for validate's var chains.
  const templated: TemplatedVars = new Map();
  const overridden = new Set(Object.keys(opts.extraVars ?? {}));
  for (const h of judged) {
    const hv = hostVars(opts.inventory, h);
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
    tasks: readTasks(scan, tasks, [...path, 'tasks']),
    handlers: readTasks(scan, handlers, [...path, 'handlers']),
    source: { file: scan.src.file, ...pos },
  };
  return { play, known, templated };
}

/** Loads a playbook; throws one ValidationError holding every problem. */
export function loadPlaybook(file: string, opts: LoadPlaybookOptions): Playbook {
  const { playbook, diagnostics } = readPlaybook(file, opts);
  if (diagnostics.length > 0) throw new ValidationError(diagnostics);
  return playbook;
}
