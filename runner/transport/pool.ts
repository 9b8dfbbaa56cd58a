// One Transport per host for the whole run. Concurrent callers share one connect; a host that
// could not be reached stays unreachable, so later tasks fail fast instead of reconnecting.
import { ConnectError } from '../errors.js';
import type { ConnectionSpec } from '../load/types.js';
import { LocalTransport } from './local.js';
import type { SshConnectOptions } from './ssh-connect.js';
import { SshTransport } from './ssh.js';
import type { Transport } from './types.js';

/** Builds a transport; replaceable in tests (MemoryTransport). */
export type TransportFactory = (name: string, spec: ConnectionSpec) => Transport;

/** Opens and caches connections by host name. */
export class ConnectionPool {
  private readonly open = new Map<string, Promise<Transport>>();
  private readonly failures = new Map<string, ConnectError>();
  private readonly factory: TransportFactory;

  constructor(opts: SshConnectOptions & { factory?: TransportFactory }) {
    this.factory = opts.factory ?? ((name, spec) => (spec.type === 'local' ? new LocalTransport(name) : new SshTransport(name, spec, opts)));
  }

  /** The connected transport for `name`; throws the remembered ConnectError for an unreachable host. */
  get(name: string, spec: ConnectionSpec): Promise<Transport> {
    const failed = this.failures.get(name);
    if (failed) return Promise.reject(failed);
    let pending = this.open.get(name);
    if (!pending) {
      const transport = this.factory(name, spec);
      pending = transport.connect().then(
        () => transport,
        (err: unknown) => {
          const ce = err instanceof ConnectError ? err : new ConnectError(name, String((err as Error)?.message ?? err), { cause: err });
          this.failures.set(name, ce);
          this.open.delete(name);
          void transport.close().catch(() => {});
          throw ce;
        },
      );
      this.open.set(name, pending);
    }
    return pending;
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
}
