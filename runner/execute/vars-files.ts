// A play's vars_files: paths templated with play and extra vars, read relative to the playbook, with
// the loader's YAML reading (vault decryption, size and type limits, located errors).
import { resolve } from 'node:path';
import { FerryError, ValidationError } from '../errors.js';
import type { Play, Vars } from '../load/types.js';
import { readYaml } from '../load/yaml.js';
import { renderString } from '../template/index.js';

/** Merges every vars file of the play, later files winning. */
export function loadVarsFiles(play: Play, baseDir: string, extra: Vars): Vars {
  const merged: Vars = {};
  for (const raw of play.varsFiles) {
    const path = resolve(baseDir, renderString(raw, { ...play.vars, ...extra }, { template: `${play.source.file}: vars_files` }));
    const src = readYaml(path);
    if (src.diagnostics.length > 0) {
      if (src.diagnostics[0].message === 'file not found') throw new FerryError(`${play.source.file}:${play.source.line}: vars_files: cannot read ${path}: file not found`);
      throw new ValidationError(src.diagnostics);
    }
    const data = src.doc.toJS() as unknown;
    if (data === null || data === undefined) continue;
    if (typeof data !== 'object' || Array.isArray(data)) {
      throw new FerryError(`${path}: vars file must be a mapping of names to values`);
    }
    Object.assign(merged, data);
  }
  return merged;
}
