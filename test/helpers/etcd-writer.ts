// Client traffic against a lab etcd cluster, straight to the hosts' client ports (the control machine
// reaches the lab subnet), for migration tests, the demo and the benchmark.
//
//   import { EtcdWriter, loadKeys, countKeys } from '../helpers/etcd-writer.js';
//   const w = new EtcdWriter({ endpoints: [...oldUrls, ...newUrls], prefix: '/ferry-test/' });
//   w.start();                                  // puts keys one after another until stop()
//   ...migration...
//   const stats = await w.stop();               // { acked, errors, attempts, lastError }
//   const v = await w.verify(newUrls);          // { checked, missing: [...], wrong: [...] }
//   assert.deepEqual([v.missing, v.wrong], [[], []]);
//
//   await loadKeys(urls, { count: 50_000, size: 1024 });   // batched txns, concurrent: { count, ms }
//   await countKeys(urls, '/ferry-load/')
//
// The writer keeps one client per endpoint (etcd3 shuffles hosts otherwise) with no retries or
// circuit breaker of its own, sticks to an endpoint while it works and moves to the next on any
// error (no leader during an election, a removed member, a learner refusing writes). A put that
// failed may or may not have been applied, so it is never retried under the same key: the next
// attempt uses a new key. Only acknowledged puts are recorded (key → value), and verify() reads
// every recorded key back with a linearizable read.
import { Etcd3 } from 'etcd3';
import { noop } from 'cockatiel';

/** An etcd3 client for one endpoint, no retries, a deadline on each call. */
export function directClient(endpoint: string, callTimeoutMs = 2000): Etcd3 {
  return new Etcd3({
    hosts: [endpoint],
    dialTimeout: callTimeoutMs,
    faultHandling: { host: () => noop, global: noop },
    defaultCallOptions: (c) => (c.isStream ? {} : { deadline: Date.now() + callTimeoutMs }),
  });
}

/** Options of the continuous writer. */
export interface WriterOptions {
  endpoints: string[];
  /** Key prefix (default /ferry-writer/<pid>-<time>/). */
  prefix?: string;
  /** Value size in bytes (default 64). */
  valueSize?: number;
  /** Pause between acknowledged puts, ms (default 0: as fast as one client goes). */
  intervalMs?: number;
  /** Concurrent put loops (default 2). */
  concurrency?: number;
  /** Deadline of each put, ms (default 2000). */
  callTimeoutMs?: number;
}

/** What the writer saw. */
export interface WriterStats {
  acked: number;
  attempts: number;
  errors: number;
  lastError?: string;
}

/** Result of reading every acknowledged key back. */
export interface VerifyResult {
  checked: number;
  missing: string[];
  wrong: string[];
}

/** Puts keys continuously, records each acknowledged put, verifies them afterwards. */
export class EtcdWriter {
  readonly acked = new Map<string, string>();
  readonly prefix: string;
  private readonly clients: Etcd3[];
  private running = false;
  private loops: Promise<void>[] = [];
  private seq = 0;
  private stats: WriterStats = { acked: 0, attempts: 0, errors: 0 };

  constructor(private readonly o: WriterOptions) {
    if (o.endpoints.length === 0) throw new Error('EtcdWriter: no endpoints');
    this.prefix = o.prefix ?? `/ferry-writer/${process.pid}-${Date.now()}/`;
    this.clients = o.endpoints.map((e) => directClient(e, o.callTimeoutMs ?? 2000));
  }

  /** Starts the put loops (returns at once). */
  start(): void {
    if (this.running) return;
    this.running = true;
    const n = this.o.concurrency ?? 2;
    this.loops = Array.from({ length: n }, (_, i) => this.loop(i));
  }

  /** Stops the loops after their current put; returns the counts. */
  async stop(): Promise<WriterStats> {
    this.running = false;
    await Promise.all(this.loops);
    return { ...this.stats, acked: this.acked.size };
  }

  /** Reads every acknowledged key back (linearizable) through `endpoints` (default: the writer's). */
  async verify(endpoints = this.o.endpoints): Promise<VerifyResult> {
    const got = await readPrefix(endpoints, this.prefix);
    const missing: string[] = [];
    const wrong: string[] = [];
    for (const [k, v] of this.acked) {
      if (!(k in got)) missing.push(k);
      else if (got[k] !== v) wrong.push(k);
    }
    return { checked: this.acked.size, missing, wrong };
  }

  /** Closes the clients. */
  close(): void {
    for (const c of this.clients) c.close();
  }

  private async loop(slot: number): Promise<void> {
    let at = slot % this.clients.length;
    const size = this.o.valueSize ?? 64;
    while (this.running) {
      const n = this.seq++;
      const key = `${this.prefix}${String(n).padStart(8, '0')}`;
      const value = `${n}:${Date.now()}:`.padEnd(size, 'x');
      this.stats.attempts++;
      try {
        await this.clients[at].put(key).value(value);
        this.acked.set(key, value);
        if (this.o.intervalMs) await sleep(this.o.intervalMs);
      } catch (e) {
        this.stats.errors++;
        this.stats.lastError = `${this.o.endpoints[at]}: ${(e as Error).message}`;
        at = (at + 1) % this.clients.length;
        await sleep(20);
      }
    }
  }
}

/** The end of the range of keys starting with `prefix` (its last byte plus one). */
function prefixEnd(prefix: string): Buffer {
  const b = Buffer.from(prefix);
  for (let i = b.length - 1; i >= 0; i--) {
    if (b[i] < 0xff) return Buffer.concat([b.subarray(0, i), Buffer.from([b[i] + 1])]);
  }
  return Buffer.from([0]);
}

/** Every key under `prefix` through one client, in pages (one reply is capped at 4 MiB by gRPC). */
async function readPages(c: Etcd3, prefix: string, page = 2000): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const end = prefixEnd(prefix);
  let from = Buffer.from(prefix);
  for (;;) {
    const r = await c.kv.range({ key: from, range_end: end, limit: page });
    for (const kv of r.kvs) out[kv.key.toString()] = kv.value.toString();
    if (!r.more || r.kvs.length === 0) return out;
    from = Buffer.concat([r.kvs[r.kvs.length - 1].key, Buffer.from([0])]);
  }
}

/** Reads every key under `prefix` from the first endpoint that answers. */
export async function readPrefix(endpoints: string[], prefix: string): Promise<Record<string, string>> {
  let last: unknown;
  for (const e of endpoints) {
    const c = directClient(e, 10_000);
    try {
      return await readPages(c, prefix);
    } catch (err) {
      last = err;
    } finally {
      c.close();
    }
  }
  throw new Error(`no endpoint answered reading ${prefix}: ${(last as Error)?.message}`);
}

/** Number of keys under `prefix` (count only), from the first endpoint that answers. */
export async function countKeys(endpoints: string[], prefix = ''): Promise<number> {
  let last: unknown;
  for (const e of endpoints) {
    const c = directClient(e, 10_000);
    try {
      return prefix ? await c.getAll().prefix(prefix).count() : await c.getAll().count();
    } catch (err) {
      last = err;
    } finally {
      c.close();
    }
  }
  throw new Error(`no endpoint answered counting ${prefix}: ${(last as Error)?.message}`);
}

/** Options of the bulk loader. */
export interface LoadOptions {
  count: number;
  /** Value size in bytes (default 1024). */
  size?: number;
  prefix?: string;
  /** Puts per txn (default 100; etcd's --max-txn-ops is 128). */
  batch?: number;
  /** Txns in flight (default 8). */
  concurrency?: number;
}

/** Writes `count` keys of `size` bytes fast, in batched txns, spread over the endpoints. */
export async function loadKeys(endpoints: string[], o: LoadOptions): Promise<{ count: number; ms: number }> {
  const started = Date.now();
  const size = o.size ?? 1024;
  const batch = o.batch ?? 100;
  const prefix = o.prefix ?? '/ferry-load/';
  const clients = endpoints.map((e) => directClient(e, 30_000));
  let next = 0;
  const worker = async (w: number): Promise<void> => {
    for (;;) {
      const from = next;
      if (from >= o.count) return;
      next = Math.min(o.count, from + batch);
      const success = [];
      for (let i = from; i < next; i++) {
        const key = Buffer.from(`${prefix}${String(i).padStart(8, '0')}`);
        // Incompressible-ish values, so the db size is what the keys say.
        const value = Buffer.from(`${i}:`.padEnd(size, String.fromCharCode(97 + (i % 26))));
        success.push({ request_put: { key, value } });
      }
      await clients[w % clients.length].kv.txn({ success });
    }
  };
  try {
    await Promise.all(Array.from({ length: o.concurrency ?? 8 }, (_, i) => worker(i)));
  } finally {
    for (const c of clients) c.close();
  }
  return { count: o.count, ms: Date.now() - started };
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
