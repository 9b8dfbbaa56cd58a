// Loads a playbook into Plays and Tasks and reports every problem at once, before any host
// is contacted: structure, unknown keys and modules, module arguments, host patterns that
// match nothing, template syntax (strings and files) and variables no targeted host has.
import { dirname, resolve } from 'node:path';
import { type Diagnostic, ValidationError, formatDiagnostic } from '../errors.js';
import { modules as registry } from '../modules/registry.js';
import type { Module } from '../modules/types.js';
import { addPlaybookVarsDir, sortDiagnostics } from './inventory.js';
import { ajvDiagnostics, validator } from './schemas/ajv.js';
import { playbookStructureSchema } from './schemas/playbook.js';
import type { TaskScan, TemplateSite } from './task.js';
import { readPlay } from './play.js';
import { factsAvailable, gatheringPlayBefore } from './facts-check.js';
import { FACT_VARS, checkSites, checkTemplateFiles, namesFacts } from './template-check.js';
import type { Inventory, Play, Playbook, Vars } from './types.js';
import { type TemplatedVars, brokenVars } from './var-chains.js';
import { diagnosticAt, readYaml } from './yaml.js';

export interface LoadPlaybookOptions {
  inventory: Inventory;
  extraVars?: Vars;
  /** Folders searched for roles after `roles/` beside the playbook (--roles-path). */
  rolesPath?: string[];
  /** Modules known by name; the registry by default (tests pass their own). */
  modules?: ReadonlyMap<string, Module>;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Reads `vars_files` of a play; each must be a YAML mapping. */
function varsFiles(scan: TaskScan, baseDir: string, files: string[], path: (string | number)[]): Vars {
  const out: Vars = {};
  files.forEach((f, i) => {
    if (f.includes('{{')) return;
    const src = readYaml(resolve(baseDir, f));
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

type PerPlay = { known: Set<string>; templated: TemplatedVars; sites: TemplateSite[]; templateFiles: TaskScan['templateFiles'] };

// The plays of one playbook file; `import_playbook` entries bring in another file's plays in place.
function readPlays(scan: TaskScan, data: unknown[], opts: LoadPlaybookOptions, topDir: string, stack: string[], plays: Play[], perPlay: PerPlay[]): void {
  const validate = validator(playbookStructureSchema);
  if (!validate(data)) scan.diagnostics.push(...ajvDiagnostics(scan.src, (validate.errors ?? []).filter((e) => e.keyword !== 'if')));
  const baseDir = dirname(scan.src.file);
  data.forEach((raw, i) => {
    if (!isObject(raw)) return;
    if (typeof raw.import_playbook === 'string') {
      const target = resolve(baseDir, raw.import_playbook);
      if (stack.includes(target)) {
        scan.diagnostics.push(diagnosticAt(scan.src, [i, 'import_playbook'], `import_playbook: '${raw.import_playbook}' imports itself (${[...stack, target].join(' -> ')})`));
        return;
      }
      const src = readYaml(target);
      const missing = src.diagnostics[0]?.message === 'file not found';
      if (missing) scan.diagnostics.push(diagnosticAt(scan.src, [i, 'import_playbook'], `import_playbook: '${raw.import_playbook}' not found (${target})`));
      else scan.diagnostics.push(...src.diagnostics);
      const sub = src.doc.toJS() as unknown;
      if (!missing && Array.isArray(sub)) readPlays({ ...scan, src }, sub, opts, topDir, [...stack, target], plays, perPlay);
      else if (!missing && src.diagnostics.length === 0) scan.diagnostics.push({ file: target, line: 1, col: 1, message: 'a playbook is a list of plays' });
      return;
    }
    const sitesBefore = scan.sites.length;
    const filesBefore = scan.templateFiles.length;
    const ctx = { ...opts, baseDir, topDir, varsFiles: (s: TaskScan, files: string[], path: (string | number)[]) => varsFiles(s, baseDir, files, path) };
    const { play, known, templated } = readPlay(scan, raw, i, ctx);
    plays.push(play);
    perPlay.push({ known, templated, sites: scan.sites.slice(sitesBefore), templateFiles: scan.templateFiles.slice(filesBefore) });
  });
}

/** Loads a playbook and returns it with every problem found (empty when it can run). */
export function readPlaybook(file: string, opts: LoadPlaybookOptions): { playbook: Playbook; diagnostics: Diagnostic[] } {
  const src = readYaml(file);
  const baseDir = dirname(file);
  const scan: TaskScan = { src, modules: opts.modules ?? registry, diagnostics: [...src.diagnostics], sites: [], defined: new Set(), templateFiles: [] };
  // group_vars/ and host_vars/ beside the playbook join the inventory's vars (above the inventory's own).
  scan.diagnostics.push(...addPlaybookVarsDir(opts.inventory, baseDir));
  const data = src.doc.toJS() as unknown;
  const plays: Play[] = [];
  const perPlay: PerPlay[] = [];
  if (!Array.isArray(data)) {
    if (scan.diagnostics.length === 0) scan.diagnostics.push({ file, line: 1, col: 1, message: 'a playbook is a list of plays' });
  } else readPlays(scan, data, opts, baseDir, [resolve(file)], plays, perPlay);
  // Registered names and set_fact keys live on the host across plays: known everywhere.
  perPlay.forEach((p, i) => {
    if (plays[i].gatherFacts) plays[i].factsUsed = namesFacts(p.sites, p.templateFiles, plays[i].baseDir ?? baseDir);
  });
  perPlay.forEach((p, i) => {
    // Facts only where the run has them; a play without gather_facts reading facts makes the earlier
    // play that gathers (lazily) gather for real.
    const withFacts = factsAvailable(plays, i);
    if (withFacts && !plays[i].gatherFacts && namesFacts(p.sites, p.templateFiles, plays[i].baseDir ?? baseDir)) {
      const before = gatheringPlayBefore(plays, i);
      if (before) before.factsUsed = true;
    }
    const known = new Set([...p.known, ...scan.defined, ...(withFacts ? FACT_VARS : [])]);
    const broken = brokenVars(p.templated, known);
    const facts = { available: withFacts, gatheredOnly: !p.known.has('ansible_facts') && !scan.defined.has('ansible_facts') };
    scan.diagnostics.push(...checkSites(scan, p.sites, known, broken, facts));
    scan.diagnostics.push(...checkTemplateFiles({ ...scan, templateFiles: p.templateFiles }, plays[i].baseDir ?? baseDir, known, broken, facts));
  });
  const unique = [...new Map(scan.diagnostics.map((d) => [formatDiagnostic(d), d])).values()];
  return { playbook: { file, baseDir, plays }, diagnostics: sortDiagnostics(unique) };
}

/** Loads a playbook; throws one ValidationError holding every problem. */
export function loadPlaybook(file: string, opts: LoadPlaybookOptions): Playbook {
  const { playbook, diagnostics } = readPlaybook(file, opts);
  if (diagnostics.length > 0) throw new ValidationError(diagnostics);
  return playbook;
}
