// One Transport per host for the whole run. Concurrent callers share one connect; a host that
// could not be reached stays unreachable, so later tasks fail fast instead of reconnecting.
import { ConnectError } from '../errors.js';
import { Semaphore } from '../semaphore.js';
import { createTransport, type TransportOptions } from './registry.js';
import { MAX_HANDSHAKES } from './ssh-connect.js';
import type { ConnectionSpec } from './spec.js';
import type { Transport } from './types.js';

/** Builds a transport; replaceable in tests (MemoryTransport). The pool calls its connect(). */
export type TransportFactory = (name: string, spec: ConnectionSpec) => Transport | Promise<Transport>;

/** The registry's transports with run-wide options, or a test's factory. */
export type PoolOptions = TransportOptions & { factory?: TransportFactory };

/** Opens and caches connections by host name; the one cache of connections in a run. */
export class ConnectionPool {
  private readonly open = new Map<string, Promise<Transport>>();
  private readonly failures = new Map<string, ConnectError>();
  /** Who hears about slow session starts, per host while its connect is pending. */
  private readonly waiters = new Map<string, Set<(msg: string) => void>>();
  /** Bumped by forget(): a connect begun before it neither caches nor records its outcome. */
  private readonly generations = new Map<string, number>();
  private readonly factory: TransportFactory;

  constructor(opts: PoolOptions) {
    // One bound on key exchanges in flight for all of the run's connections.
    const shared: TransportOptions = { handshakes: new Semaphore(MAX_HANDSHAKES), ...opts };
    this.factory = opts.factory ?? ((name, spec) => createTransport(name, spec, shared));
  }

  /**
   * The connected transport for `name`; throws the remembered ConnectError for an unreachable host.
   * `spec` may be a function, so a cached host never recomputes it. `onWait` hears about a slow
   * session start while this connect is pending. `key` tells apart connections to one host that
   * differ (another user or connection type, from task keywords); it defaults to the host name.
   */
  get(name: string, spec: ConnectionSpec | (() => ConnectionSpec), onWait?: (msg: string) => void, key = name): Promise<Transport> {
    const failed = this.failures.get(key);
    if (failed) return Promise.reject(failed);
    let pending = this.open.get(key);
    if (!pending) {
      let resolved: ConnectionSpec;
      try {
        resolved = typeof spec === 'function' ? spec() : spec;
      } catch (err) {
        return Promise.reject(err);
      }
      this.waiters.set(key, new Set());
      pending = this.connect(name, resolved, key);
      this.open.set(key, pending);
    }
    if (onWait) this.waiters.get(key)?.add(onWait);
    return pending;
  }

  /** Forgets `key`'s connection and remembered failure (the next get connects anew); an open one is closed. */
  forget(key: string): void {
    this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
    this.failures.delete(key);
    const open = this.open.get(key);
    this.open.delete(key);
    void open?.then((t) => t.close()).catch(() => {});
  }

  /** The error a host failed with, if it was unreachable. */
  failure(name: string): ConnectError | undefined {
    return this.failures.get(name);
  }

  /** Closes every connection; errors on close are ignored, the run is over. */
  async closeAll(): Promise<void> {
    const all = [...this.open.values()];
    this.open.clear();
    await Promise.all(all.map((p) => p.then((t) => t.close()).catch(() => {})));
  }

  private async connect(name: string, spec: ConnectionSpec, key: string): Promise<Transport> {
    let transport: Transport | undefined;
    const generation = this.generations.get(key) ?? 0;
    const current = () => (this.generations.get(key) ?? 0) === generation;
    try {
      transport = await this.factory(name, spec);
      await transport.connect({ onWait: (msg) => this.waiters.get(key)?.forEach((listen) => listen(msg)) });
      // Logged in; the tasks that wait for the session to start hear of it until it has.
      const open = transport;
      void (open.sessionStarted?.() ?? Promise.resolve()).then(
        () => {
          if (current()) this.waiters.delete(key);
        },
        (err: unknown) => {
          if (!current()) return;
          this.waiters.delete(key);
          this.failures.set(key, err instanceof ConnectError ? err : new ConnectError(name, String(err), { cause: err }));
          void open.close().catch(() => {});
        },
      );
      return transport;
    } catch (err) {
      const ce = err instanceof ConnectError ? err : new ConnectError(name, err instanceof Error ? err.message : String(err), { cause: err });
      // An attempt given up on (forget() since) must not mark a host that a later attempt reached.
      if (!current()) {
        void transport?.close().catch(() => {});
        throw ce;
      }
      this.waiters.delete(key);
      this.failures.set(key, ce);
      this.open.delete(key);
      void transport?.close().catch(() => {});
      throw ce;
    }
  }
}
