// Bounds how many host-tasks run at once (`--forks`).

/** A counting semaphore: run() waits for a free slot, then runs `fn`. */
export class Limiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`forks must be a positive integer, got ${String(size)}`);
  }

  /** Runs `fn` once a slot is free; slots are handed out in call order. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
