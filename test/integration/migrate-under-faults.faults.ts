// migrate-etcd.yml under the faults of issue 11 §3 that take minutes (npm run test:faults; not in
// npm test): a new host's link cut mid-join, a new host power-cycled mid-join, ferry SIGKILLed at
// each step with the StorageOS step on, and a learner slow to catch up. Each ends with the cluster
// healthy, every acknowledged write readable from the new members, members exactly the new hosts.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { EtcdWriter, loadKeys } from '../helpers/etcd-writer.js';
import { faults } from '../helpers/faults.js';
import { failedResults, failureText, ferryPlay, startFerryPlay, taskFinished, taskStarted, type FerryRunOptions, type FerryRunResult, type TimedEvent } from '../helpers/ferry-run.js';
import { resetEtcd, useLab, type LabHost } from '../helpers/lab.js';
import { QuorumSampler } from '../helpers/quorum-sampler.js';
import { writeKubeconfig } from '../k8s-standin/kubeconfig.js';
import { K8sStandIn } from '../k8s-standin/server.js';
import { storageosCluster } from '../modules/k8s/standin-fixture.js';
import { MIGRATE, TASK } from '../fixtures/integration/migrate/playbook.js';
import { assertMigrated, bootstrapCluster, clientUrl, hostEtcdState, memberList, migrateInventory, peerUrl, tempDir, until } from '../fixtures/integration/migrate/support.js';

const CR = { apiVersion: 'storageos.com/v1', plural: 'storageosclusters', namespace: 'storageos', name: 'cluster-1' };

describe('migrate-etcd.yml under faults that take minutes (lab)', function () {
  this.timeout(900_000);
  // FERRY_TEST_FIRST_HOST=15: hosts 15-20 of a shared lab (FERRY_LAB_REUSE=1), beside a chaos stream on others.
  const first = Number(process.env.FERRY_TEST_FIRST_HOST ?? 1) - 1;
  const lab = useLab({ hosts: first + 6 });
  let old: LabHost[];
  let fresh: LabHost[];
  let dir: string;
  let run: FerryRunOptions;
  let clusterId: string;
  let writer: EtcdWriter | undefined;
  let sampler: QuorumSampler | undefined;
  const names = () => [...old, ...fresh].map((h) => h.name);

  beforeEach(async function () {
    this.timeout(180_000);
    old = lab.hosts.slice(first, first + 3);
    fresh = lab.hosts.slice(first + 3, first + 6);
    await faults.heal(names());
    await Promise.all([...old, ...fresh].map((h) => resetEtcd(h)));
    dir = tempDir();
    run = { inventory: migrateInventory(old, fresh, join(dir, 'inventory.yaml')), extraVars: { etcd_backup_dir: join(dir, 'backups') }, timeoutMs: 600_000 };
    clusterId = await bootstrapCluster(old, run.inventory);
  });

  /** The writer and the quorum sampler, from the first run on. */
  function watch(): void {
    const all = [...old, ...fresh].map((h) => clientUrl(h));
    writer = new EtcdWriter({ endpoints: all, intervalMs: 5 });
    writer.start();
    sampler = new QuorumSampler(all);
    sampler.start();
  }

  afterEach(async function () {
    this.timeout(180_000);
    await sampler?.stop();
    await writer?.stop();
    writer?.close();
    writer = sampler = undefined;
    await faults.heal(names());
  });

  /** Every acknowledged write readable from the new members, quorum never lost, the end state of a migration. */
  async function assertSafeEnd(): Promise<void> {
    const q = await sampler!.stop();
    const stats = await writer!.stop();
    const v = await writer!.verify(fresh.map((h) => clientUrl(h)));
    assert.ok(stats.acked > 20, `the writer got too few puts through: ${JSON.stringify(stats)}`);
    assert.deepEqual({ missing: v.missing.length, wrong: v.wrong.length }, { missing: 0, wrong: 0 }, `lost: ${v.missing.slice(0, 5).join(' ')}`);
    assert.equal(q.quorumLosses, 0, `quorum lost: ${q.losses.join('; ')}`);
    assert.equal(q.twoLearners, 0, 'two learners at once');
    await assertMigrated(old, fresh, clusterId);
  }

  /** Reruns (faults healed) until one completes, at most `max`; returns how many it took. */
  async function rerunToCompletion(o: FerryRunOptions = run, max = 2): Promise<number> {
    for (let n = 1; ; n++) {
      await faults.heal(names());
      const r = await ferryPlay(MIGRATE, o);
      if (r.code === 0) return n;
      if (n === max) assert.fail(`rerun ${n} failed too:\n${failedResults(r)}`);
    }
  }

  /** A clear stop: exit 1 (not a hang, not a crash), a failed result or stderr naming `host`. */
  function assertClearStop(r: FerryRunResult, host: string): void {
    assert.equal(r.timedOut, false, 'ferry hung');
    if (r.code === 0) return;
    assert.equal(r.code, 1, `exit ${String(r.code)} (${String(r.signal)}): ${r.stderr.slice(-800)}`);
    assert.match(failureText(r), new RegExp(host), `the stop does not name ${host}`);
    assert.doesNotMatch(r.stderr, /\n\s+at .+\(.+:\d+:\d+\)/, 'a stack trace');
  }

  it('the controller loses a new host\'s link mid-join (cut at its start, restored once ferry stops or after 20 s): a clear stop or it goes on; a rerun completes', async () => {
    const h = fresh[1];
    watch();
    let cutAt = 0;
    const first = startFerryPlay(MIGRATE, {
      ...run,
      onEvent: (e) => {
        if (cutAt || !(e.kind === 'host_result' && TASK.startService.test(e.task) && e.host === h.name)) return;
        cutAt = Date.now();
        void faults.cut(h.name);
      },
    });
    // Restore "later": when ferry has stopped on it, or after 20 s if it is still waiting.
    await until('ferry to stop, or 20 s with the link cut', async () => first.child.exitCode !== null || (cutAt > 0 && Date.now() - cutAt > 20_000), 600_000);
    assert.ok(cutAt > 0, 'the link was never cut');
    assert.equal(faults.linkState(h.name), 'down');
    await faults.restore(h.name);
    const r = await first.result;
    assertClearStop(r, h.name);
    console.log(`      first run: exit ${r.code}, link down ${((Date.now() - cutAt) / 1000).toFixed(0)} s; ${r.code ? `then ${await rerunToCompletion()} rerun(s)` : 'went on after the restore'}`);
    await assertSafeEnd();
  });

  it('a new host power-cycled mid-join (after its etcd started as a learner): a clear stop, a rerun completes', async () => {
    const h = fresh[1];
    watch();
    let rebooted: Promise<void> | undefined;
    const r = await ferryPlay(MIGRATE, {
      ...run,
      onEvent: (e) => {
        if (rebooted || !(e.kind === 'host_result' && TASK.startService.test(e.task) && e.host === h.name)) return;
        rebooted = faults.reboot(h.name);
      },
    });
    assert.ok(rebooted, 'the host was never rebooted');
    await rebooted;
    assertClearStop(r, h.name);
    const st = await hostEtcdState(h);
    console.log(`      first run: exit ${r.code}; after the reboot etcd3 is ${st.active}/${st.enabled}; ${r.code ? `${await rerunToCompletion()} rerun(s)` : 'no rerun'}`);
    await assertSafeEnd();
  });

  it('ferry SIGKILLed after an add before the start, before a promote, mid-removal with the answer lost (StorageOS deleted, not yet recreated); each rerun goes on, the last completes', async () => {
    const api = await new K8sStandIn({ deleteDelayMs: 200, runningDelayMs: 200 }).start();
    try {
      api.seed(CR.apiVersion, CR.plural, CR.namespace, storageosCluster(old.map((h) => `${h.ip}:2379`).join(','), CR.name, CR.namespace));
      const storageos = { enabled: true, name: CR.name, namespace: CR.namespace, kubeconfig: writeKubeconfig(api, dir), backup_dir: join(dir, 'storageos-backups'), wait_timeout: 60 };
      const o = { ...run, inventory: migrateInventory(old, fresh, join(dir, 'inventory-storageos.yaml'), { storageos }) };
      const live = () => api.object(CR.apiVersion, CR.plural, CR.namespace, CR.name);
      watch();

      // 1. After fresh[0]'s add, before its start: an unstarted learner.
      const a = await ferryPlay(MIGRATE, { ...o, killWhen: taskFinished(TASK.addLearner, fresh[0].name) });
      assert.ok(a.killed, `not killed after the add: exit ${a.code}\n${failedResults(a)}`);
      let m = (await memberList(old[0])).members.find((x) => x.peerURLs.includes(peerUrl(fresh[0])));
      assert.ok(m?.isLearner && m.name === '', `${fresh[0].name} is not an unstarted learner at the kill: ${JSON.stringify(m)}`);

      // 2. As fresh[1]'s promote starts: fresh[0] finished by the rerun, fresh[1] a started learner.
      const b = await ferryPlay(MIGRATE, { ...o, killWhen: taskStarted(TASK.promote, fresh[1].name) });
      assert.ok(b.killed, `not killed before the promote: exit ${b.code}\n${failedResults(b)}`);
      const list = (await memberList(old[0])).members;
      m = list.find((x) => x.peerURLs.includes(peerUrl(fresh[1])));
      assert.ok(m?.isLearner && m.name !== '', `${fresh[1].name} is not a started learner at the kill: ${JSON.stringify(m)}`);
      assert.ok(list.some((x) => x.peerURLs.includes(peerUrl(fresh[0])) && !x.isLearner), `${fresh[0].name} not promoted by the rerun`);

      // 3. Mid-removal of old[1]: as its removal's reads start, ferry is paused (SIGSTOP, from the
      // event itself) while the runner's answers to ferry are throttled (16 kbit/s, no burst: every
      // answer waits), then resumed; ferry killed once etcd shows old[1] gone, its answer in flight.
      const target = old[1];
      let throttling: Promise<void> | undefined;
      const third = startFerryPlay(MIGRATE, {
        ...o,
        onEvent: (e) => {
          if (throttling || e.kind !== 'host_start' || !TASK.beforeRemoval.test(e.task) || e.host !== target.name) return;
          third.child.kill('SIGSTOP');
          throttling = faults.throttleReplies(fresh[0].name, 16, 200).finally(() => third.child.kill('SIGCONT'));
        },
      });
      await until(`the removal of ${target.name} to start`, async () => throttling !== undefined || third.child.exitCode !== null, 600_000);
      await throttling;
      const throttledAt = third.events.at(-1)?.at;
      // (Not assert.equal with `await third.result` in its message: that waits for ferry to end first.)
      if (third.child.exitCode !== null) assert.fail(`the run ended before removing ${target.name}: ${failedResults(await third.result)}`);
      try {
        // etcdctl on the other new hosts (over their own, unthrottled SSH): what etcd itself lists.
        const looks: string[] = [];
        const removedFrom = async (h: LabHost) => {
          const t0 = Date.now();
          const list = await memberList(h).catch((e: unknown) => {
            looks.push(`${h.name} ${Date.now() - t0} ms: ${String((e as Error).message).slice(0, 200)}`);
            return null;
          });
          if (list) looks.push(`${h.name} ${Date.now() - t0} ms: ${list.members.map((x) => x.peerURLs.join('|')).join(' ')}`);
          return list !== null && !list.members.some((x) => x.peerURLs.includes(peerUrl(target)));
        };
        const seen = await until(`etcd to show ${target.name} removed`, async () => {
          if (third.child.exitCode !== null) return 'ferry ended';
          return (await Promise.all([fresh[1], fresh[2]].map(removedFrom))).some(Boolean) && 'removed';
        }, 120_000);
        if (seen === 'ferry ended') {
          const ended = await third.result;
          const removals = ended.events.filter((x) => (x.kind === 'host_start' || x.kind === 'host_result') && x.host === target.name).map((x) => `${x.at} ms ${x.kind} ${'task' in x ? x.task : ''}`);
          throw new Error(`the run ended (exit ${ended.code}, ${ended.durationMs} ms; throttled from ${throttledAt} ms) before etcd showed ${target.name} removed; looks (${looks.length}): ${looks.slice(0, 4).join('; ')} … ${looks.slice(-4).join('; ')}\n${removals.join('\n')}\n${failedResults(ended)}`);
        }
        third.kill();
      } finally {
        await faults.unthrottleReplies(fresh[0].name);
      }
      const killed = await third.result;
      assert.ok(killed.killed, `the run ended by itself: exit ${killed.code}`);
      // Its whole output, read to the end: ferry never recorded the removal it had asked for.
      assert.ok(!killed.events.some((e) => e.kind === 'host_result' && TASK.remove.test(e.task) && e.host === target.name), `ferry had the answer of ${target.name}'s removal before the kill`);
      assert.equal(live(), undefined, 'the StorageOSCluster exists at the kill: not between its delete and recreate');
      assert.ok(!(await memberList(fresh[0])).members.some((x) => x.peerURLs.includes(peerUrl(target))), `${target.name} still a member`);

      // 4. The rerun: the removal found done, the rest removed, the StorageOSCluster recreated from its backup.
      const last = await ferryPlay(MIGRATE, o);
      assert.equal(last.code, 0, failedResults(last));
      const removal = last.events.find((e) => e.kind === 'host_result' && TASK.remove.test(e.task) && e.host === target.name);
      assert.equal(removal?.kind === 'host_result' && removal.status, 'ok', `the rerun did not find ${target.name}'s removal done`);
      const now = live();
      assert.equal(now?.status?.phase, 'Running');
      assert.deepEqual(String(now?.spec.kvBackend.address).split(',').sort(), fresh.map((h) => `${h.ip}:2379`).sort());
      await assertSafeEnd();
    } finally {
      await api.stop();
    }
  });

  it('a learner slow to catch up (24 MB, its link at 4 Mbit/s): the promote waits past the stall limit while progress shows; frozen, it gives up after the limit; a rerun completes', async () => {
    await loadKeys(old.map((h) => clientUrl(h)), { count: 1536, size: 16 * 1024, batch: 16, concurrency: 2, prefix: '/slow-learner/' });
    const stall = 8;
    const o = { ...run, extraVars: { ...(run.extraVars as object), etcd_promote_stall_timeout: stall } };
    const [slow, hung] = fresh;
    watch();
    let frozen = false;
    // The faults' own failures, surfaced after the run (an event handler cannot await them).
    const acts: Promise<unknown>[] = [];
    const shapedAtPromote: Record<string, boolean> = {};
    const r = await ferryPlay(MIGRATE, {
      ...o,
      onEvent: (e) => {
        if (e.kind === 'host_result' && TASK.addLearner.test(e.task) && (e.host === slow.name || e.host === hung.name)) acts.push(faults.slow(e.host, { rateKbit: 4000, queueMs: 2000 }));
        if (e.kind === 'host_start' && TASK.promote.test(e.task) && e.host === slow.name) acts.push(faults.shaped(slow.name).then((on) => (shapedAtPromote[slow.name] = on)));
        if (e.kind === 'host_result' && TASK.promote.test(e.task) && e.host === slow.name) acts.push(faults.unslow(slow.name));
        // Once hung's catch-up has shown progress, its etcd hangs (SIGSTOP): no progress from then on.
        if (!frozen && e.kind === 'progress' && TASK.promote.test(e.task) && e.host === hung.name && /applied \d+\/\d+/.test(e.msg)) {
          frozen = true;
          void faults.freezeEtcd(hung.name);
        }
      },
    });
    await Promise.all(acts);
    assert.equal(shapedAtPromote[slow.name], true, `${slow.name}'s link was not slowed when its promote started`);
    const span = (host: string) => {
      const s = r.events.find((e) => e.kind === 'host_start' && TASK.promote.test(e.task) && e.host === host);
      const f = r.events.find((e) => e.kind === 'host_result' && TASK.promote.test(e.task) && e.host === host);
      return { ms: s && f ? f.at - s.at : NaN, result: f?.kind === 'host_result' ? f : undefined };
    };
    const lines = r.events.filter((e): e is Extract<TimedEvent, { kind: 'progress' }> => e.kind === 'progress' && TASK.promote.test(e.task) && e.host === slow.name).map((e) => e.msg);
    const applied = lines.map((l) => Number(/applied (\d+)\//.exec(l)?.[1])).filter((n) => n > 0);
    const waited = span(slow.name);
    console.log(`      ${slow.name}: promoted after ${(waited.ms / 1000).toFixed(0)} s (stall limit ${stall} s), ${applied.length} progress lines, applied ${applied[0]} → ${applied[applied.length - 1]}`);
    assert.equal(waited.result?.status, 'changed', `${slow.name}'s promote: ${JSON.stringify(waited.result?.result.msg)}`);
    assert.ok(waited.ms > 2 * stall * 1000, `the promote took ${waited.ms} ms: the learner was not slower than the stall limit, nothing shown`);
    assert.ok(applied.length >= 3 && applied[applied.length - 1] > applied[0], `progress not shown: ${lines.slice(0, 5).join(' | ')}`);

    assert.ok(frozen, `${hung.name}'s etcd was never frozen`);
    const gaveUp = span(hung.name);
    assert.equal(r.code, 1, `the run did not stop on the hung learner: exit ${r.code}`);
    assert.match(failureText(r), new RegExp(`stopped catching up: no progress for ${stall}s`));
    assert.ok(gaveUp.ms >= stall * 1000 && gaveUp.ms < stall * 1000 + 60_000, `gave up after ${gaveUp.ms} ms`);
    assert.ok(!(await memberList(old[0])).members.some((x) => x.peerURLs.includes(peerUrl(hung))), `${hung.name} still a member after the rollback`);
    await faults.heal(names());
    assert.equal(await rerunToCompletion(o), 1);
    await assertSafeEnd();
  });
});
