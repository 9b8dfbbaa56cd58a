// etcd_member, etcd_status, etcd_leader and etcd_snapshot against real etcd processes on loopback,
// walking the migration's own steps: add a learner, start it, promote, move leader, remove.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Etcd3 } from 'etcd3';
import { EtcdTestCluster, TestResources, testContext, waitFor, type TestMember } from '../../helpers/etcd.js';
import { etcdMember, type MemberArgs } from '../../../runner/modules/etcd/member.js';
import { etcdStatus } from '../../../runner/modules/etcd/status.js';
import { etcdLeader } from '../../../runner/modules/etcd/leader.js';
import { etcdSnapshot } from '../../../runner/modules/etcd/snapshot.js';
import { checkSnapshot } from '../../../runner/modules/etcd/snapshot.js';
import type { Member } from '../../../runner/modules/etcd/members.js';
import type { StatusRow } from '../../../runner/modules/etcd/status.js';

describe('etcd modules on a real cluster', function () {
  this.timeout(60000);
  const cluster = new EtcdTestCluster();
  const resources = new TestResources();
  let m: TestMember[] = [];
  const ctx = (check = false) => testContext({ resources, check });
  const eps = (...xs: TestMember[]) => xs.map((x) => x.clientUrl);
  const member = (args: Partial<MemberArgs>, c = ctx()) => etcdMember.run({ endpoints: eps(m[0]!, m[1]!, m[2]!), tunnel: false, timeout: 30, ...args } as MemberArgs, c);
  const byPeer = (ms: unknown, x: TestMember) => (ms as Member[]).find((y) => y.peerURLs.includes(x.peerUrl));

  before(async function () {
    m = await cluster.bootstrap(3);
    const kv = new Etcd3({ hosts: eps(...m) });
    const blob = 'x'.repeat(4096);
    for (let i = 0; i < 400; i += 50) await Promise.all(Array.from({ length: 50 }, (_, j) => kv.put(`k/${i + j}`).value(blob)));
    kv.close();
  });
  after(async () => {
    await resources.close();
    await cluster.stopAll();
  });

  it('lists members with hex ids, names and started flags', async () => {
    const r = await member({ state: 'list' });
    assert.equal(r.failed, false);
    const ms = r.members as Member[];
    assert.equal(ms.length, 3);
    assert.ok(ms.every((x) => /^[0-9a-f]+$/.test(x.id) && x.started && !x.isLearner));
    assert.deepEqual(ms.map((x) => x.name).sort(), ['m1', 'm2', 'm3']);
  });

  it('add in check mode reports the initial cluster and changes nothing', async () => {
    const m4 = await cluster.define('m4');
    const r = await member({ state: 'present', peer_url: m4.peerUrl, name: 'm4' }, ctx(true));
    assert.equal(r.changed, true);
    assert.match(String(r.initial_cluster), new RegExp(`m4=${m4.peerUrl}$`));
    assert.equal(((await member({ state: 'list' })).members as Member[]).length, 3);
  });

  it('adds a learner and returns the --initial-cluster it must start with; re-add is ok', async () => {
    const m4 = cluster.members[3]!;
    const r = await member({ state: 'present', peer_url: m4.peerUrl, name: 'm4' });
    assert.equal(r.changed, true, String(r.msg));
    const expected = [...m.slice(0, 3).map((x) => `${x.name}=${x.peerUrl}`), `m4=${m4.peerUrl}`].sort().join(',');
    assert.equal(String(r.initial_cluster).split(',').sort().join(','), expected);
    assert.equal(r.initial_cluster_state, 'existing');
    const added = r.member as Member;
    assert.equal(added.isLearner, true);
    assert.equal(added.started, false);
    const again = await member({ state: 'present', peer_url: m4.peerUrl, name: 'm4' });
    assert.equal(again.changed, false);
    assert.equal(again.initial_cluster, r.initial_cluster);
  });

  it('refuses a second learner, naming the one in the way', async () => {
    const r = await member({ state: 'present', peer_url: 'http://127.0.0.1:1' });
    assert.equal(r.failed, true);
    assert.match(String(r.msg), /one learner at a time/);
  });

  it('promote waits for the learner to start and catch up, showing progress; re-promote is ok', async () => {
    const m4 = cluster.members[3]!;
    const c = ctx();
    const add = await member({ state: 'present', peer_url: m4.peerUrl, name: 'm4' });
    const dry = await member({ state: 'promoted', peer_url: m4.peerUrl }, ctx(true));
    assert.equal(dry.changed, true);
    assert.equal((byPeer((await member({ state: 'list' })).members, m4) as Member).isLearner, true);
    const promoting = member({ state: 'promoted', peer_url: m4.peerUrl }, c);
    await waitFor('a catch-up progress line', () => c.progressLines.length > 0);
    cluster.start(m4, String(add.initial_cluster), 'existing');
    const r = await promoting;
    assert.equal(r.changed, true, String(r.msg));
    assert.equal((r.member as Member).isLearner, false);
    assert.ok(c.progressLines.some((l) => /^learner [0-9a-f]{6}… .*(not answering Status yet|applied \d+)/.test(l)), c.progressLines.join('\n'));
    const again = await member({ state: 'promoted', peer_url: m4.peerUrl });
    assert.equal(again.changed, false);
    m.push(m4);
  });

  it('adding right after a membership change retries "unhealthy cluster" instead of failing', async () => {
    const m5 = await cluster.define('m5');
    const c = ctx();
    const r = await member({ state: 'present', peer_url: m5.peerUrl, name: 'm5' }, c);
    assert.equal(r.changed, true, String(r.msg));
    assert.ok(c.progressLines.some((l) => l.includes('etcdserver: unhealthy cluster')), `no retry seen: ${c.progressLines.join('\n')}`);
    cluster.start(m5, String(r.initial_cluster), 'existing');
    await cluster.waitServing(m5);
  });

  it('etcd_status checks a learner through Status only, and voters with a read', async () => {
    const m5 = cluster.members[4]!;
    const r = await etcdStatus.run({ endpoints: eps(...m, m5), tunnel: false }, ctx());
    assert.equal(r.failed, false, String(r.msg));
    const rows = r.endpoints as StatusRow[];
    const learner = rows.find((x) => x.endpoint === m5.clientUrl)!;
    assert.equal(learner.isLearner, true);
    assert.equal(learner.healthy, true);
    assert.equal(rows.filter((x) => x.isLeader).length, 1);
    assert.ok(Number(r.key_count) >= 400 && Number(r.revision) >= 400);
    assert.match(String(r.table), /IS LEARNER/);
    await member({ state: 'promoted', peer_url: m5.peerUrl });
    m.push(m5);
  });

  it('etcd_status consistency: HashKV equal on every voter at one revision', async () => {
    const r = await etcdStatus.run({ endpoints: eps(...m), tunnel: false, consistency: true, expect_members: m.map((x) => x.peerUrl) }, ctx());
    assert.equal(r.failed, false, String(r.msg));
    const c = r.consistency as { equal: boolean; hashes: unknown[]; revision: number };
    assert.equal(c.equal, true);
    assert.equal(c.hashes.length, 5);
    const bad = await etcdStatus.run({ endpoints: eps(...m), tunnel: false, expect_members: [m[0]!.peerUrl] }, ctx());
    assert.equal(bad.failed, true);
    assert.match(String(bad.msg), /unexpected members/);
  });

  it('etcd_leader moves leadership and is idempotent', async () => {
    const m4 = m[3]!;
    const r = await etcdLeader.run({ endpoints: eps(m[0]!), tunnel: false, target: m4.peerUrl }, ctx());
    assert.equal(r.failed, false, String(r.msg));
    const again = await etcdLeader.run({ endpoints: eps(m[0]!), tunnel: false, target: m4.peerUrl }, ctx());
    assert.equal(again.changed, false);
    assert.match(String(again.msg), /already leads/);
  });

  it('removes a voter, then the leader after moving leadership to a preferred member; re-remove is ok', async () => {
    const [m1, , , m4, m5] = m as [TestMember, TestMember, TestMember, TestMember, TestMember];
    const r1 = await member({ state: 'absent', peer_url: m1.peerUrl, endpoints: eps(m4) });
    assert.equal(r1.changed, true, String(r1.msg));
    assert.equal(byPeer(r1.members, m1), undefined);
    await cluster.stop(m1);
    const check = await member({ state: 'absent', peer_url: m4.peerUrl, endpoints: eps(m4), prefer_leader: [m5.peerUrl] }, ctx(true));
    assert.match(String(check.msg), /would remove .* after moving leadership to m5/);
    const r4 = await member({ state: 'absent', peer_url: m4.peerUrl, endpoints: eps(m4), prefer_leader: [m5.peerUrl] });
    assert.equal(r4.changed, true, String(r4.msg));
    assert.equal(r4.moved_leader_to, 'm5');
    await cluster.stop(m4);
    const again = await member({ state: 'absent', peer_url: m4.peerUrl, endpoints: eps(m5) });
    assert.equal(again.changed, false);
    const st = await etcdStatus.run({ endpoints: eps(m[1]!, m[2]!, m5), tunnel: false }, ctx());
    assert.equal(st.failed, false, String(st.msg));
    assert.equal(st.leader, (byPeer(r4.members, m5) as Member).id);
    m = [m[1]!, m[2]!, m5];
  });

  it('refuses removing a voter that would break quorum, but removes a learner', async () => {
    const [m2, m3, m5] = m as [TestMember, TestMember, TestMember];
    const m6 = await cluster.define('m6');
    const add = await member({ state: 'present', peer_url: m6.peerUrl, endpoints: eps(m5) });
    assert.equal(add.changed, true, String(add.msg));
    await cluster.stop(m2);
    const r = await member({ state: 'absent', peer_url: m3.peerUrl, endpoints: eps(m5) });
    assert.equal(r.failed, true);
    assert.match(String(r.msg), /refusing to remove m3 .*1 started voter\(s\) of 2, below quorum 2 \(not answering: m2\)/);
    const rl = await member({ state: 'absent', peer_url: m6.peerUrl, endpoints: eps(m5) });
    assert.equal(rl.changed, true, String(rl.msg));
    assert.equal(byPeer(rl.members, m6), undefined);
    cluster.start(m2);
    await cluster.waitHealthy(m2);
  });

  it('etcd_snapshot saves from one endpoint, verifies the sha256 trailer, and is readable', async () => {
    const dest = join(cluster.dir, 'backup', 'snap.db');
    const dry = await etcdSnapshot.run({ endpoints: eps(m[2]!), tunnel: false, dest }, ctx(true));
    assert.equal(dry.changed, false);
    assert.equal(existsSync(dest), false);
    const two = await etcdSnapshot.run({ endpoints: eps(m[0]!, m[1]!), tunnel: false, dest }, ctx());
    assert.match(String(two.msg), /exactly one endpoint/);
    const r = await etcdSnapshot.run({ endpoints: eps(m[2]!), tunnel: false, dest }, ctx());
    assert.equal(r.failed, false, String(r.msg));
    const data = readFileSync(dest);
    const check = checkSnapshot(data);
    assert.equal(check.trailerOk, true);
    assert.equal(r.sha256, check.sha256);
    assert.equal(r.size, data.length);
    assert.ok(Number(r.revision) >= 400);
    const status = r.etcdctl_status as { revision?: number; totalKey?: number } | undefined;
    if (status) assert.ok(Number(status.totalKey) >= 400);
    // A private file bound to its source: 0600 in a 0700 folder, with the cluster it came from.
    assert.equal(statSync(dest).mode & 0o777, 0o600);
    assert.equal(statSync(join(cluster.dir, 'backup')).mode & 0o777, 0o700);
    const source = JSON.parse(readFileSync(`${dest}.source.json`, 'utf8'));
    const read = await etcdStatus.run({ endpoints: eps(m[2]!), tunnel: false }, ctx());
    assert.match(String(read.cluster_id), /^[0-9a-f]+$/);
    assert.deepEqual([source.etcd_cluster_id, source.revision, source.sha256, source.endpoint], [read.cluster_id, r.revision, r.sha256, m[2]!.clientUrl]);
    assert.equal(r.cluster_id, read.cluster_id);
  });

  it('etcd_status names an unreachable endpoint and fails', async () => {
    const r = await etcdStatus.run({ endpoints: [...eps(m[2]!), 'http://127.0.0.1:1'], tunnel: false, call_timeout: 1 }, ctx());
    assert.equal(r.failed, true);
    assert.match(String(r.msg), /^http:\/\/127\.0\.0\.1:1: status: /m);
    assert.doesNotMatch(String(r.msg), /\n\s+at /);
  });
});
