// Polling a host over fresh connections, for modules that outlive their connection (wait_for_connection,
// reboot): each attempt drops the cached connection, logs in anew and runs one command, bounded in time.
import { setTimeout as delay } from 'node:timers/promises';
import { ConnectError, HostKeyError } from '../../errors.js';
import type { ExecResult } from '../../transport/types.js';
import type { ModuleContext } from '../types.js';

/** Sleeps `ms`, or less when the run is aborted (no listener left behind on the run's signal). */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return delay(ms, undefined, { signal }).catch(() => undefined);
}

/** One attempt: a new connection that runs `command` (with the task's become), within `ms`. Throws ConnectError. */
export async function freshExec(ctx: ModuleContext, command: string, ms: number): Promise<ExecResult> {
  if (!ctx.reconnect) throw new ConnectError(ctx.host, 'this module needs a reconnecting call (reconnects: true)');
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ConnectError(ctx.host, `no answer within ${ms / 1000} s`)), ms);
  });
  try {
    const t = await Promise.race([ctx.reconnect(), deadline]);
    return await Promise.race([t.exec(command, { become: ctx.become, signal: ctx.signal, timeoutMs: ms }), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** How long to poll, and how. Seconds. */
export interface PollTimes {
  timeout: number;
  sleep: number;
  connect_timeout: number;
}

/**
 * Runs `command` over fresh connections until `done` says the output is what is wanted, or `timeout`
 * passes. A refused host key ends it at once (it is no "not up yet"). Returns null on success, else why.
 */
export async function pollFresh(ctx: ModuleContext, command: string, times: PollTimes, done: (r: ExecResult) => boolean | string, what: string): Promise<string | null> {
  const end = Date.now() + times.timeout * 1000;
  let last = 'no attempt';
  let said = false;
  for (;;) {
    if (ctx.signal.aborted) return 'the run was interrupted';
    try {
      const r = await freshExec(ctx, command, times.connect_timeout * 1000);
      const verdict = done(r);
      if (verdict === true) return null;
      last = typeof verdict === 'string' ? verdict : `rc ${r.rc}: ${r.stderr.trim().split('\n').at(-1) ?? ''}`;
    } catch (err) {
      if (err instanceof HostKeyError) return err.message;
      last = err instanceof Error ? err.message : String(err);
    }
    if (Date.now() + times.sleep * 1000 >= end) return `timed out after ${times.timeout} s: ${last}`;
    if (!said) {
      ctx.progress(`waiting up to ${times.timeout} s for ${ctx.host} ${what} (${last})`);
      said = true;
    }
    await pause(times.sleep * 1000, ctx.signal);
  }
}
