// Walks a task list across a set of hosts, task by task: blocks with rescue/always, run_once, --step, stops.
import type { Task } from '../load/types.js';
import type { HostState } from './host-state.js';
import { type PlayState, stopRun } from './run-state.js';
import { Semaphore } from '../semaphore.js';
import { runInclude } from './include.js';
import { runMeta } from './meta.js';
import { inherit, tagsSelect } from './selection.js';
import { adoptResult, runTaskOnHost } from './task-run.js';

/** Runs `tasks` in order on the hosts still active; `rescuable` when an enclosing block has a rescue. */
export async function runTasks(state: PlayState, tasks: Task[], hosts: HostState[], parent?: Task, rescuable = false): Promise<void> {
  for (const original of tasks) {
    if (state.run.stopped || state.run.endedPlay === state.play) return;
    if (state.run.beforeStart.has(original)) continue;
    const task = parent ? inherit(parent, original) : original;
    const active = hosts.filter((h) => h.active && !state.ended.has(h));
    if (active.length === 0) return;
    if (task.block) await runBlock(state, task, active, rescuable);
    else if (task.included && selected(state, task)) await runInclude(state, task, active, runTasks, rescuable);
    else if (task.meta && selected(state, task)) await runMeta(state, task, active);
    else if (!task.included && !task.meta) await runTask(state, task, active);
    checkStop(state, rescuable);
  }
}

// Tags (the play's and the task's) select includes and meta tasks as they do any task.
function selected(state: PlayState, task: Task): boolean {
  return tagsSelect([...state.play.tags, ...task.tags], state.run.options.tags, state.run.options.skipTags);
}

/** One (non-block) task across hosts with `--forks` parallelism; unless `always`, tags and --step may skip it. */
export async function runTask(state: PlayState, task: Task, hosts: HostState[], always = false): Promise<void> {
  const { run, play } = state;
  if (!always && !tagsSelect([...play.tags, ...task.tags], run.options.tags, run.options.skipTags)) return;
  if (!always && !(await confirmStep(state, task))) return;
  const started = Date.now();
  run.emit({ kind: 'task_start', play: play.name, task: task.name, hosts: hosts.map((h) => h.name) });
  // throttle: at most that many hosts on this task at once, within --forks.
  const throttle = task.throttle ? new Semaphore(task.throttle) : undefined;
  await Promise.all(hosts.map((h) => (throttle ? throttle.run(() => runOnHost(state, task, h)) : runOnHost(state, task, h))));
  run.emit({ kind: 'task_end', play: play.name, task: task.name, durationMs: Date.now() - started });
}

// run_once: the first host of the batch to get here runs it; the others adopt its result.
async function runOnHost(state: PlayState, task: Task, host: HostState): Promise<void> {
  const limiter = state.run.limiter;
  if (!task.runOnce) {
    await limiter.run(() => runTaskOnHost(state, task, host));
    return;
  }
  const first = state.once.get(task);
  if (!first) {
    const result = limiter.run(() => runTaskOnHost(state, task, host));
    state.once.set(task, result);
    await result;
    return;
  }
  adoptResult(state, task, host, (await first) as Parameters<typeof adoptResult>[3]);
}

// A failure in the block sends the host to rescue; a host whose rescue succeeds counts as rescued, not failed.
async function runBlock(state: PlayState, block: Task, hosts: HostState[], rescuable: boolean): Promise<void> {
  const failedBefore = new Map(hosts.map((h) => [h, h.counts.failed]));
  const rescue = block.rescue ?? [];
  await runTasks(state, block.block ?? [], hosts, block, rescue.length > 0 || rescuable);
  const failed = hosts.filter((h) => h.failed && !h.unreachable);
  if (rescue.length > 0 && failed.length > 0 && !state.run.stopped) {
    for (const h of failed) h.failed = false;
    await runTasks(state, rescue, failed, block, rescuable);
    for (const h of failed) {
      // A host failed by a shared run_once result has no failure of its own to turn into a rescue.
      if (h.active && h.counts.failed > (failedBefore.get(h) ?? 0)) {
        h.counts.failed = failedBefore.get(h) ?? 0;
        h.counts.rescued++;
      }
    }
  }
  const always = block.always ?? [];
  if (always.length === 0 || state.run.stopped) return;
  const reachable = hosts.filter((h) => !h.unreachable);
  const stillFailed = reachable.filter((h) => h.failed);
  for (const h of stillFailed) h.failed = false;
  await runTasks(state, always, reachable, block, rescuable);
  for (const h of stillFailed) h.failed = true;
}

// any_errors_fatal and max_fail_percentage stop everything once the batch has too many failures.
function checkStop(state: PlayState, rescuable: boolean): void {
  const { run, play, batch } = state;
  if (run.signal.aborted) run.stopped = true;
  if (rescuable) return;
  const down = batch.filter((h) => !h.active).length;
  if (down === 0) return;
  if (play.anyErrorsFatal) stopRun(run, `a host failed in play "${play.name}" (any_errors_fatal)`);
  const percent = (down / batch.length) * 100;
  if (play.maxFailPercentage !== undefined && percent > play.maxFailPercentage) {
    stopRun(run, `${String(down)} of ${String(batch.length)} hosts failed in play "${play.name}" (max_fail_percentage ${String(play.maxFailPercentage)})`);
  }
}

async function confirmStep(state: PlayState, task: Task): Promise<boolean> {
  const { run } = state;
  const step = run.options.step;
  if (!step || run.stepDone) return true;
  let answer = state.stepAnswers.get(task);
  if (!answer) {
    answer = run.stepChain.then(() => (run.stepDone ? 'yes' : step(state.play.name, task.name)));
    run.stepChain = answer.catch(() => undefined);
    state.stepAnswers.set(task, answer);
  }
  const a = await answer;
  if (a === 'continue') run.stepDone = true;
  return a !== 'no';
}
