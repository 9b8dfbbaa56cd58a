// Ctrl-C stops a run cleanly: the first SIGINT aborts (tasks in flight end, connections close, the
// recap prints); a second one exits at once.
import { EXIT } from '../exit-codes.js';

/** Runs `work` with a signal aborted by the first SIGINT. */
export async function withInterrupt<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSigint = (): void => {
    if (controller.signal.aborted) process.exit(EXIT.failed);
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    return await work(controller.signal);
  } finally {
    process.off('SIGINT', onSigint);
  }
}
