// migrate-etcd.yml under real faults on the lab (the short cases; test/chaos draws them at random):
// a second run against the same cluster, a dead old member, the leader's etcd SIGKILLed mid-migration,
// a stranger's data in a new member's data dir found just before its first start.
// The longer ones (a link cut, a reboot, ferry killed at each step, a slow learner) are in
// migrate-under-faults.faults.ts (npm run test:faults).
import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { EtcdWriter, directClient } from '../helpers/etcd-writer.js';
import { waitFor } from '../helpers/etcd.js';
import { faults } from '../helpers/faults.js';
import { changedTotal, failedResults, failureText, ferryPlay, startFerryPlay, taskFinished, type FerryRunOptions } from '../helpers/ferry-run.js';
import { resetEtcd, sshRun, useLab, type LabHost } from '../helpers/lab.js';
import { MIGRATE, TASK } from '../fixtures/integration/migrate/playbook.js';
import { assertMigrated, bootstrapCluster, clientUrl, hostEtcdState, memberIps, memberList, migrateInventory, tempDir } from '../fixtures/integration/migrate/support.js';
import { QuorumSampler } from '../helpers/quorum-sampler.js';

describe('migrate-etcd.yml under faults', function () {
  this.timeout(480_000);
  const lab = useLab({ hosts: 8 });
  let old: LabHost[];
  let fresh: LabHost[];
  let run: FerryRunOptions;
  let clusterId: string;
  let writer: EtcdWriter | undefined;

  beforeEach(async function () {
    this.timeout(300_000);
    old = lab.hosts.slice(0, 3);
    fresh = lab.hosts.slice(3, 6);
    await faults.heal([...old, ...fresh].map((h) => h.name));
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
    await faults.heal([...old, ...fresh].map((h) => h.name));
  });

  /** Stops the writer and reads every acknowledged key back from the new members. */
  async function assertNoWriteLost(from: LabHost[] = fresh): Promise<void> {
    const stats = await writer!.stop();
    const v = await writer!.verify(from.map((h) => clientUrl(h)));
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

  it('a dead old member (powered off): refused and named by default; with etcd_dead_members it is removed first, skipped, reported, quorum kept', async () => {
    const dead = old[1];
    await faults.powerOff(dead.name);
    const refused = await ferryPlay(MIGRATE, run);
    assert.notEqual(refused.code, 0, 'a run with a dead member and no consent went ahead');
    assert.match(failureText(refused), new RegExp(`rerun with -e '\\{"etcd_dead_members": \\["${dead.name}"\\]\\}'`));
    assert.equal(changedTotal(refused), 0);
    assert.equal((await memberList(old[0])).members.length, 3, 'the refused run changed the membership');

    // The refusal came after 30 s of waiting for it to come back (systemd restarts a killed etcd); this one waits 3 s.
    assert.match(refused.stdout + refused.stderr, new RegExp(`waiting up to 30 s for \\S*${dead.ip.replace(/\./g, '\\.')}`));
    const live = await ferryPlay(MIGRATE, { ...run, extraVars: { ...(run.extraVars as object), etcd_dead_members: [old[0].name], etcd_settle_seconds: 3 } });
    assert.notEqual(live.code, 0, 'a live member named dead was removed');
    assert.match(failureText(live), new RegExp(`${old[0].name} is named in etcd_dead_members but its etcd answers`));
    assert.equal((await memberList(old[0])).members.length, 3);

    const sampler = new QuorumSampler([...old, ...fresh].map((h) => clientUrl(h)));
    sampler.start();
    const r = await ferryPlay(MIGRATE, { ...run, extraVars: { ...(run.extraVars as object), etcd_dead_members: [dead.name] } });
    const q = await sampler.stop();
    assert.equal(r.code, 0, failedResults(r));
    assert.equal(q.quorumLosses, 0, `quorum lost while migrating: ${q.losses.join('; ')}`);
    assert.equal(q.twoLearners, 0);
    assert.ok(q.samples > 10, `only ${q.samples} quorum samples`);
    assert.match(r.stdout, new RegExp(`${dead.name}: dead \\(no SSH, etcd unreachable\\), removed from the cluster; its etcd3 service could not be stopped or disabled`));
    assert.deepEqual(memberIps(await memberList(fresh[0])), fresh.map((h) => h.ip).sort());
    await assertNoWriteLost();
    for (const h of [old[0], old[2]]) {
      const st = await hostEtcdState(h);
      assert.deepEqual([st.active === 'active', st.enabled], [false, 'disabled'], `${h.name}: ${JSON.stringify(st)}`);
    }
  });

  it('the old leader\'s etcd SIGKILLed mid-migration: the cluster elects a new leader and ferry goes on', async () => {
    let killed: number[] = [];
    const sampler = new QuorumSampler([...old, ...fresh].map((h) => clientUrl(h)));
    sampler.start();
    const started = startFerryPlay(MIGRATE, {
      ...run,
      onEvent: (e) => {
        // As the second new host's promote starts: 5 voters, the leader still an old member.
        if (killed.length || e.kind !== 'host_start' || !/^Promote the learner/.test(e.task) || e.host !== fresh[1].name) return;
        killed = [-1];
        void leaderOf(old).then(async (leader) => {
          killed = await faults.killEtcd(leader.name);
          console.log(`      killed etcd ${killed.join(' ')} on ${leader.name} (the leader)`);
        });
      },
    });
    const r = await started.result;
    const q = await sampler.stop();
    assert.ok(killed.length > 0 && killed[0] > 0, 'no leader was killed');
    assert.equal(r.code, 0, failedResults(r));
    assert.equal(q.quorumLosses, 0, q.losses.join('; '));
    await assertNoWriteLost();
    await assertMigrated(old, fresh, clusterId);
  });

  it('a new member\'s data dir is re-checked just before its first start: a rerun after a kill finds a stranger\'s data there, stops, leaves it, removes the member', async () => {
    const h = fresh[0];
    const first = await ferryPlay(MIGRATE, { ...run, killWhen: taskFinished(TASK.addLearner, h.name) });
    assert.ok(first.killed, `not killed after the add: exit ${first.code}`);
    // Between the runs, data that is not this member's lands in its data dir (preflight skips hosts already added).
    const planted = '/var/lib/etcd/member/wal/0000000000000000-0000000000000000.wal';
    await sshRun(h, `mkdir -p /var/lib/etcd/member/wal && echo stranger > ${planted}`);
    const r = await ferryPlay(MIGRATE, run);
    assert.equal(r.code, 1, failedResults(r));
    assert.match(failureText(r), /data dir \/var\/lib\/etcd is not empty just before the first start \(member \); left as found/);
    assert.match(failureText(r), /rolled back: etcd3 stopped and disabled, member removed, data dir left as found/);
    assert.equal((await sshRun(h, `cat ${planted}`)).stdout.trim(), 'stranger', 'the stranger\'s data was wiped or changed');
    assert.ok(!r.events.some((e) => e.kind === 'host_start' && TASK.startService.test(e.task) && e.host === h.name), 'etcd3 was started on it');
    const st = await hostEtcdState(h);
    assert.notEqual(st.active, 'active');
    assert.deepEqual(memberIps(await memberList(old[0])), old.map((x) => x.ip).sort(), 'the unfinished member was not removed');
    await assertNoWriteLost(old);
  });
});

/** The host among `hosts` whose etcd reports itself the leader (Status straight at its client URL). */
async function leaderOf(hosts: LabHost[]): Promise<LabHost> {
  for (const h of hosts) {
    const c = directClient(clientUrl(h), 3000);
    try {
      const s = await c.maintenance.status();
      if (s.leader === s.header.member_id) return h;
    } catch {
      // not answering: not the leader
    } finally {
      c.close();
    }
  }
  throw new Error(`none of ${hosts.map((h) => h.name).join(', ')} leads`);
}
