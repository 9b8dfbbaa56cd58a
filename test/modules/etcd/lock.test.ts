// etcd_lock against a real etcd on loopback: one run holds the key, a second is refused and told
// who; the lease keeps it while the holder lives, a crashed holder's lock expires or is taken over.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { Etcd3 } from 'etcd3';
import { EtcdTestCluster, TestResources, testContext, waitFor, type TestMember } from '../../helpers/etcd.js';
import { etcdLock, type LockArgs } from '../../../runner/modules/etcd/lock.js';
import { holderGone, processStart, thisHolder } from '../../../runner/modules/etcd/lock-holder.js';

const KEY = '/ferry/lock/test';

describe('etcd_lock on a real etcd', function () {
  this.timeout(60_000);
  const cluster = new EtcdTestCluster();
  let m: TestMember;
  let kv: Etcd3;
  const runs: TestResources[] = [];
  const lock = (res: TestResources, args: Partial<LockArgs> = {}, check = false) =>
    etcdLock.run({ endpoints: [m.clientUrl], tunnel: false, key: KEY, ttl: 5, ...args } as LockArgs, testContext({ resources: res, check }));
  const newRun = () => {
    const r = new TestResources();
    runs.push(r);
    return r;
  };
  /** Puts a holder record as another process would have, on its own lease. */
  const plant = async (holder: object, ttl = 5) => {
    const lease = kv.lease(ttl, { autoKeepAlive: false });
    await lease.put(KEY).value(JSON.stringify(holder));
    return lease;
  };

  before(async () => {
    [m] = await cluster.bootstrap(1);
    kv = new Etcd3({ hosts: [m.clientUrl] });
  });
  afterEach(async () => {
    for (const r of runs.splice(0)) await r.close();
    await kv.delete().key(KEY);
  });
  after(async () => {
    kv.close();
    await cluster.stopAll();
  });

  it('a second run is refused, naming the holder; after a release it gets the lock', async () => {
    const a = newRun();
    const first = await lock(a);
    assert.equal(first.failed, false, String(first.msg));
    assert.equal(first.changed, false, 'a run-scoped lock is not a change to the cluster');
    assert.match(String((await lock(a)).msg), /already holds/, 'the same run taking it again is a no-op');
    const second = await lock(newRun());
    assert.equal(second.failed, true);
    assert.match(String(second.msg), new RegExp(`holds the migration lock ${KEY}: ferry pid ${process.pid} on ${hostname()}`));
    assert.match(String(second.msg), /lease-backed key in etcd: it expires \d+s after its holder stops/);
    assert.equal((await lock(newRun(), {}, true)).failed, true, '--check reports the held lock too');
    const released = await lock(a, { state: 'released' });
    assert.match(String(released.msg), /^released .* revoked/);
    assert.equal((await kv.get(KEY).string()), null, 'revoking the lease deleted the key');
    assert.equal((await lock(newRun())).failed, false);
  });

  it('the lease is renewed while the holder runs: still held after 1.5 times its ttl', async () => {
    const a = newRun();
    const r = await lock(a);
    const lease = String(r.lease);
    const started = Date.now();
    // Poll the lease itself: its TTL must go back up (a renewal) until 2 × ttl have passed.
    let renewals = 0;
    let lastTtl = 5;
    await waitFor('two ttl periods with the lease alive', async () => {
      const ttl = Number((await kv.leaseClient.leaseTimeToLive({ ID: lease })).TTL);
      assert.ok(ttl > 0, 'the lease expired while its holder ran');
      if (ttl > lastTtl) renewals++;
      lastTtl = ttl;
      return Date.now() - started > 7_500;
    }, 20_000, 250);
    assert.ok(renewals >= 1, `only ${renewals} renewals seen`);
    assert.equal((await lock(newRun())).failed, true);
  });

  it('a crashed holder on another machine: refused until its lease runs out, then taken', async () => {
    await plant({ ...thisHolder('migrate-etcd'), host: 'elsewhere', pid: 4242 }, 5);
    const refused = await lock(newRun());
    assert.match(String(refused.msg), /ferry pid 4242 on elsewhere/);
    const taken = await waitFor('the lock after its lease expired', async () => {
      const r = await lock(newRun());
      return r.failed ? undefined : r;
    }, 15_000, 300);
    assert.match(String(taken?.msg), /^took /);
  });

  it('a holder that was a process on this machine and is gone: taken over at once', async () => {
    const dead = spawnSync('true').pid!;
    await plant({ ...thisHolder('migrate-etcd'), pid: dead, pidStart: '1' }, 60);
    const r = await lock(newRun());
    assert.equal(r.failed, false, String(r.msg));
    assert.match(JSON.parse((await kv.get(KEY).string())!).pid.toString(), new RegExp(`^${process.pid}$`));
  });

  const gone: [string, Parameters<typeof holderGone>, boolean][] = [
    ['another machine', [{ ...thisHolder('x'), host: 'other' }, hostname()], false],
    ['this process', [thisHolder('x'), hostname()], false],
    ['a pid reused by another process', [{ ...thisHolder('x'), pidStart: '1' }, hostname()], true],
    ['no such process', [{ ...thisHolder('x'), pid: 999_999_999 }, hostname(), () => null], true],
    ['an unreadable value', ['garbage', hostname()], false],
  ];
  for (const [name, args, want] of gone) it(`holder gone? ${name}: ${want}`, () => assert.equal(holderGone(...args), want));
  it('reads a process start time', () => assert.match(String(processStart(process.pid)), /^\d+$/));
});
