// A held lock: the lease behind the key, kept alive every ttl/3 through whichever member answers
// (old members leave during a migration), and revoked on release, which deletes the key with it.
import type { ModuleContext } from '../types.js';
import { connectOwned, type ConnArgs, type EtcdConn } from './client.js';
import { etcdMessage } from './errors.js';

type OwnedConn = EtcdConn & { close(): Promise<void> };

/** One lease, its key, and the members it can be renewed through (connections of its own). */
export class HeldLock {
  private conns = new Map<string, Promise<OwnedConn>>();
  private timer: NodeJS.Timeout | null = null;
  private preferred: string;
  /** The lease once the key is ours; null while only asking. */
  leaseId: string | null = null;
  /** The last keepalive failure, when every endpoint failed. */
  lastError: string | null = null;

  constructor(private readonly ctx: ModuleContext, private readonly args: ConnArgs, readonly key: string, readonly ttl: number) {
    this.preferred = args.endpoints[0];
  }

  /** The key is ours under `leaseId`: renew it every ttl/3 seconds, through `endpoint` first. */
  hold(leaseId: string, endpoint: string): void {
    this.leaseId = leaseId;
    this.preferred = endpoint;
    this.timer = setInterval(() => void this.renew(), (this.ttl * 1000) / 3);
    this.timer.unref();
  }

  /** A connection of our own to `endpoint` (opened once; a failed open is retried next time). */
  conn(endpoint: string): Promise<OwnedConn> {
    let c = this.conns.get(endpoint);
    if (!c) {
      c = connectOwned(this.ctx, this.args, endpoint);
      this.conns.set(endpoint, c);
      c.catch(() => this.conns.delete(endpoint));
    }
    return c;
  }

  /** One keepalive through the first endpoint that answers, the one that answered last time first. */
  async renew(): Promise<boolean> {
    if (!this.leaseId) return false;
    for (const ep of [this.preferred, ...this.args.endpoints.filter((e: string) => e !== this.preferred)]) {
      try {
        const c = await this.conn(ep);
        const ttl = await keepaliveOnce(c, this.leaseId!);
        if (ttl <= 0) throw new Error('lease expired');
        this.preferred = ep;
        this.lastError = null;
        return true;
      } catch (e) {
        this.lastError = `${ep}: ${etcdMessage(e)}`;
      }
    }
    return false;
  }

  /** Stops renewing, revokes the lease (the key goes with it), closes our connections. */
  async release(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const lease = this.leaseId;
    this.leaseId = null;
    for (const ep of lease ? [this.preferred, ...this.args.endpoints] : []) {
      try {
        const c = await this.conn(ep);
        await c.call('lease revoke', (x) => x.leaseClient.leaseRevoke({ ID: lease! }));
        break;
      } catch {
        // next endpoint; if none answers, the lease expires after its ttl
      }
    }
    for (const c of this.conns.values()) await (await c.catch(() => null))?.close();
    this.conns.clear();
  }
}

/** Sends one keepalive on a fresh stream and returns the TTL etcd granted (0: the lease is gone). */
async function keepaliveOnce(c: EtcdConn, leaseId: string): Promise<number> {
  const stream = await c.client.leaseClient.leaseKeepAlive({ deadline: Date.now() + 3000 } as never);
  try {
    return await new Promise<number>((resolve, reject) => {
      setTimeout(() => reject(new Error('no keepalive answer in 3s')), 3000).unref();
      stream.on('data', (r: { TTL: string }) => resolve(Number(r.TTL)));
      stream.on('error', reject);
      stream.on('end', () => reject(new Error('keepalive stream ended')));
      stream.write({ ID: leaseId });
    });
  } finally {
    stream.end();
  }
}
