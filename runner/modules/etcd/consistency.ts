// HashKV of every voter at one revision: equal hashes mean the members hold the same data.
// The etcd3 client's hashKV() is broken (it calls a method gRPC names `hashKv`): use the raw pool call.
import type { ModuleContext } from '../types.js';
import { connect, type ConnArgs } from './client.js';
import { says } from './errors.js';
import { retrying } from './retry.js';

/** One voter's hash at the checked revision. */
export interface HashRow {
  endpoint: string;
  hash: string;
  compactRevision: string;
}

/** The outcome of a consistency check. */
export interface Consistency {
  revision: number;
  equal: boolean;
  hashes: HashRow[];
}

/** HashKV of each endpoint at `revision`, waiting briefly for members still applying up to it. */
export async function hashKvAt(ctx: ModuleContext, args: ConnArgs, endpoints: string[], revision: number): Promise<Consistency> {
  const hashes = await Promise.all(endpoints.map(async (endpoint) => {
    const conn = await connect(ctx, args, endpoint);
    const res = await retrying(
      () => conn.call(`hashkv --rev ${revision}`, (c) => c.raw<{ hash: string; compact_revision: string }>('Maintenance', 'HashKV', { revision })),
      { timeoutMs: 10000, retryIf: (e) => says(e, 'future revision'), signal: ctx.signal, initialDelayMs: 50, maxDelayMs: 500 },
    );
    return { endpoint, hash: String(res.hash), compactRevision: String(res.compact_revision) };
  }));
  return { revision, equal: new Set(hashes.map((h) => h.hash)).size <= 1, hashes };
}

/** A failure message listing each endpoint's hash. */
export function hashMismatch(c: Consistency): string {
  return `HashKV differs at revision ${c.revision}: ${c.hashes.map((h) => `${h.endpoint}=${h.hash}`).join(', ')}`;
}
