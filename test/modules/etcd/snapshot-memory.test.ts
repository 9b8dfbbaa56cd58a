// etcd_snapshot streams to disk: a snapshot several times bigger than a memory bound is saved and
// verified while the process grows by less than that bound (it used to hold the whole db in memory,
// and failed above 4 GiB). Real etcd on loopback; ~160 MiB of values.
import assert from 'node:assert/strict';
import { createReadStream, statSync } from 'node:fs';
import { join } from 'node:path';
import { Etcd3 } from 'etcd3';
import { etcdSnapshot } from '../../../runner/modules/etcd/snapshot.js';
import { SnapshotDigest } from '../../../runner/modules/etcd/snapshot-digest.js';
import { EtcdTestCluster, TestResources, testContext } from '../../helpers/etcd.js';

const MiB = 1024 * 1024;
const VALUES = 160; // of 1 MiB each
const BOUND = 40 * MiB;

describe('etcd_snapshot memory (real etcd, loopback)', function () {
  this.timeout(180_000);
  const cluster = new EtcdTestCluster();
  const resources = new TestResources();

  after(async () => {
    await resources.close();
    await cluster.stopAll();
  });

  it(`saves a ${VALUES} MiB snapshot growing the process by less than ${BOUND / MiB} MiB, and the file verifies`, async () => {
    const [m] = await cluster.bootstrap(1);
    const kv = new Etcd3({ hosts: [m!.clientUrl] });
    const value = Buffer.alloc(MiB, 7);
    for (let i = 0; i < VALUES; i += 8) await Promise.all(Array.from({ length: 8 }, (_, j) => kv.put(`big/${i + j}`).value(value)));
    kv.close();
    global.gc?.();
    const base = process.memoryUsage().rss;
    let peak = base;
    const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 10);
    const dest = join(cluster.dir, 'snap', 'big.db');
    try {
      const r = await etcdSnapshot.run({ endpoints: [m!.clientUrl], tunnel: false, dest }, testContext({ resources }));
      assert.equal(r.failed, false, String(r.msg));
      assert.ok(Number(r.size) > 4 * BOUND, `snapshot only ${Number(r.size) / MiB} MiB`);
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    const size = statSync(dest).size;
    console.log(`    snapshot ${(size / MiB).toFixed(0)} MiB, RSS grew ${((peak - base) / MiB).toFixed(1)} MiB (bound ${BOUND / MiB} MiB)`);
    assert.ok(peak - base < BOUND, `RSS grew by ${((peak - base) / MiB).toFixed(1)} MiB for a ${(size / MiB).toFixed(0)} MiB snapshot`);
    // The file on disk verifies by itself: etcd's sha256 trailer over everything before it.
    const d = new SnapshotDigest();
    for await (const chunk of createReadStream(dest)) d.update(chunk as Buffer);
    assert.equal(d.result().trailerOk, true);
  });
});
