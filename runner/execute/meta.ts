// `meta:` tasks: flush_handlers, end_play, end_host, end_batch, refresh_inventory, noop.
import type { Task } from '../load/types.js';
import { loadInventory } from '../load/inventory.js';
import { evaluateCondition } from '../template/index.js';
import { runHandlers } from './handlers.js';
import type { HostState } from './host-state.js';
import { whereOf } from './module-call.js';
import type { PlayState } from './run-state.js';
import { taskVars } from './vars.js';

// `when` on a meta task is checked per host; an error in it counts as false.
function holds(state: PlayState, task: Task, host: HostState): boolean {
  const vars = taskVars(host, task, state.run.extra);
  try {
    return task.when.every((w) => evaluateCondition(w, vars, whereOf(task, host.name)));
  } catch {
    return false;
  }
}

/** Runs a meta action for `hosts` (those its `when` holds for). */
export async function runMeta(state: PlayState, task: Task, hosts: HostState[]): Promise<void> {
  const { run, play } = state;
  const chosen = hosts.filter((h) => holds(state, task, h));
  if (chosen.length === 0) return;
  const note = (msg: string): void => run.emit({ kind: 'warning', msg: `${task.name}: ${msg}` });
  switch (task.meta) {
    case 'flush_handlers':
      await runHandlers(state, chosen);
      return;
    case 'end_host':
      for (const h of chosen) state.ended.add(h);
      note(`ending play for ${chosen.map((h) => h.name).join(', ')}`);
      return;
    case 'end_batch':
      for (const h of state.batch) state.ended.add(h);
      note('ending the current batch');
      return;
    case 'end_play':
      for (const h of state.batch) state.ended.add(h);
      run.endedPlay = play;
      note(`ending play "${play.name}"`);
      return;
    case 'refresh_inventory': {
      // Re-read the inventory file(s) so hosts and groups added since the start are seen by later plays.
      const fresh = loadInventory(run.inventory.file);
      run.inventory.hosts = fresh.hosts;
      run.inventory.groups = fresh.groups;
      return;
    }
    default:
  }
}
