// playbooks/migrate-etcd.yml on other cluster shapes than 3 → 3: growing from one member, growing to
// five, and etcd before 3.4 (no learners). Long lab cases: `npm run test:long`, not the default suite.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { EtcdWriter, loadKeys } from '../helpers/etcd-writer.js';
import { failedResults, ferryPlay, hostResults, type FerryRunResult } from '../helpers/ferry-run.js';
import { resetEtcd, useLab, type LabHost } from '../helpers/lab.js';
import { MIGRATE } from '../fixtures/integration/migrate/playbook.js';
import { assertMigrated, bootstrapCluster, clientUrl, migrateInventory, tempDir } from '../fixtures/integration/migrate/support.js';

describe('migrate-etcd.yml on other cluster shapes', function () {
  this.timeout(300_000);
  const lab = useLab({ hosts: 8 });

  /** A running cluster on `old`, an inventory naming `old` and `fresh`, and the run's backup folder. */
  async function setUp(old: LabHost[], fresh: LabHost[]): Promise<{ inventory: string; clusterId: string; run: (extra?: Record<string, unknown>) => Promise<FerryRunResult> }> {
    await Promise.all(lab.hosts.map((h) => resetEtcd(h)));
    const dir = tempDir();
    const inventory = migrateInventory(old, fresh, join(dir, 'inventory.yaml'));
    const clusterId = await bootstrapCluster(old, inventory);
    const run = (extra: Record<string, unknown> = {}) =>
      ferryPlay(MIGRATE, { inventory, knownHosts: lab.knownHosts, extraVars: { etcd_backup_dir: join(dir, 'backups'), ...extra }, timeoutMs: 180_000 });
    return { inventory, clusterId, run };
  }

  it('1 → 3', async () => {
    const [old, fresh] = [lab.hosts.slice(0, 1), lab.hosts.slice(1, 4)];
    const { clusterId, run } = await setUp(old, fresh);
    await loadKeys(old.map((h) => clientUrl(h)), { count: 200, size: 128 });
    const r = await run();
    assert.equal(r.code, 0, failedResults(r));
    await assertMigrated(old, fresh, clusterId);
  });

  it('3 → 5', async () => {
    const [old, fresh] = [lab.hosts.slice(0, 3), lab.hosts.slice(3, 8)];
    const { clusterId, run } = await setUp(old, fresh);
    const r = await run();
    assert.equal(r.code, 0, failedResults(r));
    await assertMigrated(old, fresh, clusterId);
  });

  it('pre-3.4 mode (etcd_learners=false): plain adds, no promote, no acknowledged write lost', async () => {
    const [old, fresh] = [lab.hosts.slice(0, 3), lab.hosts.slice(3, 6)];
    const { clusterId, run } = await setUp(old, fresh);
    const writer = new EtcdWriter({ endpoints: [...old, ...fresh].map((h) => clientUrl(h)) });
    writer.start();
    const r = await run({ etcd_learners: false });
    await writer.stop();
    assert.equal(r.code, 0, failedResults(r));
    const check = await writer.verify(fresh.map((h) => clientUrl(h)));
    writer.close();
    assert.deepEqual([check.missing, check.wrong], [[], []]);
    assert.ok(hostResults(r).filter((e) => e.task.startsWith('Promote')).every((e) => e.status === 'skipped'));
    assert.ok(hostResults(r).filter((e) => e.task.startsWith('Add the member')).every((e) => String(e.result.msg).includes('(voter)')));
    await assertMigrated(old, fresh, clusterId);
  });
});
