// One task item on one host, with until/retries/delay and changed_when/failed_when applied.
import { setTimeout as delay } from 'node:timers/promises';
import type { Task, Vars } from '../load/types.js';
import type { ModuleResult } from '../modules/types.js';
import { evaluateCondition } from '../template/index.js';
import { callModule, whereOf } from './module-call.js';
import type { PlayState } from './run-state.js';

/** Runs the module until `until` holds (retries+1 attempts at most), then applies changed_when/failed_when. */
export async function runAttempts(state: PlayState, task: Task, host: string, vars: Vars): Promise<ModuleResult> {
  const attempts = task.until ? Math.max(0, task.retries) + 1 : 1;
  let result: ModuleResult = { changed: false, failed: false };
  for (let attempt = 1; attempt <= attempts; attempt++) {
    result = overrides(task, host, vars, await callModule(state, task, host, vars));
    if (!task.until || result.skipped) return result;
    result.attempts = attempt;
    const held = holds(task.until, task, host, withResult(task, vars, result));
    if (held === true) return result;
    if (attempt === attempts) break;
    state.run.emit({
      kind: 'retry',
      task: task.name,
      host,
      attempt,
      retries: attempts - 1,
      msg: typeof held === 'string' ? held : result.msg,
      ...(task.noLog ? { noLog: true } : {}),
    });
    await sleep(task.delay * 1000, state.run.signal);
    if (state.run.signal.aborted) break;
  }
  return { ...result, failed: true, msg: `until condition "${task.until}" still false after ${attempts} attempts${result.msg ? `: ${result.msg}` : ''}` };
}

// changed_when / failed_when see the result under the register name, as in Ansible.
function overrides(task: Task, host: string, vars: Vars, result: ModuleResult): ModuleResult {
  if (result.skipped || (!task.changedWhen && !task.failedWhen)) return result;
  const scope = withResult(task, vars, result);
  const where = whereOf(task, host);
  try {
    if (task.changedWhen) result.changed = evaluateCondition(task.changedWhen, scope, where);
    if (task.failedWhen) {
      result.failed = evaluateCondition(task.failedWhen, scope, where);
      if (result.failed && !result.msg) result.msg = `failed_when "${task.failedWhen}" held`;
    }
  } catch (err) {
    return { ...result, failed: true, msg: err instanceof Error ? err.message : String(err) };
  }
  return result;
}

function withResult(task: Task, vars: Vars, result: ModuleResult): Vars {
  return task.register ? { ...vars, [task.register]: result } : vars;
}

// true when the condition holds; otherwise false, or the error text when it could not be evaluated.
function holds(expr: string, task: Task, host: string, vars: Vars): true | false | string {
  try {
    return evaluateCondition(expr, vars, whereOf(task, host));
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

// An abort ends the wait early; the run's own abort handling stops what follows.
async function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0) return;
  await delay(ms, undefined, { signal }).catch(() => undefined);
}
