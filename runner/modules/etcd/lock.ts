// etcd_lock: one migration at a time per cluster. The lock is a key in the cluster itself, bound
// to a lease this run keeps alive: a second run is refused and told who holds it; a holder that
// crashed loses it when its lease runs out (at once when it was a process on this machine).
import { fail, ok, type ArgsAsWritten, type Module, type ModuleContext, type ModuleResult, type RunResources } from '../types.js';
import { connArgsProperties, type EtcdConn } from './client.js';
import { etcdMessage } from './errors.js';
import { describeHolder, holderGone, parseHolder, thisHolder } from './lock-holder.js';
import { HeldLock } from './lock-lease.js';

/** Arguments of etcd_lock. */
const lockArgsSchema = {
  type: 'object',
  properties: {
    ...connArgsProperties,
    state: { enum: ['acquired', 'released'], default: 'acquired', description: 'acquired (take it for this run) | released' },
    key: { type: 'string', minLength: 1, description: 'the lock key (default /ferry/lock/migrate-etcd)' },
    ttl: { type: 'integer', minimum: 5, maximum: 3600, description: 'lease seconds: how long a crashed holder on another machine keeps the lock (default 15)' },
    what: { type: 'string', description: 'what the holder is doing, shown to a refused run' },
  },
  required: ['endpoints'],
  additionalProperties: false,
} as const;

/** Arguments of etcd_lock. */
export type LockArgs = ArgsAsWritten<typeof lockArgsSchema>;

const DEFAULT_KEY = '/ferry/lock/migrate-etcd';

/** The locks each run holds, by key (a run is one ResourceCache). */
const held = new WeakMap<RunResources, Map<string, HeldLock>>();

function locksOf(ctx: ModuleContext): Map<string, HeldLock> {
  let m = held.get(ctx.resources);
  if (!m) held.set(ctx.resources, (m = new Map()));
  return m;
}

type Attempt = { result: ModuleResult } | { retry: true };

/** One try through one member: free → take it; held by a gone local process → clear it and retry; else refuse naming the holder. */
async function tryTake(args: LockArgs, ctx: ModuleContext, lock: HeldLock, conn: EtcdConn, ep: string, mayClear: boolean): Promise<Attempt> {
  const key = lock.key;
  const kv = (await conn.call('get lock', (c) => c.get(key).exec())).kvs[0];
  if (kv) {
    const holder = parseHolder(kv.value.toString());
    if (mayClear && holderGone(holder)) {
      // Its process is gone from this machine: waiting for its lease would only delay the rerun.
      ctx.progress(`taking over ${key} from ${describeHolder(holder)}: that process no longer runs`);
      await conn.call('delete stale lock', (c) => c.if(key, 'Mod', '==', kv.mod_revision).then(c.delete().key(key)).commit());
      return { retry: true };
    }
    const left = await conn.call('lease ttl', (c) => c.leaseClient.leaseTimeToLive({ ID: kv.lease })).then((r) => Number(r.TTL)).catch(() => null);
    return { result: fail(`another ferry run holds the migration lock ${key}: ${describeHolder(holder)}` +
      ` (a lease-backed key in etcd: it expires ${left ?? lock.ttl}s after its holder stops; wait for that run to end)`, { key, holder }) };
  }
  if (ctx.check) return { result: ok({ msg: `would take ${key} (free)`, key }) };
  const grant = await conn.call('lease grant', (c) => c.leaseClient.leaseGrant({ TTL: lock.ttl }));
  const value = JSON.stringify(thisHolder(args.what ?? 'migrate-etcd'));
  const put = await conn.call('put lock', (c) => c.if(key, 'Create', '==', 0).then(c.put(key).value(value).lease(String(grant.ID))).commit());
  if (!put.succeeded) {
    await conn.call('lease revoke', (c) => c.leaseClient.leaseRevoke({ ID: String(grant.ID) })).catch(() => undefined);
    return { retry: true }; // another run took it meanwhile: read it again and name it
  }
  lock.hold(String(grant.ID), ep);
  locksOf(ctx).set(key, lock);
  await ctx.resources.get(`etcd:lock:${key}:${lock.leaseId}`, async () => lock, (l) => l.release());
  // Not a change: the lock lives only as long as this run (a rerun that finds nothing to do reports 0 changed).
  return { result: ok({ changed: false, msg: `took ${key} (lease ${lock.leaseId}, ${lock.ttl}s, renewed while this run lasts)`, key, lease: lock.leaseId }) };
}

/** Takes the lock for this run, or fails naming the holder. */
async function acquire(args: LockArgs, ctx: ModuleContext, key: string): Promise<ModuleResult> {
  if (locksOf(ctx).has(key)) return ok({ msg: `this run already holds ${key}`, key });
  const lock = new HeldLock(ctx, args, key, args.ttl ?? 15);
  const errors: string[] = [];
  for (const ep of args.endpoints) {
    try {
      const conn = await lock.conn(ep);
      for (let attempt = 0; attempt < 3; attempt++) {
        const r = await tryTake(args, ctx, lock, conn, ep, attempt === 0);
        if ('result' in r) {
          if (!lock.leaseId) await lock.release();
          return r.result;
        }
      }
    } catch (e) {
      errors.push(`${ep}: ${etcdMessage(e)}`);
    }
  }
  await lock.release();
  return fail(`could not take the migration lock ${key}:\n  ${errors.join('\n  ') || 'it changed hands on every try'}`, { key });
}

/** Runs etcd_lock. */
async function run(args: LockArgs, ctx: ModuleContext): Promise<ModuleResult> {
  const key = args.key ?? DEFAULT_KEY;
  if ((args.state ?? 'acquired') === 'acquired') return acquire(args, ctx, key);
  const lock = locksOf(ctx).get(key);
  if (!lock) return ok({ msg: `this run does not hold ${key}`, key });
  if (ctx.check) return ok({ msg: `would release ${key}`, key });
  const lease = lock.leaseId;
  await lock.release();
  locksOf(ctx).delete(key);
  return ok({ changed: false, msg: `released ${key} (lease ${lease} revoked)`, key });
}

/** The etcd_lock module. */
export const etcdLock: Module<LockArgs> = {
  name: 'etcd_lock',
  description: 'Takes (or releases) a lease-backed lock key in etcd itself, so two runs never migrate one cluster; a refused run is told who holds it',
  argsSchema: lockArgsSchema,
  supportsCheck: true,
  supportsDiff: false,
  controlSide: true,
  run,
};
