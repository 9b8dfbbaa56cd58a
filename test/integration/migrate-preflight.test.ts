// migrate-etcd.yml's preflight refuses, changes nothing and says why: an old member down, and a new
// host whose data dir is not empty, a new host without the etcd binary, StorageOS settings that cannot work.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { changedTotal, failureText, ferryPlay, hostResults, type FerryRunResult } from '../helpers/ferry-run.js';
import { resetEtcd, sshRun, useLab, type LabHost } from '../helpers/lab.js';
import { MIGRATE } from '../fixtures/integration/migrate/playbook.js';
import { bootstrapCluster, filesUnder, memberList, migrateInventory, tempDir, type MemberList } from '../fixtures/integration/migrate/support.js';

/** What a migration may write on a new host. */
const NEW_HOST_PATHS = ['/etc/etcd.conf', '/etc/systemd/system/etcd3.service', '/var/lib/etcd'];

describe('migrate-etcd.yml: preflight refusals', function () {
  this.timeout(120_000);
  const lab = useLab({ hosts: 8 });
  let old: LabHost[];
  let fresh: LabHost[];
  let inventory: string;
  let before: MemberList;

  beforeEach(async function () {
    this.timeout(90_000);
    old = lab.hosts.slice(0, 3);
    fresh = lab.hosts.slice(3, 6);
    await Promise.all([...old, ...fresh].map((h) => resetEtcd(h)));
    await Promise.all(fresh.map((h) => sshRun(h, 'rm -f /etc/etcd.conf')));
    inventory = migrateInventory(old, fresh, join(tempDir(), 'inventory.yaml'));
    await bootstrapCluster(old, inventory);
    before = await memberList(old[0]);
  });

  /** Nothing changed: the recap counts no change, the membership is as before, new hosts got no file. */
  async function assertNothingChanged(r: FerryRunResult, via: LabHost, seeded?: { host: LabHost; path: string }): Promise<void> {
    assert.equal(changedTotal(r), 0, `the refused run changed something: ${hostResults(r, 'changed').map((e) => `${e.host} ${e.task}`).join(', ')}`);
    const now = await memberList(via);
    assert.deepEqual(now.members.map((m) => m.id).sort(), before.members.map((m) => m.id).sort(), 'the membership changed');
    assert.ok(now.members.every((m) => !m.isLearner), 'a learner was added');
    for (const h of fresh) {
      const files = (await filesUnder(h, NEW_HOST_PATHS)).filter((f) => !(seeded?.host === h && f.startsWith(seeded.path)));
      assert.deepEqual(files, [], `${h.name}: files written by a refused run`);
    }
  }

  it('an old member down: refused, naming it, nothing changed', async () => {
    const down = old[2];
    const stop = await sshRun(down, 'systemctl stop etcd3 && ! systemctl is-active --quiet etcd3');
    assert.equal(stop.code, 0, stop.stderr);
    const r = await ferryPlay(MIGRATE, { inventory, timeoutMs: 90_000 });
    assert.equal(r.code, 1, `the migration ran with an old member down: exit ${r.code}\n${r.stderr.slice(-1500)}`);
    assert.equal(r.killed, false, 'the run hung until its timeout');
    const text = failureText(r);
    assert.ok(text.includes(down.name) || text.includes(down.ip), `the message does not name ${down.name} (${down.ip}):\n${text}`);
    assert.match(text, /not reachable|down|unhealthy|not started/i, `the message does not say it is down:\n${text}`);
    await assertNothingChanged(r, old[0]);
  });

  it('a new host with a non-empty data dir: refused, naming it, nothing changed', async () => {
    const dirty = fresh[1];
    const seed = await sshRun(dirty, 'mkdir -p /var/lib/etcd/member && echo stale > /var/lib/etcd/member/leftover');
    assert.equal(seed.code, 0, seed.stderr);
    const r = await ferryPlay(MIGRATE, { inventory, timeoutMs: 90_000 });
    assert.equal(r.code, 1, `the migration ran onto a non-empty data dir: exit ${r.code}\n${r.stderr.slice(-1500)}`);
    assert.equal(r.killed, false, 'the run hung until its timeout');
    const text = failureText(r);
    assert.ok(text.includes(dirty.name) || text.includes(dirty.ip), `the message does not name ${dirty.name}:\n${text}`);
    assert.match(text, /\/var\/lib\/etcd|data.dir/i, `the message does not name the data dir:\n${text}`);
    await assertNothingChanged(r, old[0], { host: dirty, path: '/var/lib/etcd' });
    const left = await sshRun(dirty, 'cat /var/lib/etcd/member/leftover');
    assert.equal(left.stdout.trim(), 'stale', 'the refused run touched the data dir');
  });

  it('a new host without the etcd binary (etcd_binary=/nonexistent): refused, naming it and the path, nothing changed', async () => {
    const bare = fresh[2];
    const inv = migrateInventory(old, fresh, join(tempDir(), 'inventory.yaml'), {}, { [bare.name]: { etcd_binary: '/nonexistent/etcd3' } });
    const r = await ferryPlay(MIGRATE, { inventory: inv, timeoutMs: 90_000 });
    assert.equal(r.code, 1, `the migration ran onto a host without etcd: exit ${r.code}\n${r.stderr.slice(-1500)}`);
    const text = failureText(r);
    assert.ok(text.includes(bare.name) || text.includes(bare.ip), `the message does not name ${bare.name}:\n${text}`);
    assert.match(text, /\/nonexistent\/etcd3/, `the message does not name the binary:\n${text}`);
    await assertNothingChanged(r, old[0]);
  });

  it('StorageOS enabled without a name, or with an API server that does not answer: refused before anything changes', async () => {
    const noName = migrateInventory(old, fresh, join(tempDir(), 'inventory.yaml'), { storageos: { enabled: true, namespace: 'storageos' } });
    const r = await ferryPlay(MIGRATE, { inventory: noName, timeoutMs: 90_000 });
    assert.equal(r.code, 1, `the migration ran without storageos.name: exit ${r.code}\n${r.stderr.slice(-1500)}`);
    assert.match(failureText(r), /storageos\.enabled needs storageos\.name and storageos\.namespace/);
    await assertNothingChanged(r, old[0]);

    // A kubeconfig pointing at a closed loopback port: the Kubernetes API is read in preflight, not after the joins.
    const dir = tempDir();
    const kubeconfig = join(dir, 'kubeconfig');
    writeFileSync(kubeconfig, [
      'apiVersion: v1', 'kind: Config', 'current-context: c',
      'clusters: [{name: k, cluster: {server: "https://127.0.0.1:9", insecure-skip-tls-verify: true}}]',
      'users: [{name: u, user: {token: t}}]', 'contexts: [{name: c, context: {cluster: k, user: u}}]', '',
    ].join('\n'));
    const unreachable = migrateInventory(old, fresh, join(dir, 'inventory.yaml'), { storageos: { enabled: true, name: 'cluster-1', namespace: 'storageos', kubeconfig } });
    const k = await ferryPlay(MIGRATE, { inventory: unreachable, timeoutMs: 90_000 });
    assert.equal(k.code, 1, `the migration ran with no Kubernetes API: exit ${k.code}\n${k.stderr.slice(-1500)}`);
    assert.match(failureText(k), /StorageOSCluster/);
    await assertNothingChanged(k, old[0]);
  });
});
