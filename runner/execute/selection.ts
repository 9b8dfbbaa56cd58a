// Which tasks run: tags / skip-tags (with `always` and `never`), --start-at-task, and block inheritance.
import { FerryError } from '../errors.js';
import { inheritFrom } from '../load/keywords.js';
import type { Playbook, Task } from '../load/types.js';

/** Whether a task with these (inherited) tags is selected by --tags / --skip-tags. */
export function tagsSelect(taskTags: string[], tags: string[] = [], skipTags: string[] = []): boolean {
  const has = (t: string): boolean => taskTags.includes(t);
  if (skipTags.some(has)) return false;
  if (has('always') && !skipTags.includes('always')) return true;
  if (tags.length === 0 || tags.includes('all')) return !has('never');
  if (tags.includes('tagged') && taskTags.length > 0 && !has('never')) return true;
  if (tags.includes('untagged') && taskTags.length === 0) return true;
  return tags.some(has);
}

const inherited = new WeakMap<Task, WeakMap<Task, Task>>();

/** Block keywords flow down to the block's tasks (the table's `inherit` column: when, vars, tags, become...).
 * Memoized, so a child keeps one identity (run_once and --step key on it). */
export function inherit(parent: Task, child: Task): Task {
  let byChild = inherited.get(parent);
  if (!byChild) inherited.set(parent, (byChild = new WeakMap()));
  let task = byChild.get(child);
  if (!task) byChild.set(child, (task = merge(parent, child)));
  return task;
}

// The keyword table says which keywords a block passes down and how.
function merge(parent: Task, child: Task): Task {
  return inheritFrom(parent, child);
}

/** The tasks (blocks included) that come before the task named `name`; they never run. Throws when no task has that name. */
export function tasksBeforeStart(playbook: Playbook, name: string | undefined): Set<Task> {
  const before = new Set<Task>();
  if (!name) return before;
  let found = false;
  const walk = (tasks: Task[]): void => {
    for (const task of tasks) {
      if (found) return;
      if (task.name === name && !task.block) {
        found = true;
        return;
      }
      if (task.block) {
        walk(task.block);
        if (!found) walk([...(task.rescue ?? []), ...(task.always ?? [])]);
      }
      if (!found) before.add(task);
    }
  };
  for (const play of playbook.plays) walk(play.tasks);
  if (!found) throw new FerryError(`--start-at-task: no task is named "${name}"`);
  return before;
}
