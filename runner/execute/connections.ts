// One connection per host for the whole run, opened on first use; delegate_to targets included.
import { userInfo } from 'node:os';
import { ConnectError, TaskError } from '../errors.js';
import type { ConnectionSpec } from '../load/types.js';
import type { Transport } from '../transport/types.js';
import type { Connect } from './types.js';

/** Names that mean the control machine when no inventory host has them. */
const LOCAL_NAMES = new Set(['localhost', '127.0.0.1', '::1']);

/** The spec of the control machine, for `delegate_to: localhost`. */
export function localSpec(): ConnectionSpec {
  return { type: 'local', address: 'localhost', port: 0, user: userInfo().username, become: false, becomeUser: 'root' };
}

/** Caches each host's transport (a failed connect too: the host stays unreachable). */
export class Connections {
  private readonly cache = new Map<string, Promise<Transport>>();

  /** `specOf` returns the spec of an inventory host, or undefined for a name the inventory lacks. */
  constructor(
    private readonly connect: Connect,
    private readonly specOf: (host: string) => ConnectionSpec | undefined,
  ) {}

  /** The connected transport of `host` (an inventory host, or localhost). Throws ConnectError. */
  get(host: string): Promise<Transport> {
    let transport = this.cache.get(host);
    if (!transport) {
      transport = this.open(host);
      this.cache.set(host, transport);
    }
    return transport;
  }

  private async open(host: string): Promise<Transport> {
    const spec = this.specOf(host) ?? (LOCAL_NAMES.has(host) ? localSpec() : undefined);
    if (!spec) throw new TaskError(`delegate_to: "${host}" is neither an inventory host nor localhost`, { host });
    try {
      const transport = await this.connect(host, spec);
      await transport.connect();
      return transport;
    } catch (err) {
      if (err instanceof ConnectError) throw err;
      throw new ConnectError(host, err instanceof Error ? err.message : String(err), { cause: err });
    }
  }
}
