// provision-etcd.yml bootstraps a fresh cluster from the migration's templates, and refuses, changing
// nothing, where `--initial-cluster-state new` could form a second cluster or is not a cluster at all.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { changedTotal, failureText, ferryPlay } from '../helpers/ferry-run.js';
import { resetEtcd, sshRun, useLab, type LabHost } from '../helpers/lab.js';
import { PROVISION } from '../fixtures/integration/migrate/playbook.js';
import { filesUnder, hostEtcdState, memberIps, memberList, migrateInventory, tempDir } from '../fixtures/integration/migrate/support.js';

const WRITTEN = ['/etc/etcd.conf', '/etc/systemd/system/etcd3.service', '/var/lib/etcd'];

describe('provision-etcd.yml on real hosts', function () {
  this.timeout(120_000);
  const lab = useLab({ hosts: 8 });
  let hosts: LabHost[];

  beforeEach(async function () {
    this.timeout(60_000);
    hosts = lab.hosts.slice(0, 3);
    await Promise.all(lab.hosts.slice(0, 6).map((h) => resetEtcd(h)));
    await Promise.all(hosts.map((h) => sshRun(h, 'rm -f /etc/etcd.conf')));
  });

  /** An inventory whose etcd_old group is `group` (provision's default target). */
  const inventoryOf = (group: LabHost[]) => migrateInventory(group, lab.hosts.slice(6, 7), join(tempDir(), 'inventory.yaml'));

  it('bootstraps 3 hosts as one new cluster; run again, it refuses and leaves the cluster as it was', async () => {
    const inventory = inventoryOf(hosts);
    const r = await ferryPlay(PROVISION, { inventory, timeoutMs: 90_000 });
    assert.equal(r.code, 0, failureText(r));
    const list = await memberList(hosts[0]);
    assert.deepEqual(memberIps(list), hosts.map((h) => h.ip).sort());
    assert.ok(list.members.every((m) => !m.isLearner && m.name !== ''), 'every member started, none a learner');
    const states = await Promise.all(hosts.map((h) => hostEtcdState(h)));
    assert.deepEqual(states.map((s) => [s.active, s.enabled, s.stateNew]), hosts.map(() => ['active', 'enabled', true]));
    const units = await Promise.all(hosts.map((h) => sshRun(h, 'sha256sum /etc/systemd/system/etcd3.service /etc/etcd.conf')));

    const again = await ferryPlay(PROVISION, { inventory, timeoutMs: 90_000 });
    assert.equal(again.code, 1, `a second bootstrap ran over a live cluster: exit ${again.code}`);
    assert.match(failureText(again), /an etcd member already runs here|is already running/);
    assert.equal(changedTotal(again), 0);
    const after = await memberList(hosts[0]);
    assert.equal(after.clusterId, list.clusterId, 'the cluster id changed: a second cluster was formed');
    const unitsAfter = await Promise.all(hosts.map((h) => sshRun(h, 'sha256sum /etc/systemd/system/etcd3.service /etc/etcd.conf')));
    assert.deepEqual(unitsAfter.map((u) => u.stdout), units.map((u) => u.stdout), 'a refused run rewrote a config file');
  });

  it('refuses an even number of hosts, writing nothing', async () => {
    const pair = hosts.slice(0, 2);
    const r = await ferryPlay(PROVISION, { inventory: inventoryOf(pair), timeoutMs: 60_000 });
    assert.equal(r.code, 1, `two hosts were provisioned: exit ${r.code}`);
    assert.match(failureText(r), /2 hosts: an etcd cluster is provisioned with an odd number of members/);
    for (const h of pair) assert.deepEqual(await filesUnder(h, WRITTEN), [], `${h.name}: files written by a refused run`);
  });

  it('refuses a host with a leftover data dir, writing nothing on any host', async () => {
    const stale = hosts[2];
    const seed = await sshRun(stale, 'mkdir -p /var/lib/etcd/member && echo old > /var/lib/etcd/member/leftover');
    assert.equal(seed.code, 0, seed.stderr);
    const r = await ferryPlay(PROVISION, { inventory: inventoryOf(hosts), timeoutMs: 60_000 });
    assert.equal(r.code, 1, `provisioned over a leftover data dir: exit ${r.code}`);
    const text = failureText(r);
    assert.ok(text.includes(stale.name), `the message does not name ${stale.name}:\n${text}`);
    assert.match(text, /data dir \/var\/lib\/etcd is not empty/);
    for (const h of hosts.slice(0, 2)) assert.deepEqual(await filesUnder(h, WRITTEN), [], `${h.name}: files written by a refused run`);
    assert.equal((await sshRun(stale, 'cat /var/lib/etcd/member/leftover')).stdout.trim(), 'old');
  });
});
