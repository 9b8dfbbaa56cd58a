// migrate-etcd.yml rolls a failed join back: a new host whose etcd cannot start (its etcd_binary is
// a broken etcd that passes the preflight's --version check, then exits at start with "member count
// is unequal") ends with that learner removed, its service stopped and disabled, its fresh data dir
// gone, the old cluster healthy, and a non-zero exit naming the host and the cause. (A binary path
// that does not exist at all is refused earlier, by the preflight: see migrate-preflight.test.ts.)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { failedResults, ferryPlay, hostResults } from '../helpers/ferry-run.js';
import { resetEtcd, sshRun, useLab } from '../helpers/lab.js';
import { FIXTURES, MIGRATE } from '../fixtures/integration/migrate/playbook.js';
import { bootstrapCluster, endpointStatus, hashKv, hostEtcdState, memberIps, memberList, migrateInventory, tempDir } from '../fixtures/integration/migrate/support.js';

describe('migrate-etcd.yml: rollback of a failed join', function () {
  this.timeout(180_000);
  const lab = useLab({ hosts: 8 });
  const BROKEN = '/usr/local/sbin/etcd3-broken';
  after(async () => {
    if (lab.hosts) await sshRun(lab.hosts[3], `rm -f ${BROKEN}`);
  });

  it('a new host whose etcd exits at start: learner removed, service stopped and disabled, data dir gone, cluster healthy', async () => {
    const old = lab.hosts.slice(0, 3);
    const fresh = lab.hosts.slice(3, 6);
    const bad = fresh[0];
    await Promise.all([...old, ...fresh].map((h) => resetEtcd(h)));
    const install = await sshRun(bad, `install -m 0755 /dev/stdin ${BROKEN}`, { input: readFileSync(join(FIXTURES, 'etcd3-broken.sh'), 'utf8') });
    assert.equal(install.code, 0, install.stderr);
    const inventory = migrateInventory(old, fresh, join(tempDir(), 'inventory.yaml'), {}, { [bad.name]: { etcd_binary: BROKEN } });
    const clusterId = await bootstrapCluster(old, inventory);

    const r = await ferryPlay(MIGRATE, { inventory, timeoutMs: 150_000 });
    assert.equal(r.code, 1, `the migration succeeded with a new host that cannot start etcd: exit ${r.code}\n${r.stderr.slice(-1500)}`);
    assert.equal(r.killed, false, 'the run hung until its timeout');

    // What the user sees: a failure on that host that says why.
    const own = hostResults(r, 'failed').filter((e) => e.host === bad.name || String(e.result.msg ?? '').includes(bad.name));
    assert.ok(own.length > 0, `no failure names ${bad.name}:\n${failedResults(r)}`);
    const text = own.map((e) => `${String(e.result.msg ?? '')} ${String(e.result.stderr ?? '')}`).join('\n');
    assert.match(text, /member count is unequal/, `the cause (etcd's own error) is not shown:\n${text}`);
    // The learner's start returns at once; the promote's watch of the host is what saw etcd exit,
    // at once, not after the stall limit.
    const promote = hostResults(r, 'failed').find((e) => e.host === bad.name && /^Promote the learner/.test(e.task));
    assert.match(String(promote?.result.msg ?? ''), /(exited|restarted by systemd|failed).* while catching up as a learner; its journal: /, `the promote did not name the exit:\n${failedResults(r)}`);
    const began = r.events.find((e) => e.kind === 'host_start' && e.host === bad.name && /^Promote the learner/.test(e.task));
    const ended = r.events.find((e) => e.kind === 'host_result' && e.host === bad.name && /^Promote the learner/.test(e.task));
    assert.ok(began && ended && ended.at - began.at < 20_000, `the promote took ${ended && began ? ended.at - began.at : '?'} ms to see the exit`);

    // The rollback really had something to undo: the learner and a data dir etcd had created.
    const undone = (re: RegExp) => hostResults(r).some((e) => e.host === bad.name && re.test(e.task) && e.status === 'changed');
    assert.ok(undone(/remove the unfinished member/i), 'the rollback removed no member');
    assert.ok(undone(/wipe the fresh data dir/i), 'the rollback wiped no data dir');

    // What etcd says: exactly the old members, voters, one cluster, healthy and consistent.
    const list = await memberList(old[0]);
    assert.deepEqual(memberIps(list), old.map((h) => h.ip).sort(), `members: ${JSON.stringify(list.members)}`);
    assert.ok(list.members.every((m) => !m.isLearner && m.name !== ''), 'a learner or unstarted member was left');
    const urls = list.members.map((m) => m.clientURLs[0]);
    const status = await endpointStatus(old[0], urls);
    assert.ok(status.every((s) => s.clusterId === clusterId && s.leader === status[0].leader && s.leader !== '0'), JSON.stringify(status));
    const hashes = await hashKv(old[0], urls);
    assert.equal(new Set(hashes).size, 1, `HashKV differs: ${hashes.join(' ')}`);

    // What the host says: service stopped and disabled, its fresh data dir gone.
    const st = await hostEtcdState(bad);
    assert.notEqual(st.active, 'active', `${bad.name}: service still running`);
    assert.notEqual(st.enabled, 'enabled', `${bad.name}: service still enabled`);
    assert.equal(st.dataDir, false, `${bad.name}: the fresh data dir was left`);
    // The run stopped at the failure: the other new hosts were never started.
    for (const h of fresh.slice(1)) {
      const other = await hostEtcdState(h);
      assert.deepEqual([other.active, other.dataDir], ['inactive', false], `${h.name} was touched after the failure`);
    }
  });
});
