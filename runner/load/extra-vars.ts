// `-e` values. Decisions: `key=value` keeps the value a string (as Ansible does for k=v, so
// `-e version=3.10` stays "3.10"); `@file` reads YAML or JSON; a value starting with `{`
// is JSON/YAML mapping. Later `-e` override earlier ones.
import { resolve } from 'node:path';
import { type Diagnostic, ValidationError } from '../errors.js';
import type { Vars } from './types.js';
import { parseYaml, readYaml } from './yaml.js';

function isMapping(v: unknown): v is Vars {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Parses every `-e` argument into one vars map; throws ValidationError listing every bad one. */
export function parseExtraVars(args: string[], cwd: string = process.cwd()): Vars {
  const out: Vars = {};
  const problems: Diagnostic[] = [];
  args.forEach((arg, i) => {
    const where = `-e #${i + 1}`;
    if (arg.startsWith('@')) {
      const src = readYaml(resolve(cwd, arg.slice(1)));
      if (src.diagnostics.length > 0) return problems.push(...src.diagnostics);
      const data = src.doc.toJS() as unknown;
      if (!isMapping(data)) return problems.push({ file: src.file, line: 1, col: 1, message: 'extra vars file must hold a mapping' });
      return Object.assign(out, data);
    }
    if (arg.trimStart().startsWith('{')) {
      const src = parseYaml(arg, where);
      const data = src.diagnostics.length === 0 ? (src.doc.toJS() as unknown) : undefined;
      // The argument is not echoed: it may hold a secret (-e '{"db_password": ...').
      const at = src.diagnostics[0];
      if (!isMapping(data)) return problems.push({ file: where, line: at?.line ?? 1, col: at?.col ?? 1, message: `not a valid JSON/YAML mapping (${arg.length} characters, not shown)` });
      return Object.assign(out, data);
    }
    for (const pair of arg.split(/\s+(?=[A-Za-z_][\w]*=)/)) {
      const eq = pair.indexOf('=');
      const key = pair.slice(0, eq).trim();
      if (eq <= 0 || !/^[A-Za-z_][\w]*$/.test(key)) {
        problems.push({ file: where, line: 1, col: 1, message: `expected key=value, @file or a JSON mapping (the ${pair.length} characters given are not shown: they may hold a secret)` });
        continue;
      }
      out[key] = pair.slice(eq + 1);
    }
  });
  if (problems.length > 0) throw new ValidationError(problems);
  return out;
}
