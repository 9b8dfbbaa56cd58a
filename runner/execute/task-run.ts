// One task on one host: when, loop, the attempts, then register, facts, counts, events and notify.
import { ConnectError } from '../errors.js';
import type { Task, Vars } from '../load/types.js';
import { fail, type ModuleResult } from '../modules/types.js';
import type { HostStatus } from '../report/events.js';
import { addSecret, collectSecrets } from '../report/redact.js';
import { evaluate, evaluateCondition } from '../template/index.js';
import { runAttempts } from './attempts.js';
import { loopItems } from './loop-items.js';
import type { HostState } from './host-state.js';
import { whereOf } from './module-call.js';
import type { PlayState } from './run-state.js';
import { refreshHostVars, taskVars } from './vars.js';

/** How one task ended on one host. */
export interface Outcome {
  status: HostStatus;
  result: ModuleResult;
  ignored: boolean;
}

/** Runs `task` for `host` and records everything about it; returns the registered value. */
export async function runTaskOnHost(state: PlayState, task: Task, host: HostState): Promise<ModuleResult> {
  const { run } = state;
  const started = Date.now();
  run.emit({ kind: 'host_start', task: task.name, host: host.name });
  if (host.dirty) refreshHostVars(host, run.extra, state.magic);
  let outcome: Outcome;
  try {
    const vars = taskVars(host, task, run.extra);
    // Task (and block) vars named as secrets are masked like play vars, once their values are known.
    if (Object.keys(task.vars).length > 0) collectSecrets(Object.fromEntries(Object.keys(task.vars).map((k) => [k, vars[k]])), run.secrets);
    outcome = task.loop === undefined ? await runSingle(state, task, host.name, vars) : await runLoop(state, task, host.name, vars);
  } catch (err) {
    if (!(err instanceof ConnectError)) throw err;
    outcome = { status: 'unreachable', result: { ...fail(err.message), unreachable: true }, ignored: false };
  }
  record(state, task, host, outcome);
  run.emit({
    kind: 'host_result',
    task: task.name,
    host: host.name,
    status: outcome.status,
    result: outcome.result,
    durationMs: Date.now() - started,
    ...(outcome.ignored ? { ignored: true } : {}),
    ...(task.noLog ? { noLog: true } : {}),
  });
  return outcome.result;
}

async function runSingle(state: PlayState, task: Task, host: string, vars: Vars): Promise<Outcome> {
  const skip = whenFails(task, host, vars);
  const result = skip ?? (await runAttempts(state, task, host, vars));
  return outcomeOf(task, result);
}

// Each item is checked against `when` and run in turn; the registered value gathers them under `results`.
async function runLoop(state: PlayState, task: Task, host: string, vars: Vars): Promise<Outcome> {
  let items: unknown;
  try {
    items = evaluate(task.loop, vars, whereOf(task, host));
  } catch (err) {
    return outcomeOf(task, fail(err instanceof Error ? err.message : String(err)));
  }
  const list = loopItems(task, items, state.play.baseDir ?? state.run.playbook.baseDir);
  if (typeof list === 'string') return outcomeOf(task, fail(list));
  const results: ModuleResult[] = [];
  for (const item of list) {
    const started = Date.now();
    const itemVars = task.loopVar in state.run.extra ? vars : { ...vars, [task.loopVar]: item };
    const result = whenFails(task, host, itemVars) ?? (await runAttempts(state, task, host, itemVars));
    const itemResult = { ...result, [task.loopVar]: item, item, ansible_loop_var: task.loopVar };
    results.push(itemResult);
    const { status, ignored } = outcomeOf(task, itemResult);
    state.run.emit({
      kind: 'host_result', task: task.name, host, status, result: itemResult, durationMs: Date.now() - started, item,
      ...(ignored ? { ignored: true } : {}),
      ...(task.noLog ? { noLog: true } : {}),
    });
  }
  const failed = results.some((r) => r.failed);
  const skipped = results.length === 0 || results.every((r) => r.skipped);
  return outcomeOf(task, {
    changed: results.some((r) => r.changed),
    failed,
    ...(skipped ? { skipped: true } : {}),
    msg: failed ? 'One or more items failed' : 'All items completed',
    results,
  });
}

// A skipped result when some `when` does not hold; a failed one when it cannot be evaluated.
function whenFails(task: Task, host: string, vars: Vars): ModuleResult | undefined {
  for (const expr of task.when) {
    try {
      if (!evaluateCondition(expr, vars, whereOf(task, host))) {
        return { changed: false, failed: false, skipped: true, skip_reason: 'Conditional result was False', false_condition: expr };
      }
    } catch (err) {
      return fail(err instanceof Error ? err.message : String(err));
    }
  }
  return undefined;
}

function outcomeOf(task: Task, result: ModuleResult): Outcome {
  if (result.failed) return { status: 'failed', result, ignored: task.ignoreErrors };
  if (result.skipped) return { status: 'skipped', result, ignored: false };
  return { status: result.changed ? 'changed' : 'ok', result, ignored: false };
}

// Ansible's bookkeeping: ok counts changed results too; an ignored failure counts as ok + ignored.
function record(state: PlayState, task: Task, host: HostState, outcome: Outcome): void {
  const { counts } = host;
  const extra = state.run.extra;
  const { result } = outcome;
  if (task.register) host.setRuntime(task.register, result, extra);
  // A no_log result stays hidden when a later task prints what was registered.
  if (task.register && task.noLog) addSecret(result, state.run.secrets);
  switch (outcome.status) {
    case 'unreachable':
      counts.unreachable++;
      host.unreachable = true;
      return;
    case 'skipped':
      counts.skipped++;
      return;
    case 'failed':
      host.setRuntime('ansible_failed_task', { name: task.name, ...task.source }, extra);
      host.setRuntime('ansible_failed_result', result, extra);
      if (!outcome.ignored) {
        counts.failed++;
        host.failed = true;
        return;
      }
      counts.ignored++;
      counts.ok++;
      return;
    default:
      counts.ok++;
      if (result.changed) {
        counts.changed++;
        for (const name of task.notify) host.notified.add(name);
      }
      mergeFacts(state, host, result);
  }
}

// set_fact and setup return `facts`; secret-named facts join the values to mask.
function mergeFacts(state: PlayState, host: HostState, result: ModuleResult): void {
  const facts = result.facts ?? result.ansible_facts;
  if (!facts || typeof facts !== 'object' || Array.isArray(facts)) return;
  for (const [name, value] of Object.entries(facts)) host.setRuntime(name, value, state.run.extra);
  collectSecrets(facts as Vars, state.run.secrets);
}

/** run_once: the other hosts of the batch take the first host's registered value and facts, and its
 * failure (unless ignored), as Ansible does: a failed run_once task fails every host of the batch. */
export function adoptResult(state: PlayState, task: Task, host: HostState, result: ModuleResult): void {
  if (task.register) host.setRuntime(task.register, result, state.run.extra);
  if (result.failed && !result.unreachable && !task.ignoreErrors) {
    host.setRuntime('ansible_failed_task', { name: task.name, ...task.source }, state.run.extra);
    host.setRuntime('ansible_failed_result', result, state.run.extra);
    host.failed = true;
    return;
  }
  if (!result.failed && !result.skipped) mergeFacts(state, host, result);
}
