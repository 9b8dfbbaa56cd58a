// Facts as validate sees them, so that validate refuses what the run would: a fact is defined only
// in a play that gathers facts (or after one that did, or after a `setup` task), and
// `ansible_facts.X` only for an X that gathering provides.
import { GATHERED_NAMES } from '../modules/facts/gather.js';
import type { Play, Task } from './types.js';

/** The keys of `ansible_facts` once gathered: the fact names without their `ansible_` prefix. */
export const ANSIBLE_FACTS_KEYS: ReadonlySet<string> = new Set(
  GATHERED_NAMES.filter((n) => n !== 'ansible_facts').map((n) => n.replace(/^ansible_/, '')),
);

function runsSetup(tasks: Task[] | undefined): boolean {
  return (tasks ?? []).some((t) =>
    t.module === 'setup' || (t.includes !== undefined && t.included === undefined) ||
    runsSetup(t.block) || runsSetup(t.rescue) || runsSetup(t.always) || runsSetup(t.included));
}

/**
 * Whether facts can exist in play `i`: it gathers, an earlier play gathered, or a `setup` task
 * (or an include whose tasks are only known at run time) runs in it or before it. Unsure means yes.
 */
export function factsAvailable(plays: Play[], i: number): boolean {
  return plays.slice(0, i + 1).some((p) => p.gatherFacts || runsSetup(p.tasks) || runsSetup(p.handlers));
}

/** The earlier play whose (lazy) gathering play `i` relies on, when play `i` gathers none itself. */
export function gatheringPlayBefore(plays: Play[], i: number): Play | undefined {
  if (plays[i].gatherFacts) return undefined;
  return plays.slice(0, i).reverse().find((p) => p.gatherFacts);
}

/** Why `path` (a use of `ansible_facts`) is not defined, or undefined when it is. */
export function unknownFactKey(path: string): string | undefined {
  const key = path.replace(/\[['"]?([^\]'"]+)['"]?\]/g, '.$1').split('.')[1];
  if (key === undefined || ANSIBLE_FACTS_KEYS.has(key)) return undefined;
  return `ansible_facts has no "${key}": gathering provides ${[...ANSIBLE_FACTS_KEYS].slice(0, 8).join(', ')}, ... (README, Facts)`;
}
