// Vars whose own templates name a variable no host has (`etcd_node_ip: "{{ssh_hostt}}"`): found
// before anything connects, so validate names the var, where it is defined and where it is used.
import { TemplateError } from '../errors.js';
import { templateVariableUses } from '../template/variables.js';
import { UnresolvedVar } from '../template/unresolved.js';
import type { Vars } from './types.js';
import { definitionOf } from './var-definition.js';

/** Templated values by var name (distinct raw values across the hosts a play targets). */
export type TemplatedVars = Map<string, unknown[]>;

function hasTemplate(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('{{');
  if (Array.isArray(value)) return value.some(hasTemplate);
  if (value && typeof value === 'object') return Object.values(value).some(hasTemplate);
  return false;
}

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => strings(v, out));
  return out;
}

/** Adds the templated values of one host's merged vars to `into`, skipping names `skip` overrides. */
export function addTemplatedVars(into: TemplatedVars, vars: Vars, skip: ReadonlySet<string> = new Set()): void {
  for (const [name, value] of Object.entries(vars)) {
    if (skip.has(name) || !hasTemplate(value)) continue;
    const seen = into.get(name) ?? [];
    if (!seen.some((v) => JSON.stringify(v) === JSON.stringify(value))) seen.push(value);
    into.set(name, seen);
  }
}

/** Vars that cannot render on some host, each as the UnresolvedVar a use of it would meet. */
export function brokenVars(templated: TemplatedVars, known: ReadonlySet<string>): Map<string, UnresolvedVar> {
  const broken = new Map<string, UnresolvedVar>();
  const judged = new Set<string>();
  const judge = (name: string, stack: string[]): void => {
    if (judged.has(name) || stack.includes(name)) return;
    for (const value of templated.get(name) ?? []) {
      const reason = firstProblem(value, [...stack, name]);
      if (reason) {
        broken.set(name, new UnresolvedVar(name, reason, () => definitionOf(name, value)));
        break;
      }
    }
    judged.add(name);
  };
  const firstProblem = (value: unknown, stack: string[]): string | undefined => {
    for (const source of strings(value)) {
      if (!source.includes('{{')) continue;
      let uses;
      try {
        uses = templateVariableUses(source, 'value');
      } catch (err) {
        if (err instanceof TemplateError) return err.message.replace(/^value(?::\d+:\d+)?: /, '');
        throw err;
      }
      for (const use of uses) {
        if (!known.has(use.name)) return `variable "${use.path}" is not defined`;
        if (stack.includes(use.name)) return `it refers to itself (${[...stack.slice(stack.indexOf(use.name)), use.name].join(' -> ')})`;
        judge(use.name, stack);
        const inner = broken.get(use.name);
        if (inner) return inner.describe();
      }
    }
    return undefined;
  };
  for (const name of templated.keys()) judge(name, []);
  return broken;
}
