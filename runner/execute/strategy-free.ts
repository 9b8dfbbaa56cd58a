// Free strategy: each host goes through the tasks at its own pace; --forks still bounds the work in flight.
import type { PlayState } from './run-state.js';
import { runTasks } from './task-list.js';

/** Runs the play's tasks on each host of the batch independently. */
export async function runFree(state: PlayState): Promise<void> {
  await Promise.all(state.batch.map((host) => runTasks(state, state.play.tasks, [host])));
}
