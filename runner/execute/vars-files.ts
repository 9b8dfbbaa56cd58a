// A play's vars_files: paths templated with play and extra vars, read relative to the playbook.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { FerryError } from '../errors.js';
import type { Play, Vars } from '../load/types.js';
import { renderString } from '../template/index.js';

/** Merges every vars file of the play, later files winning. */
export function loadVarsFiles(play: Play, baseDir: string, extra: Vars): Vars {
  const merged: Vars = {};
  for (const raw of play.varsFiles) {
    const path = resolve(baseDir, renderString(raw, { ...play.vars, ...extra }, { template: `${play.source.file}: vars_files` }));
    let data: unknown;
    try {
      data = parse(readFileSync(path, 'utf8'), { version: '1.1' });
    } catch (err) {
      throw new FerryError(`${play.source.file}:${play.source.line}: vars_files: cannot read ${path}: ${(err as Error).message}`, { cause: err });
    }
    if (data === null || data === undefined) continue;
    if (typeof data !== 'object' || Array.isArray(data)) {
      throw new FerryError(`${path}: vars file must be a mapping of names to values`);
    }
    Object.assign(merged, data);
  }
  return merged;
}
