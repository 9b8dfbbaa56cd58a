// Which connection a task's target uses: an inventory host's own, or the control machine for
// `localhost`; the transports themselves are opened and cached by the run's ConnectionPool.
import { TaskError } from '../errors.js';
import type { ConnectionPool } from '../transport/pool.js';
import type { ConnectionSpec, LocalSpec } from '../transport/spec.js';
import type { Transport } from '../transport/types.js';

/** Names that mean the control machine when no inventory host has them. */
const LOCAL_NAMES = new Set(['localhost', '127.0.0.1', '::1']);

/** The spec of the control machine, for `delegate_to: localhost`. */
export function localSpec(): LocalSpec {
  return { type: 'local' };
}

/** What a task's `connection` and `remote_user` keywords ask for; the host's own vars still win. */
export interface TaskConnection {
  connection?: 'ssh' | 'local';
  remoteUser?: string;
}

/** Resolves task targets to specs and hands them to the pool (which keeps the one cache). */
export class Connections {
  /** `specOf` returns the spec of an inventory host, or undefined for a name the inventory lacks. */
  constructor(
    private readonly pool: ConnectionPool,
    private readonly specOf: (host: string, how: TaskConnection) => ConnectionSpec | undefined,
  ) {}

  /**
   * The connected transport of `host` (an inventory host, or localhost); `onWait` hears a slow session
   * start; `how` is the task's keywords (a connection of its own when they differ). Throws ConnectError.
   */
  get(host: string, onWait?: (msg: string) => void, how: TaskConnection = {}): Promise<Transport> {
    return this.pool.get(host, () => {
      const spec = this.specOf(host, how) ?? (LOCAL_NAMES.has(host) ? localSpec() : undefined);
      if (!spec) throw new TaskError(`delegate_to: "${host}" is neither an inventory host nor localhost`, { host });
      return spec;
    }, onWait, keyOf(host, how));
  }

  /** A new connection to `host`: the cached one (or its remembered failure) is dropped first. Throws ConnectError. */
  reconnect(host: string, onWait?: (msg: string) => void, how: TaskConnection = {}): Promise<Transport> {
    this.pool.forget(keyOf(host, how));
    return this.get(host, onWait, how);
  }
}

/** The pool's key: a task's own connection or user makes a connection of its own. */
function keyOf(host: string, how: TaskConnection): string {
  return how.connection || how.remoteUser ? `${host} (${how.connection ?? ''}:${how.remoteUser ?? ''})` : host;
}
