// migrate-etcd.yml under real faults on the lab (the short cases; test/chaos draws them at random):
// a second run against the same cluster, a dead old member, the leader's etcd SIGKILLed mid-migration.
import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { EtcdWriter } from '../helpers/etcd-writer.js';
import { waitFor } from '../helpers/etcd.js';
import { faults } from '../helpers/faults.js';
import { changedTotal, failedResults, failureText, ferryPlay, startFerryPlay, type FerryRunOptions } from '../helpers/ferry-run.js';
import { resetEtcd, useLab, type LabHost } from '../helpers/lab.js';
import { MIGRATE } from '../fixtures/integration/migrate/playbook.js';
import { assertMigrated, bootstrapCluster, clientUrl, migrateInventory, tempDir } from '../fixtures/integration/migrate/support.js';

describe('migrate-etcd.yml under faults', function () {
  this.timeout(300_000);
  const lab = useLab({ hosts: 8 });
  let old: LabHost[];
  let fresh: LabHost[];
  let run: FerryRunOptions;
  let clusterId: string;
  let writer: EtcdWriter | undefined;

  beforeEach(async function () {
    this.timeout(120_000);
    await faults.heal();
    old = lab.hosts.slice(0, 3);
    fresh = lab.hosts.slice(3, 6);
    await Promise.all([...old, ...fresh].map((h) => resetEtcd(h)));
    const dir = tempDir();
    run = { inventory: migrateInventory(old, fresh, join(dir, 'inventory.yaml')), extraVars: { etcd_backup_dir: join(dir, 'backups') }, timeoutMs: 240_000 };
    clusterId = await bootstrapCluster(old, run.inventory);
    writer = new EtcdWriter({ endpoints: [...old, ...fresh].map((h) => clientUrl(h)), intervalMs: 5 });
    writer.start();
  });

  afterEach(async function () {
    this.timeout(120_000);
    await writer?.stop();
    writer?.close();
    await faults.heal();
  });

  /** Stops the writer and reads every acknowledged key back from the new members. */
  async function assertNoWriteLost(): Promise<void> {
    const stats = await writer!.stop();
    const v = await writer!.verify(fresh.map((h) => clientUrl(h)));
    assert.ok(stats.acked > 20, `the writer got too few puts through: ${JSON.stringify(stats)}`);
    assert.deepEqual({ missing: v.missing.length, wrong: v.wrong.length }, { missing: 0, wrong: 0 }, `lost: ${v.missing.slice(0, 5).join(' ')}`);
  }

  it('a second run against the same cluster is refused, naming the run that holds the lock; the first completes', async () => {
    const first = startFerryPlay(MIGRATE, run);
    await waitFor('the first run to take the lock', () => {
      if (first.child.exitCode !== null) throw new Error('the first run ended before taking the lock');
      return first.events.some((e) => e.kind === 'host_result' && /^Take the migration lock/.test(e.task) && e.status === 'ok');
    }, 120_000, 100);
    const second = await ferryPlay(MIGRATE, run);
    assert.notEqual(second.code, 0, 'the second run was not refused');
    assert.match(failureText(second), new RegExp(`holds the migration lock /ferry/lock/migrate-etcd: ferry pid ${first.child.pid} on ${hostname()}`));
    assert.equal(changedTotal(second), 0, 'the refused run changed something');
    const r = await first.result;
    assert.equal(r.code, 0, failedResults(r));
    await assertNoWriteLost();
    await assertMigrated(old, fresh, clusterId);
  });
});

