// migrate-etcd.yml resumes from the cluster's real state: SIGKILL the runner during the joins (right
// after a learner was added, and as a promote starts) and during the removals, rerun the same
// command, and the migration completes with every acknowledged write kept.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { EtcdWriter } from '../helpers/etcd-writer.js';
import { failedResults, ferryPlay, taskFinished, taskStarted, type FerryRunOptions } from '../helpers/ferry-run.js';
import { resetEtcd, sshRun, useLab, type LabHost } from '../helpers/lab.js';
import { MIGRATE, TASK } from '../fixtures/integration/migrate/playbook.js';
import { assertMigrated, bootstrapCluster, clientUrl, hostEtcdState, memberList, migrateInventory, peerUrl, tempDir } from '../fixtures/integration/migrate/support.js';

describe('migrate-etcd.yml: resume after the runner is killed', function () {
  this.timeout(240_000);
  const lab = useLab({ hosts: 8 });
  let old: LabHost[];
  let fresh: LabHost[];
  let run: FerryRunOptions;
  let clusterId: string;
  let writer: EtcdWriter | undefined;
  let oldUnits: string[];
  const unitSums = (hs: LabHost[]) => Promise.all(hs.map(async (h) => (await sshRun(h, 'sha256sum /etc/systemd/system/etcd3.service')).stdout.trim()));

  beforeEach(async function () {
    this.timeout(90_000);
    old = lab.hosts.slice(0, 3);
    fresh = lab.hosts.slice(3, 6);
    await Promise.all([...old, ...fresh].map((h) => resetEtcd(h)));
    run = { inventory: migrateInventory(old, fresh, join(tempDir(), 'inventory.yaml')), timeoutMs: 180_000 };
    clusterId = await bootstrapCluster(old, run.inventory);
    oldUnits = await unitSums(old);
    writer = new EtcdWriter({ endpoints: [...old, ...fresh].map((h) => clientUrl(h)), intervalMs: 5 });
    writer.start();
  });

  afterEach(async () => {
    await writer?.stop();
    writer?.close();
  });

  /** Neither kill nor rerun may write `initial-cluster-state new` on a new host, or touch an old host's unit. */
  async function assertNoNewState(): Promise<void> {
    for (const h of fresh) assert.equal((await hostEtcdState(h)).stateNew, false, `${h.name}: unit says initial-cluster-state new`);
    assert.deepEqual(await unitSums(old), oldUnits, 'an old host\'s unit file was rewritten');
  }

  /** Stops the writer and reads every acknowledged key back from the new members. */
  async function assertNoWriteLost(): Promise<void> {
    const stats = await writer!.stop();
    const v = await writer!.verify(fresh.map((h) => clientUrl(h)));
    assert.ok(stats.acked > 20, `the writer got too few puts through: ${JSON.stringify(stats)}`);
    assert.deepEqual({ missing: v.missing.length, wrong: v.wrong.length }, { missing: 0, wrong: 0 }, `lost: ${v.missing.slice(0, 5).join(' ')}`);
  }

  it('killed after a learner was added (not started) and again as a promote starts: reruns complete', async () => {
    const [a, b] = fresh;
    const first = await ferryPlay(MIGRATE, { ...run, killWhen: taskFinished(TASK.addLearner, a.name) });
    assert.ok(first.killed, `the run was not killed at the learner add: code ${first.code}\n${failedResults(first)}`);
    let list = await memberList(old[0]);
    const learner = list.members.find((m) => m.peerURLs.includes(peerUrl(a)));
    assert.ok(learner?.isLearner, `${a.name} is not a learner after the kill: ${JSON.stringify(list.members)}`);
    assert.equal(learner.name, '', `${a.name}'s etcd had already started: the kill came too late`);
    assert.notEqual((await hostEtcdState(a)).active, 'active');
    await assertNoNewState();

    const second = await ferryPlay(MIGRATE, { ...run, killWhen: taskStarted(TASK.promote, b.name) });
    assert.ok(second.killed, `the rerun was not killed at ${b.name}'s promote: code ${second.code}\n${failedResults(second)}`);
    list = await memberList(old[0]);
    const joinedA = list.members.find((m) => m.peerURLs.includes(peerUrl(a)));
    assert.ok(joinedA && !joinedA.isLearner && joinedA.name !== '', `the rerun did not finish ${a.name}: ${JSON.stringify(joinedA)}`);
    assert.ok(list.members.some((m) => m.peerURLs.includes(peerUrl(b)) && m.name !== ''), `${b.name} not started before its promote`);
    await assertNoNewState();

    const third = await ferryPlay(MIGRATE, run);
    assert.equal(third.code, 0, failedResults(third));
    await assertNoNewState();
    await assertNoWriteLost();
    await assertMigrated(old, fresh, clusterId);
  });

  it('killed after the first old member was removed: the rerun finishes the removals', async () => {
    const first = await ferryPlay(MIGRATE, { ...run, killWhen: taskFinished(TASK.remove, undefined, 'changed') });
    assert.ok(first.killed, `the run was not killed during the removals: code ${first.code}\n${failedResults(first)}`);
    const list = await memberList(fresh[0]);
    const oldLeft = old.filter((h) => list.members.some((m) => m.peerURLs.includes(peerUrl(h))));
    assert.equal(oldLeft.length, 2, `expected exactly one old member removed at the kill: ${JSON.stringify(list.members.map((m) => m.peerURLs[0]))}`);
    await assertNoNewState();

    const second = await ferryPlay(MIGRATE, run);
    assert.equal(second.code, 0, failedResults(second));
    await assertNoNewState();
    await assertNoWriteLost();
    await assertMigrated(old, fresh, clusterId);
  });
});
