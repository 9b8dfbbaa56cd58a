// include_tasks / include_role at run time: per host, the include's `when` and `loop` decide
// whether and how often its tasks run; hosts with the same item run the tasks together, item by item.
import { newTask } from '../load/keywords.js';
import type { Task } from '../load/types.js';
import { fail, type ModuleResult } from '../modules/types.js';
import { evaluate, evaluateCondition } from '../template/index.js';
import type { HostState } from './host-state.js';
import { whereOf } from './module-call.js';
import type { PlayState } from './run-state.js';
import { taskVars } from './vars.js';

/** Per host: the loop items the include runs for (one undefined item without a loop), or a skip/failure result. */
function itemsFor(state: PlayState, task: Task, host: HostState): unknown[] | ModuleResult {
  const vars = taskVars(host, task, state.run.extra);
  const where = whereOf(task, host.name);
  try {
    for (const expr of task.when) {
      if (!evaluateCondition(expr, vars, where)) return { changed: false, failed: false, skipped: true, skip_reason: 'Conditional result was False', false_condition: expr };
    }
    if (task.loop === undefined) return [undefined];
    const items = evaluate(task.loop, vars, where);
    return Array.isArray(items) ? items : fail(`loop must be a list, got ${typeof items}`);
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  }
}

type RunTasks = (state: PlayState, tasks: Task[], hosts: HostState[], parent?: Task, rescuable?: boolean) => Promise<void>;

/** Runs a dynamic include on `hosts`: reports it per host, then its tasks once per item. */
export async function runInclude(state: PlayState, task: Task, hosts: HostState[], runTasks: RunTasks, rescuable: boolean): Promise<void> {
  const { run, play } = state;
  const started = Date.now();
  run.emit({ kind: 'task_start', play: play.name, task: task.name, hosts: hosts.map((h) => h.name) });
  const plan = new Map<HostState, unknown[]>();
  for (const host of hosts) {
    const items = itemsFor(state, task, host);
    if (Array.isArray(items)) plan.set(host, items);
    const result: ModuleResult = Array.isArray(items) ? { changed: false, failed: false, msg: `included ${task.included?.length ?? 0} task(s)${task.loop === undefined ? '' : ` for ${items.length} item(s)`}` } : items;
    const status = result.failed ? 'failed' : result.skipped ? 'skipped' : 'ok';
    if (result.failed && !task.ignoreErrors) {
      host.counts.failed++;
      host.failed = true;
    } else if (result.skipped) host.counts.skipped++;
    // As Ansible counts them: each file an include_tasks brings in is ok; include_role is not counted.
    else if (Array.isArray(items) && task.includes === 'tasks') host.counts.ok += items.length;
    run.emit({ kind: 'host_result', task: task.name, host: host.name, status, result, durationMs: Date.now() - started });
  }
  run.emit({ kind: 'task_end', play: play.name, task: task.name, durationMs: Date.now() - started });
  const rounds = Math.max(0, ...[...plan.values()].map((items) => items.length));
  for (let i = 0; i < rounds; i++) {
    // Hosts whose i-th item is the same run the included tasks together.
    const groups = new Map<string, { item: unknown; hosts: HostState[] }>();
    for (const [host, items] of plan) {
      if (i >= items.length) continue;
      const key = JSON.stringify(items[i]) ?? 'undefined';
      const group = groups.get(key) ?? { item: items[i], hosts: [] };
      group.hosts.push(host);
      groups.set(key, group);
    }
    for (const { item, hosts: group } of groups.values()) {
      // The include's own when/tags were decided above; its vars (and the item) pass to its tasks.
      const vars = task.loop === undefined ? task.vars : { ...task.vars, [task.loopVar]: item };
      const parent = newTask({ ...task, name: task.name, when: [], tags: [], vars, source: task.source });
      delete parent.included;
      delete parent.includes;
      delete parent.loop;
      await runTasks(state, task.included ?? [], group, parent, rescuable);
    }
  }
}
