// `async` / `poll` on one task: with poll > 0 the module must end within `async` seconds (every
// command it sends carries the remaining time, killed on the host when it runs out) or the host
// fails, as Ansible's async_wrapper kills the job; with poll 0 the module's command starts
// detached on the host and the task returns its job id at once, for async_status.
import { randomInt } from 'node:crypto';
import type { Task } from '../load/types.js';
import { fail, type ModuleResult } from '../modules/types.js';
import { launchJobCommand } from '../transport/async-job.js';
import { overrideExec } from '../transport/exec-override.js';
import type { Transport } from '../transport/types.js';

/** Runs the module (`run`, given the transport to use) under the task's async and poll. */
export async function runAsync(task: Task, transport: Transport, run: (t: Transport) => Promise<ModuleResult>): Promise<ModuleResult> {
  const seconds = task.asyncSeconds!;
  if (task.pollSeconds === 0) return detached(seconds, transport, run);
  const deadline = Date.now() + seconds * 1000;
  let expired = false;
  const limited = overrideExec(transport, async (command, options = {}) => {
    const left = deadline - Date.now();
    const r = await transport.exec(command, { ...options, timeoutMs: Math.max(1, Math.min(options.timeoutMs ?? Infinity, left)) });
    if (r.timedOut && Date.now() >= deadline - 50) expired = true;
    return r;
  });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), seconds * 1000 + 2000)));
  try {
    const result = await Promise.race([run(limited), late]);
    if (result === 'late' || expired) return fail(`async task did not complete within the requested time - ${seconds}s`, { finished: 0 });
    return { ...result, finished: 1 };
  } finally {
    clearTimeout(timer);
  }
}

// The module's changing command (the one it streams) becomes the job; its probes run as usual.
async function detached(seconds: number, transport: Transport, run: (t: Transport) => Promise<ModuleResult>): Promise<ModuleResult> {
  const jid = jobId();
  let launched = false;
  const launching = overrideExec(transport, (command, options = {}) => {
    if (!options.onOutput || launched) return transport.exec(command, options);
    launched = true;
    return transport.exec(launchJobCommand(jid, command, seconds), { become: options.become, signal: options.signal });
  });
  const result = await run(launching);
  if (!launched || result.failed) return result.failed ? result : { ...result, changed: false };
  return { changed: true, failed: false, started: 1, finished: 0, ansible_job_id: jid, results_file: `~/.ferry_async/${jid}` };
}

function jobId(): string {
  return `${randomInt(1e11)}.${process.pid}`;
}

