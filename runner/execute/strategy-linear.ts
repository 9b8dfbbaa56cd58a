// Linear strategy: every task runs across the whole batch before the next one starts.
import type { PlayState } from './run-state.js';
import { runTasks } from './task-list.js';

/** Runs the play's tasks on the batch in lock-step. */
export async function runLinear(state: PlayState): Promise<void> {
  await runTasks(state, state.play.tasks, state.batch);
}
