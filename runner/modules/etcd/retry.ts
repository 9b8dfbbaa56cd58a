// Polling with backoff for etcd's transient refusals (unhealthy cluster for 5 s after a
// membership change, a learner still catching up). Never a fixed sleep: each attempt asks etcd.
import { setTimeout as sleep } from 'node:timers/promises';
import { TaskError } from '../../errors.js';
import { etcdMessage } from './errors.js';

/** How long and on what to keep trying. */
export interface RetryOptions {
  /** Give up after this long (ms), counted from `since()` when given (e.g. the last sign of progress). */
  timeoutMs: number;
  /** When the timeout starts counting (ms epoch); re-read before each wait. Default: the first attempt. */
  since?: () => number;
  /** Which errors mean "try again". */
  retryIf: (err: unknown) => boolean;
  /** Called before each wait, e.g. to emit a progress line. */
  onRetry?: (err: unknown, attempt: number, elapsedMs: number) => Promise<void> | void;
  signal?: AbortSignal;
  initialDelayMs?: number;
  maxDelayMs?: number;
}

/** Sleeps `ms` unless aborted. */
async function delay(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await sleep(ms, undefined, { signal });
  } catch (e) {
    throw new TaskError('interrupted', {}, { cause: e });
  }
}

/** Runs `fn` until it succeeds, a non-retryable error occurs, or the timeout passes. */
export async function retrying<T>(fn: () => Promise<T>, opts: RetryOptions): Promise<T> {
  const start = Date.now();
  let wait = opts.initialDelayMs ?? 100;
  // Short: the conditions waited on (5 s health window, catch-up) clear at a moment we cannot predict.
  const max = opts.maxDelayMs ?? 300;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      const elapsed = Date.now() - start;
      if (!opts.retryIf(e)) throw e;
      if (Date.now() - (opts.since?.() ?? start) + wait > opts.timeoutMs) {
        const msg = e instanceof Error ? e.message : etcdMessage(e);
        throw new TaskError(`${msg} (still refused after ${Math.round(elapsed / 100) / 10}s and ${attempt} attempts)`, {}, { cause: e });
      }
      await opts.onRetry?.(e, attempt, elapsed);
      await delay(wait, opts.signal);
      wait = Math.min(max, Math.round(wait * 1.6));
    }
  }
}
