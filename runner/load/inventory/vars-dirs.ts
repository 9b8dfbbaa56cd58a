// group_vars/ and host_vars/ folders, read as Ansible's host_group_vars plugin reads them: for a
// name, the first of `name` (a file, or a folder of files read in sorted order, recursively),
// `name.yml`, `name.yaml`, `name.json`. Hidden files, backups (`x~`) and other extensions are skipped.
import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Diagnostic } from '../../errors.js';
import { ajvDiagnostics, validator } from '../schemas/ajv.js';
import { connectionVarsSchema } from '../schemas/inventory.js';
import type { Vars, VarsDir } from '../types.js';
import { diagnosticAt, readYaml } from '../yaml.js';
import { refusedVar } from './refused-vars.js';

const EXTENSIONS = ['.yml', '.yaml', '.json'];

/** Reads `dir`/group_vars and `dir`/host_vars for the given groups and hosts. */
export function readVarsDir(dir: string, place: VarsDir['place'], groups: Iterable<string>, hosts: Iterable<string>): { varsDir: VarsDir; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const read = (sub: string, names: Iterable<string>): Map<string, Vars> => {
    const folder = join(dir, sub);
    const entries = listing(folder);
    const out = new Map<string, Vars>();
    if (entries.size === 0) return out;
    for (const name of names) {
      const files = filesFor(folder, entries, name);
      if (files.length === 0) continue;
      const vars: Vars = {};
      for (const f of files) Object.assign(vars, readVarsFile(f, diagnostics));
      out.set(name, vars);
    }
    return out;
  };
  const varsDir = { dir, place, groups: read('group_vars', groups), hosts: read('host_vars', hosts) };
  return { varsDir, diagnostics };
}

// Entry names of a folder, or none if it does not exist.
function listing(folder: string): Set<string> {
  try {
    return new Set(readdirSync(folder));
  } catch {
    return new Set();
  }
}

function filesFor(folder: string, entries: Set<string>, name: string): string[] {
  for (const candidate of [name, ...EXTENSIONS.map((e) => `${name}${e}`)]) {
    if (!entries.has(candidate)) continue;
    const path = join(folder, candidate);
    return isDir(path) ? filesIn(path) : [path];
  }
  return [];
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

// Ansible's _get_dir_vars_files: sorted, recursive into folders without an extension.
function filesIn(folder: string): string[] {
  const out: string[] = [];
  for (const entry of [...listing(folder)].sort()) {
    if (entry.startsWith('.') || entry.endsWith('~')) continue;
    const ext = extname(entry);
    const path = join(folder, entry);
    if (isDir(path)) {
      if (!ext) out.push(...filesIn(path));
    } else if (!ext || EXTENSIONS.includes(ext)) out.push(path);
  }
  return out;
}

function readVarsFile(file: string, diagnostics: Diagnostic[]): Vars {
  const src = readYaml(file);
  if (src.diagnostics.length > 0) {
    diagnostics.push(...src.diagnostics);
    return {};
  }
  const data = src.doc.toJS({ maxAliasCount: 1000 }) as unknown;
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    diagnostics.push({ file, line: 1, col: 1, message: 'a group_vars/host_vars file must hold a mapping of vars' });
    return {};
  }
  for (const [k, v] of Object.entries(data)) {
    const refused = refusedVar(k, v);
    if (refused) diagnostics.push(diagnosticAt(src, [k], refused, 'key'));
  }
  const check = validator(connectionVarsSchema);
  if (!check(data)) diagnostics.push(...ajvDiagnostics(src, check.errors));
  return data as Vars;
}
