// Bounds concurrent work: host-tasks (`--forks`), channels on one SSH connection (sshd's MaxSessions),
// key exchanges in flight.

/** A counting semaphore; `run` holds one slot for the duration of `fn`. */
export class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`a limit must be a positive integer, got ${String(limit)}`);
  }

  /** Slots currently held, for tests that check the cap. */
  get inUse(): number {
    return this.active;
  }

  /** Takes a slot once one is free; resolves with the function that gives it back (once). */
  acquire(): Promise<() => void> {
    return new Promise((taken) => {
      void this.run(() => new Promise<void>((release) => {
        let given = false;
        taken(() => {
          if (!given) release();
          given = true;
        });
      }));
    });
  }

  /** Runs `fn` once a slot is free, releasing it however `fn` ends. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so `active` stays counted.
      if (next) next();
      else this.active--;
    }
  }
}
