// playbooks/migrate-etcd.yml on the lab: real hosts, real etcd 3.4, a writer putting keys throughout.
// Other shapes (1 → 3, 3 → 5, etcd_learners=false) are in migrate-shapes.long.ts (`npm run test:long`).
import { strict as assert } from 'node:assert';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EtcdWriter, directClient, loadKeys } from '../helpers/etcd-writer.js';
import { changedTotal, failedResults, ferryPlay, hostResults, type FerryRunResult } from '../helpers/ferry-run.js';
import { resetEtcd, sshRun, useLab, writeInventory, type Lab, type LabHost } from '../helpers/lab.js';

const url = (h: LabHost, port: number) => `http://${h.ip}:${port}`;

/** Resets every host, writes an inventory with these groups, provisions `old` with provision-etcd.yml. */
async function freshCluster(lab: Lab, old: LabHost[], neu: LabHost[], dir: string): Promise<string> {
  await Promise.all(lab.hosts.map((h) => resetEtcd(h)));
  const inv = writeInventory([...old, ...neu], { etcd_old: old.map((h) => h.name), etcd_new: neu.map((h) => h.name) }, join(dir, 'inventory.yaml'));
  const r = await ferryPlay('playbooks/provision-etcd.yml', { inventory: inv, knownHosts: lab.knownHosts, timeoutMs: 60_000 });
  assert.equal(r.code, 0, `provision failed:\n${failedResults(r)}`);
  return inv;
}

async function migrate(lab: Lab, inv: string, dir: string, extra: Record<string, unknown> = {}): Promise<FerryRunResult> {
  return ferryPlay('playbooks/migrate-etcd.yml', { inventory: inv, knownHosts: lab.knownHosts, extraVars: { etcd_backup_dir: join(dir, 'backups'), ...extra }, timeoutMs: 180_000 });
}

/** Members (peer URLs, learner flags) as one new host sees them. */
async function memberList(h: LabHost): Promise<{ peer: string; learner: boolean }[]> {
  const c = directClient(url(h, 2379), 5000);
  try {
    const r = await c.cluster.memberList({ linearizable: true });
    return r.members.map((m) => ({ peer: m.peerURLs[0], learner: !!m.isLearner })).sort((a, b) => a.peer.localeCompare(b.peer));
  } finally {
    c.close();
  }
}

async function assertMigrated(old: LabHost[], neu: LabHost[]): Promise<void> {
  assert.deepEqual(await memberList(neu[0]), neu.map((h) => ({ peer: url(h, 2380), learner: false })).sort((a, b) => a.peer.localeCompare(b.peer)));
  for (const h of old) {
    const r = await sshRun(h, 'systemctl is-enabled etcd3; systemctl is-active etcd3');
    assert.match(r.stdout, /disabled\s+inactive/, `${h.name}: ${r.stdout}`);
  }
  for (const h of neu) {
    const r = await sshRun(h, `grep -l -E '${old.map((o) => o.ip.replace(/\./g, '\\.')).join('|')}([^0-9]|$)' /etc/etcd.conf /etc/systemd/system/etcd3.service || true`);
    assert.equal(r.stdout.trim(), '', `${h.name}: a file still names an old host`);
  }
}

describe('migrate-etcd.yml on the lab', function () {
  this.timeout(300_000);
  const lab = useLab({ hosts: 6 });
  const dir = mkdtempSync(join(tmpdir(), 'ferry-migrate-'));

  it('3 old → 3 new under a continuous writer: no acknowledged write lost, members exactly the new hosts, old services off; a rerun changes nothing', async () => {
    const [old, neu] = [lab.hosts.slice(0, 3), lab.hosts.slice(3, 6)];
    const inv = await freshCluster(lab, old, neu, dir);
    await loadKeys(old.map((h) => url(h, 2379)), { count: 500, size: 256 });
    const writer = new EtcdWriter({ endpoints: [...old, ...neu].map((h) => url(h, 2379)) });
    writer.start();
    const r = await migrate(lab, inv, dir);
    const stats = await writer.stop();
    assert.equal(r.code, 0, failedResults(r));
    const check = await writer.verify(neu.map((h) => url(h, 2379)));
    writer.close();
    assert.ok(stats.acked > 50, `only ${stats.acked} acknowledged puts`);
    assert.deepEqual([check.missing, check.wrong], [[], []], `${check.missing.length} missing, ${check.wrong.length} wrong of ${check.checked}`);
    const verify = hostResults(r).find((e) => e.task.startsWith('Members are exactly the new hosts'));
    assert.equal((verify?.result.consistency as { equal?: boolean } | undefined)?.equal, true, 'HashKV equal on all members');
    await assertMigrated(old, neu);
    console.log(`      migration ${r.durationMs} ms; writer: ${stats.acked} acked, ${stats.errors} transient errors`);
    const again = await migrate(lab, inv, dir);
    assert.equal(again.code, 0, failedResults(again));
    assert.equal(changedTotal(again), 0, hostResults(again, 'changed').map((e) => `${e.host} ${e.task}`).join('\n'));
  });

  it('--check on a fresh cluster changes nothing and shows each new host\'s --initial-cluster', async () => {
    const [old, neu] = [lab.hosts.slice(0, 3), lab.hosts.slice(3, 6)];
    const inv = await freshCluster(lab, old, neu, dir);
    const r = await ferryPlay('playbooks/migrate-etcd.yml', { inventory: inv, knownHosts: lab.knownHosts, check: true });
    assert.equal(r.code, 0, failedResults(r));
    const shown = hostResults(r).filter((e) => e.task.startsWith('Show the --initial-cluster')).map((e) => String(e.result.msg));
    assert.equal(shown.length, 3);
    assert.ok(shown[2].includes(`etcd-${neu[1].ip}=`) && shown[2].includes(`etcd-${neu[2].ip}=`), shown[2]);
    assert.equal((await memberList(old[0])).length, 3);
    const files = await sshRun(neu[0], 'ls /etc/etcd.conf /etc/systemd/system/etcd3.service 2>&1 || true');
    assert.match(files.stdout, /No such file/);
  });
});
