// Template checks before anything connects: syntax (in playbook strings and template files)
// and variables no host could have.
import { existsSync } from 'node:fs';
import { MAX_TEMPLATE_BYTES, readBounded } from './bounded-read.js';
import { isAbsolute, join } from 'node:path';
import type { Diagnostic } from '../errors.js';
import { GATHERED_NAMES } from '../modules/facts/gather.js';
import { TemplateError } from '../errors.js';
import { type VariableUse, templateVariableUses, templateVariables } from '../template/variables.js';
import type { UnresolvedVar } from '../template/unresolved.js';
import type { TaskScan, TemplateSite } from './task.js';
import { unknownFactKey } from './facts-check.js';
import { positionOf } from './yaml.js';

/** Variables ferry itself defines for every host. */
export const MAGIC_VARS = [
  'inventory_hostname', 'inventory_hostname_short', 'hostvars', 'groups', 'group_names', 'play_hosts',
  'ansible_play_hosts', 'ansible_play_batch', 'ansible_check_mode', 'ansible_diff_mode', 'playbook_dir', 'inventory_dir', 'inventory_file', 'item', 'omit',
];

/** Facts gather_facts provides (lazily: only for plays that name one). */
export const FACT_VARS = GATHERED_NAMES;

/**
 * Whether a play's templates (task strings, conditions, template files, `debug var:`) name a fact, or
 * `hostvars` (any host's facts): gather_facts is lazy and skips its command otherwise. Unsure means yes.
 */
export function namesFacts(sites: TemplateSite[], templateFiles: TaskScan['templateFiles'], baseDir: string): boolean {
  const wanted = new Set([...FACT_VARS, 'hostvars']);
  const sources = sites.map((s) => (s.kind === 'condition' && !s.source.includes('{{') ? `{{${s.source}}}` : s.source));
  if (sites.some((s) => wanted.has(s.source.trim().split(/[.[]/)[0]))) return true;
  for (const t of templateFiles) {
    const path = t.src.includes('{{') ? undefined : resolveTemplatePath(t.baseDir ?? baseDir, t.src);
    if (!path) return true;
    const read = readBounded(path, MAX_TEMPLATE_BYTES, 'the template');
    if ('error' in read) return true;
    sources.push(read.text);
  }
  return sources.some((src) => {
    try {
      return templateVariables(src).some((n) => wanted.has(n));
    } catch {
      return true;
    }
  });
}

/** Where a `template` task's `src` lives: the playbook dir, its `templates/`, then `./templates/`. */
export function resolveTemplatePath(baseDir: string, src: string): string | undefined {
  if (isAbsolute(src)) return existsSync(src) ? src : undefined;
  return [join(baseDir, src), join(baseDir, 'templates', src), join('templates', src)].find((p) => existsSync(p));
}

/** The message of a TemplateError without its `template:line:col: ` prefix. */
function bareMessage(err: TemplateError): string {
  return err.message.replace(/^.*?:\d+:\d+: /, '').replace(/^[^:]+: (?=syntax error|unknown helper)/, '');
}

/** How a play's facts are judged: whether it has any, and whether `ansible_facts` is gathering's own (its keys known). */
export interface FactRules {
  available: boolean;
  gatheredOnly: boolean;
}

const ALL_FACTS: FactRules = { available: true, gatheredOnly: false };

/** Why a variable use is not defined (no location), or undefined when it is. */
function undefinedUse(use: VariableUse, known: ReadonlySet<string>, facts: FactRules): string | undefined {
  if (!known.has(use.name)) {
    const why = !facts.available && FACT_VARS.includes(use.name) ? ': it is a fact, and no play up to this one gathers facts (gather_facts: false, no setup task)' : '';
    return `variable "${use.path}" is not defined${why}`;
  }
  if (use.name === 'ansible_facts' && facts.gatheredOnly) {
    const why = unknownFactKey(use.path);
    if (why) return `variable "${use.path}" is not defined: ${why}`;
  }
  return undefined;
}

/** Checks the template strings of one play against the variables `known` to it. */
export function checkSites(scan: TaskScan, sites: TemplateSite[], known: ReadonlySet<string>, broken: ReadonlyMap<string, UnresolvedVar> = new Map(), facts = ALL_FACTS): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const site of sites) {
    const src = site.src ?? scan.src;
    const pos = positionOf(src, site.path);
    const bare = site.kind === 'condition' && !site.source.includes('{{');
    const expr = bare ? site.source.trim().replace(/^\((.*)\)$/s, '$1') : site.source;
    if (bare && /^(true|false)$/i.test(expr)) continue;
    try {
      for (const use of templateVariableUses(bare ? `{{${expr}}}` : expr, site.task, bare ? 2 : 0)) {
        const missing = undefinedUse(use, known, facts);
        if (missing) out.push({ file: src.file, ...pos, message: `task '${site.task}': ${missing}` });
        else if (broken.has(use.name)) out.push({ file: src.file, ...pos, message: `task '${site.task}': ${broken.get(use.name)!.describe()}` });
      }
    } catch (err) {
      if (!(err instanceof TemplateError)) throw err;
      out.push({ file: src.file, ...pos, message: `task '${site.task}': template error: ${bareMessage(err)}` });
    }
  }
  return out;
}

/** Checks the template files of `template` tasks: found, parsable, every variable known. */
export function checkTemplateFiles(scan: TaskScan, baseDir: string, known: ReadonlySet<string>, broken: ReadonlyMap<string, UnresolvedVar> = new Map(), facts = ALL_FACTS): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const t of scan.templateFiles) {
    if (t.src.includes('{{')) continue;
    const dir = t.baseDir ?? baseDir;
    const file = resolveTemplatePath(dir, t.src);
    if (!file) {
      out.push({ file: (t.file ?? scan.src).file, ...positionOf(t.file ?? scan.src, t.path), message: `task '${t.task}': template '${t.src}' not found (looked in ${dir}, ${join(dir, 'templates')}, templates)` });
      continue;
    }
    const read = readBounded(file, MAX_TEMPLATE_BYTES, 'the template');
    if ('error' in read) {
      out.push({ file, line: 1, col: 1, message: `${read.error} (template of task '${t.task}')` });
      continue;
    }
    try {
      for (const use of templateVariableUses(read.text, file)) {
        const missing = undefinedUse(use, known, facts);
        if (missing) out.push({ file, line: use.line, col: use.col, message: `${missing} (template of task '${t.task}')` });
        else if (broken.has(use.name)) out.push({ file, line: use.line, col: use.col, message: `${broken.get(use.name)!.describe()} (template of task '${t.task}')` });
      }
    } catch (err) {
      if (!(err instanceof TemplateError)) throw err;
      out.push({ file, line: err.where.line ?? 1, col: err.where.col ?? 1, message: bareMessage(err) });
    }
  }
  return out;
}
