// The run-scoped cache behind ModuleContext.resources: tunnels, etcd clients, closed when the run ends.
import type { RunResources } from '../modules/types.js';

interface Entry {
  value: Promise<unknown>;
  dispose: (value: any) => Promise<void> | void;
}

/** A RunResources whose entries are created once per key and disposed by closeAll(). */
export class ResourceCache implements RunResources {
  private readonly entries = new Map<string, Entry>();

  /** Returns the cached value for `key`, creating it on first use (concurrent callers share one creation). */
  get<T>(key: string, create: () => Promise<T>, dispose: (value: T) => Promise<void> | void): Promise<T> {
    let entry = this.entries.get(key);
    if (!entry) {
      const value = create();
      entry = { value, dispose };
      this.entries.set(key, entry);
      // A failed creation is not cached: the next caller tries again.
      value.catch(() => this.entries.delete(key));
    }
    return entry.value as Promise<T>;
  }

  /** Disposes every resource, newest first; errors are collected, never thrown. */
  async closeAll(): Promise<Error[]> {
    const errors: Error[] = [];
    for (const entry of [...this.entries.values()].reverse()) {
      try {
        await entry.dispose(await entry.value);
      } catch (err) {
        errors.push(err instanceof Error ? err : new Error(String(err)));
      }
    }
    this.entries.clear();
    return errors;
  }
}
