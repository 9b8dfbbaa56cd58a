// Issue 11 §1/§2 on lab hosts: a migration that cannot be done safely stops before it changes
// anything. A misspelt StorageOSCluster name is refused at preflight (before, the joins ran and the
// old members were removed while StorageOS still pointed at them), and a backup that cannot be
// written safely stops the joins and the StorageOSCluster's delete.
import assert from 'node:assert/strict';
import { chmodSync, lchownSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { failedResults, ferryPlay, type FerryRunResult } from '../helpers/ferry-run.js';
import { resetEtcd, sshRun, useLab } from '../helpers/lab.js';
import { writeKubeconfig } from '../k8s-standin/kubeconfig.js';
import { K8sStandIn } from '../k8s-standin/server.js';
import { storageosCluster } from '../modules/k8s/standin-fixture.js';
import { MIGRATE, TASK } from '../fixtures/integration/migrate/playbook.js';
import { bootstrapCluster, memberIps, memberList, migrateInventory, tempDir, until } from '../fixtures/integration/migrate/support.js';

const CR = { apiVersion: 'storageos.com/v1', plural: 'storageosclusters', namespace: 'storageos', name: 'cluster-1' };
const CR_PATH = `/apis/storageos.com/v1/namespaces/${CR.namespace}/storageosclusters`;

describe('migrate-etcd.yml refuses before it changes anything (lab, stand-in API server)', function () {
  // Generous: a setUp alone took 130 s on a 2-core machine at load 29 (shared with chaos runs).
  this.timeout(420_000);
  const lab = useLab({ hosts: 6 });
  let api: K8sStandIn | undefined;

  afterEach(async () => {
    await api?.stop();
    api = undefined;
  });

  /** 3 old members running, 3 fresh hosts, a Running StorageOSCluster pointing at the old members. */
  async function setUp() {
    const old = lab.hosts.slice(0, 3);
    const fresh = lab.hosts.slice(3, 6);
    await Promise.all([...old, ...fresh].map((h) => resetEtcd(h)));
    const dir = tempDir();
    await bootstrapCluster(old, migrateInventory(old, fresh, join(dir, 'inventory.yaml')));
    api = await new K8sStandIn({ deleteDelayMs: 200, runningDelayMs: 100 }).start();
    api.seed(CR.apiVersion, CR.plural, CR.namespace, storageosCluster(old.map((h) => `${h.ip}:2379`).join(','), CR.name, CR.namespace));
    const kubeconfig = writeKubeconfig(api, dir);
    const oldIps = old.map((h) => h.ip).sort();
    return { old, fresh, dir, kubeconfig, oldIps };
  }

  /** Nothing changed: the old members only, no join started, no write to any StorageOSCluster. */
  async function assertUntouched(r: FerryRunResult, old: typeof lab.hosts, oldIps: string[]): Promise<void> {
    assert.equal(r.code, 1, `exit code ${String(r.code)}\n${failedResults(r)}`);
    assert.deepEqual(memberIps(await memberList(old[0]!)), oldIps, 'the member list changed');
    const joins = r.events.filter((e) => e.kind === 'host_start' && (TASK.addLearner.test(e.task) || TASK.remove.test(e.task) || TASK.stopStorageos.test(e.task)));
    assert.deepEqual(joins.map((e) => e.kind === 'host_start' && e.task), [], 'a join, removal or StorageOS stop started');
    const writes = api!.requests.filter((q) => q.method !== 'GET' && q.path.startsWith(CR_PATH)).map((q) => `${q.method} ${q.path}`);
    assert.deepEqual(writes, [], 'writes to the StorageOSCluster');
    assert.equal(api!.object(CR.apiVersion, CR.plural, CR.namespace, CR.name)?.status?.phase, 'Running');
    assert.ok(r.events.some((e) => e.kind === 'warning' && /NO MORE HOSTS LEFT/.test(e.msg)), 'the stop is announced');
  }

  it('a StorageOSCluster name that does not exist: refused at preflight, exit 1, every old member still listed, no DELETE', async () => {
    const { old, fresh, dir, kubeconfig, oldIps } = await setUp();
    const backupDir = join(dir, 'storageos-backups');
    // A backup of that name from another etcd cluster's migration proves nothing about this one.
    mkdirSync(backupDir, { mode: 0o700 });
    const stem = join(backupDir, 'storageoscluster_storageos_cluster-one_20250101T000000000Z');
    writeFileSync(`${stem}.yaml`, 'apiVersion: storageos.com/v1\nkind: StorageOSCluster\nmetadata: {name: cluster-one, namespace: storageos}\nspec: {kvBackend: {address: "10.9.9.9:2379"}}\n', { mode: 0o600 });
    writeFileSync(`${stem}.source.json`, JSON.stringify({ etcd_cluster_id: 'deadbeef', namespace: 'storageos', name: 'cluster-one', uid: 'u', resourceVersion: '1', kv_address: '10.9.9.9:2379', taken_at: '2025-01-01T00:00:00Z' }), { mode: 0o600 });
    const storageos = { enabled: true, name: 'cluster-one', namespace: CR.namespace, kubeconfig, backup_dir: backupDir, wait_timeout: 20 };
    const r = await ferryPlay(MIGRATE, { inventory: migrateInventory(old, fresh, join(dir, 'inventory-typo.yaml'), { storageos }), timeoutMs: 150_000 });
    const failed = r.events.filter((e) => e.kind === 'host_result' && e.status === 'failed');
    assert.equal(failed.length, 1, failedResults(r));
    const msg = String(failed[0]!.kind === 'host_result' && failed[0]!.result.msg);
    assert.match(msg, /StorageOSCluster storageos\/cluster-one does not exist \(check storageos\.name and storageos\.namespace\), and no backup of it for etcd cluster [0-9a-f]+ in /);
    assert.match(msg, /passed over: storageoscluster_storageos_cluster-one_20250101T000000000Z\.yaml: taken for etcd cluster deadbeef/);
    await assertUntouched(r, old, oldIps);
  });

  it('a backup that cannot be written safely (a symlink planted in a world-writable folder) stops the joins and the delete', async function () {
    if (process.geteuid?.() !== 0) this.skip();
    const { old, fresh, dir, kubeconfig, oldIps } = await setUp();
    const shared = join(dir, 'shared');
    mkdirSync(shared);
    chmodSync(shared, 0o1777);
    const victim = join(dir, 'victim');
    mkdirSync(victim);
    const planted = join(shared, 'etcd-backups');
    symlinkSync(victim, planted);
    lchownSync(planted, 65534, 65534); // planted by `nobody`
    const storageos = { enabled: true, name: CR.name, namespace: CR.namespace, kubeconfig, backup_dir: join(dir, 'storageos-backups'), wait_timeout: 20 };
    const r = await ferryPlay(MIGRATE, {
      inventory: migrateInventory(old, fresh, join(dir, 'inventory-backup.yaml'), { storageos }),
      extraVars: { etcd_backup_dir: planted },
      timeoutMs: 150_000,
    });
    assert.match(failedResults(r), /Save a snapshot.*symbolic link owned by uid 65534 in the world-writable folder/s);
    assert.deepEqual(readdirSync(victim), [], 'the snapshot went through the planted link');
    await assertUntouched(r, old, oldIps);
  });

  it('a new host whose etcd is older than the cluster is refused at preflight, naming both versions', async () => {
    const { old, fresh, dir, oldIps } = await setUp();
    // The check under test reads the binary's --version: a script there stands in for an etcd 3.3.
    const fake = '/usr/local/sbin/etcd-old';
    await sshRun(fresh[1]!, `printf '#!/bin/sh\\necho "etcd Version: 3.3.27"\\necho "Git SHA: fake"\\n' > ${fake} && chmod 755 ${fake}`);
    const inventory = migrateInventory(old, fresh, join(dir, 'inventory-version.yaml'), {}, { [fresh[1]!.name]: { etcd_binary: fake } });
    const r = await ferryPlay(MIGRATE, { inventory, timeoutMs: 150_000 }).finally(() => sshRun(fresh[1]!, `rm -f ${fake}`));
    assert.match(failedResults(r), new RegExp(`${fresh[1]!.name} New hosts' etcd may join.*etcd 3\\.3\\.27 is older than the cluster \\(3\\.4\\.\\d+\\)`));
    await assertUntouched(r, old, oldIps);
  });

  it('an endpoint that answers with another member\'s ID is a problem, not "up": refused at preflight, naming both', async () => {
    const { old, fresh, dir, oldIps } = await setUp();
    // old[0]'s etcd advertises old[1]'s client URL: asking "old[0]" really asks old[1].
    const [a, b] = old;
    const unit = '/etc/systemd/system/etcd3.service';
    const w = await sshRun(a!, `sed -i 's#--advertise-client-urls [^ ]*#--advertise-client-urls http://${b!.ip}:2379#' ${unit} && systemctl daemon-reload && systemctl restart etcd3`);
    assert.equal(w.code, 0, w.stderr);
    const ids = await until(`${a!.name} to advertise ${b!.name}'s client URL`, async () => {
      const list = await memberList(b!);
      const ma = list.members.find((m) => m.peerURLs.includes(`http://${a!.ip}:2380`));
      const mb = list.members.find((m) => m.peerURLs.includes(`http://${b!.ip}:2380`));
      return ma && mb && ma.clientURLs.join() === `http://${b!.ip}:2379` ? { a: ma.id, b: mb.id } : undefined;
    });
    const r = await ferryPlay(MIGRATE, { inventory: migrateInventory(old, fresh, join(dir, 'inventory-identity.yaml')), timeoutMs: 150_000 });
    assert.match(failedResults(r), new RegExp(`member etcd-${a!.ip.replace(/\./g, '\\.')} \\(${ids.a}\\) advertises http://${b!.ip.replace(/\./g, '\\.')}:2379, which answers as member ${ids.b}: not known to be up`));
    await assertUntouched(r, old, oldIps);
  });

  it('etcd_learners=false: an unstarted voter that is not next in inventory order is refused at preflight', async () => {
    const { old, fresh, dir, oldIps } = await setUp();
    // fresh[1] added as a voter and never started; fresh[0] comes first in the inventory.
    // Right after bootstrap etcd refuses adds ("unhealthy cluster", its 5 s rule): retry until it takes one.
    await until(`etcd to accept adding ${fresh[1]!.name} as a voter`, async () => {
      const added = await sshRun(old[0]!, `ETCDCTL_API=3 etcdctl --endpoints http://127.0.0.1:2379 member add etcd-${fresh[1]!.ip} --peer-urls=http://${fresh[1]!.ip}:2380`);
      if (added.code === 0) return true;
      assert.match(added.stderr, /unhealthy cluster/, added.stderr);
      return undefined;
    });
    const withVoter = [...oldIps, fresh[1]!.ip].sort();
    const r = await ferryPlay(MIGRATE, { inventory: migrateInventory(old, fresh, join(dir, 'inventory-order.yaml')), extraVars: { etcd_learners: false }, timeoutMs: 150_000 });
    assert.match(failedResults(r), new RegExp(`with etcd_learners=false, ${fresh[1]!.name} \\([0-9a-f]+\\) is an unstarted voter but ${fresh[0]!.name} is next in inventory order`));
    await assertUntouched(r, old, withVoter);
  });
});
