// Issue 5 end to end: a 3 → 3 lab migration with the StorageOS step on, against the STAND-IN
// Kubernetes API server (test/k8s-standin, not Kubernetes) through a real kubeconfig. The
// StorageOSCluster ends with its old spec and only kvBackend.address moved to the new members;
// it was deleted before the first removal and recreated after the last one; a backup exists.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { EtcdWriter } from '../helpers/etcd-writer.js';
import { failedResults, ferryPlay, taskStarted, type TimedEvent } from '../helpers/ferry-run.js';
import { resetEtcd, useLab, type LabHost } from '../helpers/lab.js';
import { writeKubeconfig } from '../k8s-standin/kubeconfig.js';
import { K8sStandIn, type SeenRequest } from '../k8s-standin/server.js';
import { storageosCluster } from '../modules/k8s/standin-fixture.js';
import { MIGRATE, TASK } from '../fixtures/integration/migrate/playbook.js';
import { assertMigrated, bootstrapCluster, clientUrl, migrateInventory, tempDir } from '../fixtures/integration/migrate/support.js';

const CR = { apiVersion: 'storageos.com/v1', plural: 'storageosclusters', namespace: 'storageos', name: 'cluster-1' };
const CR_PATH = `/apis/storageos.com/v1/namespaces/${CR.namespace}/storageosclusters`;

describe('migrate-etcd.yml with the StorageOS step (stand-in API server)', function () {
  this.timeout(240_000);
  const lab = useLab({ hosts: 8 });
  let standIn: K8sStandIn | undefined;

  afterEach(async () => {
    await standIn?.stop();
    standIn = undefined;
  });

  /** A running 3-member cluster on the old hosts and a Running StorageOSCluster pointing at it. */
  async function setUp() {
    const old = lab.hosts.slice(0, 3);
    const fresh = lab.hosts.slice(3, 6);
    await Promise.all([...old, ...fresh].map((h) => resetEtcd(h)));
    const dir = tempDir();
    const inventory = migrateInventory(old, fresh, join(dir, 'inventory.yaml'));
    const clusterId = await bootstrapCluster(old, inventory);

    const api = await new K8sStandIn({ deleteDelayMs: 400, runningDelayMs: 300 }).start();
    standIn = api;
    const kubeconfig = writeKubeconfig(api, dir);
    const oldAddress = old.map((h) => `${h.ip}:2379`).join(',');
    api.seed(CR.apiVersion, CR.plural, CR.namespace, storageosCluster(oldAddress, CR.name, CR.namespace));
    const live = () => api.object(CR.apiVersion, CR.plural, CR.namespace, CR.name);
    await waitUntil(() => live()?.status?.phase === 'Running', 'the seeded cluster Running');
    const original = structuredClone(live()!);
    return { old, fresh, dir, clusterId, kubeconfig, live, original, api };
  }

  /** The spec, field by field: only kvBackend.address changed, to `fresh`'s client addresses in the `host:port` format. */
  function assertSpecKept(now: any, original: any, fresh: LabHost[]): void {
    assert.ok(now, 'the StorageOSCluster was not recreated');
    const address: string = now.spec.kvBackend.address;
    assert.match(address, /^(\d+\.\d+\.\d+\.\d+:2379)(,\d+\.\d+\.\d+\.\d+:2379)*$/, `format changed: ${address}`);
    assert.deepEqual(address.split(',').sort(), fresh.map((h) => `${h.ip}:2379`).sort());
    const withoutAddress = (spec: any) => ({ ...spec, kvBackend: { ...spec.kvBackend, address: '<address>' } });
    assert.deepEqual(withoutAddress(now.spec), withoutAddress(original.spec));
    assert.deepEqual(now.metadata.labels, original.metadata.labels);
    assert.deepEqual(now.metadata.annotations, original.metadata.annotations);
  }

  it('3 → 3: the StorageOSCluster keeps its spec, points at the new members, and is down exactly during the removals', async () => {
    const { old, fresh, dir, clusterId, kubeconfig, live, original, api } = await setUp();

    // Stamp every API request with the time it arrived, to order it against ferry's events.
    const seen: Array<SeenRequest & { t: number }> = [];
    const push = api.requests.push.bind(api.requests);
    api.requests.push = (...items: SeenRequest[]) => {
      for (const i of items) seen.push({ ...i, t: Date.now() });
      return push(...items);
    };
    // At each removal, what the stand-in holds right then.
    type HostEvent = Extract<TimedEvent, { kind: 'host_start' | 'host_result' }>;
    const atRemoval: Array<{ event: HostEvent; t: number; present: boolean; writes: string[] }> = [];
    const crWrites = () => seen.filter((r) => r.method !== 'GET' && r.path.startsWith(CR_PATH)).map((r) => r.method);

    const backupDir = join(dir, 'backups');
    const writer = new EtcdWriter({ endpoints: [...old, ...fresh].map((h) => clientUrl(h)), intervalMs: 5 });
    writer.start();
    // The settings come from the inventory, as an operator would keep them (the playbook sets no default over them).
    const storageos = { enabled: true, name: CR.name, namespace: CR.namespace, kubeconfig, backup_dir: backupDir, wait_timeout: 30 };
    const r = await ferryPlay(MIGRATE, {
      inventory: migrateInventory(old, fresh, join(dir, 'inventory-storageos.yaml'), { storageos }),
      timeoutMs: 180_000,
      onEvent: (e) => {
        if ((e.kind === 'host_start' || e.kind === 'host_result') && TASK.remove.test(e.task)) {
          atRemoval.push({ event: e, t: Date.now(), present: live() !== undefined, writes: crWrites() });
        }
      },
    });
    const stats = await writer.stop();
    writer.close();
    assert.equal(r.code, 0, failedResults(r));

    // The spec, field by field: only kvBackend.address changed, to the new members, same format.
    const now = live();
    assertSpecKept(now, original, fresh);
    assert.equal(now!.status?.phase, 'Running');
    assert.notEqual(now!.metadata.uid, original.metadata.uid, 'not recreated: the old object is still there');

    // A backup of the server's copy, with the old address.
    const backups = readdirSync(backupDir).filter((f) => /^storageoscluster_storageos_cluster-1_\d{8}T\d{9}Z\.yaml$/.test(f));
    assert.equal(backups.length, 1, `backups: ${readdirSync(backupDir).join(', ')}`);
    const saved = parse(readFileSync(join(backupDir, backups[0]), 'utf8'));
    assert.deepEqual(saved.spec, original.spec);
    assert.equal(saved.metadata.uid, original.metadata.uid);

    // Ordering: one DELETE, then one POST; gone during every removal; POST after the last removal.
    assert.deepEqual(crWrites(), ['DELETE', 'POST'], 'writes to the StorageOSCluster');
    const removals = atRemoval.filter((x) => x.event.kind === 'host_result' && x.event.status === 'changed');
    assert.equal(removals.length, old.length, `removals seen: ${atRemoval.map((x) => `${x.event.kind} ${x.event.host}`).join(', ')}`);
    for (const x of atRemoval) {
      assert.equal(x.present, false, `the StorageOSCluster existed at ${x.event.kind} of "${x.event.task}" on ${x.event.host}`);
      assert.deepEqual(x.writes, ['DELETE'], `API writes by ${x.event.kind} of "${x.event.task}" on ${x.event.host}`);
    }
    const post = seen.find((q) => q.method === 'POST' && q.path.startsWith(CR_PATH))!;
    assert.ok(post.t >= Math.max(...atRemoval.map((x) => x.t)), 'recreated before the last removal finished');
    const order = (re: RegExp) => r.events.findIndex((e) => e.kind === 'host_result' && re.test(e.task));
    assert.ok(order(TASK.stopStorageos) >= 0 && order(TASK.stopStorageos) < order(TASK.remove), 'ferry events: stop StorageOS before the first removal');
    const lastRemoval = r.events.map((e, i) => (e.kind === 'host_result' && TASK.remove.test(e.task) ? i : -1)).reduce((a, b) => Math.max(a, b));
    assert.ok(order(TASK.startStorageos) > lastRemoval, 'ferry events: start StorageOS after the last removal');

    await assertMigrated(old, fresh, clusterId);
    const v = await writer.verify(fresh.map((h) => clientUrl(h)));
    assert.ok(stats.acked > 20, JSON.stringify(stats));
    assert.deepEqual([v.missing.length, v.wrong.length], [0, 0], 'acknowledged writes lost');
  });

  it('killed between the delete and the recreate: the rerun recreates it from the backup, with the new address', async () => {
    const { old, fresh, dir, clusterId, kubeconfig, live, original, api } = await setUp();
    const backupDir = join(dir, 'backups');
    const storageos = { enabled: true, name: CR.name, namespace: CR.namespace, kubeconfig, backup_dir: backupDir, wait_timeout: 30 };
    const inventory = migrateInventory(old, fresh, join(dir, 'inventory-storageos.yaml'), { storageos });

    // SIGKILL as the first removal starts: StorageOS is stopped (deleted, backed up), nothing recreated yet.
    const first = await ferryPlay(MIGRATE, { inventory, timeoutMs: 180_000, killWhen: taskStarted(TASK.remove) });
    assert.equal(first.killed, true, `the run was not killed at a removal: exit ${first.code}\n${failedResults(first)}`);
    assert.equal(live(), undefined, 'the StorageOSCluster exists at the kill: the stop step did not run first');
    const backups = () => readdirSync(backupDir).filter((f) => /^storageoscluster_storageos_cluster-1_\d{8}T\d{9}Z\.yaml$/.test(f));
    assert.equal(backups().length, 1);

    const second = await ferryPlay(MIGRATE, { inventory, timeoutMs: 180_000 });
    assert.equal(second.code, 0, failedResults(second));
    const now = live();
    assertSpecKept(now, original, fresh);
    assert.equal(now!.status?.phase, 'Running');
    assert.equal(backups().length, 1, 'the rerun wrote another backup instead of using the one it had');
    const writes = api.requests.filter((q) => q.method !== 'GET' && q.path.startsWith(CR_PATH)).map((q) => q.method);
    assert.deepEqual(writes, ['DELETE', 'POST'], 'writes to the StorageOSCluster over both runs');
    await assertMigrated(old, fresh, clusterId);
  });
});

/** Polls a condition every 50 ms for up to 10 s. */
async function waitUntil(cond: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 10_000;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
