// storageos_cluster against the STAND-IN API server (with its pretend operator): stop, start,
// resume after interruptions, and a failed recreate.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { storageosClusterModule as mod } from '../../../runner/modules/k8s/storageos.js';
import { invalid } from '../../k8s-standin/status.js';
import { makeContext } from './context.js';
import { startStandIn, storageosCluster, type StandInFixture } from './standin-fixture.js';

const OLD = 'http://10.0.0.1:2379,http://10.0.0.2:2379,http://10.0.0.3:2379';
const NEW_URLS = ['http://10.0.1.1:2379', 'http://10.0.1.2:2379', 'http://10.0.1.3:2379'];

describe('storageos_cluster (stand-in API server)', () => {
  let f: StandInFixture;
  let dir: string;
  let base: Record<string, unknown>;
  const live = () => f.server.object('storageos.com/v1', 'storageosclusters', 'storageos', 'cluster-1');

  beforeEach(async () => {
    f = await startStandIn({ deleteDelayMs: 300, runningDelayMs: 300 });
    dir = mkdtempSync(join(tmpdir(), 'ferry-stos-backups-'));
    base = { name: 'cluster-1', namespace: 'storageos', kubeconfig: f.kubeconfig, backup_dir: dir, wait_timeout: 5, wait_sleep: 0.05 };
  });
  afterEach(async () => { await f.server.stop(); });

  async function seedRunning(address = OLD): Promise<Record<string, any>> {
    const obj = f.server.seed('storageos.com/v1', 'storageosclusters', 'storageos', storageosCluster(address));
    await new Promise((r) => setTimeout(r, 350));
    assert.equal(live()?.status.phase, 'Running');
    return structuredClone(obj);
  }

  it('stop backs up, deletes and waits gone; start recreates with the new address, spec otherwise intact', async () => {
    const before = await seedRunning();
    const ctx = makeContext();
    const stopped = await mod.run({ ...base, state: 'stopped' } as any, ctx);
    assert.equal(stopped.failed, false, stopped.msg);
    assert.equal(stopped.changed, true);
    assert.equal(live(), undefined, 'returned before the finalizer let go');
    const backup = stopped.backup_path as string;
    assert.match(backup, /storageoscluster_storageos_cluster-1_\d{8}T\d{9}Z\.yaml$/);
    assert.ok(ctx.progressLines.some((l) => l.includes(backup)), 'the backup path is reported');
    const saved = parse(readFileSync(backup, 'utf8'));
    assert.deepEqual(saved.spec, before.spec);
    assert.equal(saved.metadata.uid, before.metadata.uid, 'the backup is the exact server copy');

    const started = await mod.run({ ...base, state: 'started', kv_address_from: NEW_URLS } as any, ctx);
    assert.equal(started.failed, false, started.msg);
    assert.equal(started.changed, true);
    const now = live()!;
    assert.equal(now.status.phase, 'Running');
    assert.equal(now.spec.kvBackend.address, 'http://10.0.1.1:2379,http://10.0.1.2:2379,http://10.0.1.3:2379');
    assert.deepEqual({ ...now.spec, kvBackend: { ...now.spec.kvBackend, address: '' } }, { ...before.spec, kvBackend: { ...before.spec.kvBackend, address: '' } });
    assert.deepEqual(now.metadata.labels, before.metadata.labels);
    assert.deepEqual(now.metadata.annotations, before.metadata.annotations);
    assert.notEqual(now.metadata.uid, before.metadata.uid, 'a new object, not the old one');
  });

  it('keeps the host:port style', async () => {
    await seedRunning('10.0.0.1:2379,10.0.0.2:2379');
    await mod.run({ ...base, state: 'stopped' } as any, makeContext());
    const res = await mod.run({ ...base, state: 'started', kv_address_from: NEW_URLS } as any, makeContext());
    assert.equal(res.failed, false, res.msg);
    assert.equal(live()!.spec.kvBackend.address, '10.0.1.1:2379,10.0.1.2:2379,10.0.1.3:2379');
  });

  it('rerun of stop when already gone: ok, unchanged, same backup', async () => {
    await seedRunning();
    const first = await mod.run({ ...base, state: 'stopped' } as any, makeContext());
    const again = await mod.run({ ...base, state: 'stopped' } as any, makeContext());
    assert.equal(again.failed, false, again.msg);
    assert.equal(again.changed, false);
    assert.equal(again.backup_path, first.backup_path);
  });

  it('interrupted between delete and recreate: a rerun recreates from the newest backup file', async () => {
    await seedRunning();
    await mod.run({ ...base, state: 'stopped' } as any, makeContext());
    // The process died here; a new run (new context, new client) picks up from the file.
    const res = await mod.run({ ...base, state: 'started', kv_address_from: NEW_URLS } as any, makeContext());
    assert.equal(res.failed, false, res.msg);
    assert.equal(res.changed, true);
    assert.ok(String(res.backup_path).startsWith(dir));
    assert.equal(live()!.spec.kvBackend.address, NEW_URLS.join(','));
  });

  it('interrupted while the old object terminated: start waits it out instead of making a Pending second cluster', async () => {
    await seedRunning();
    const stop = mod.run({ ...base, state: 'stopped', wait_timeout: 0 } as any, makeContext());
    assert.equal((await stop).failed, true, 'the stop step was cut short (timeout 0)');
    assert.ok(live()?.metadata.deletionTimestamp);
    const res = await mod.run({ ...base, state: 'started', kv_address_from: NEW_URLS } as any, makeContext());
    assert.equal(res.failed, false, res.msg);
    assert.equal(live()!.status.phase, 'Running');
  });

  it('rerun when already recreated with the new address: changed=false, no writes; stop leaves it running too', async () => {
    await seedRunning(NEW_URLS.join(','));
    const writes = f.server.writes().length;
    const started = await mod.run({ ...base, state: 'started', kv_address_from: [...NEW_URLS].reverse() } as any, makeContext());
    assert.equal(started.failed, false, started.msg);
    assert.equal(started.changed, false);
    const stopped = await mod.run({ ...base, state: 'stopped', kv_address_from: NEW_URLS } as any, makeContext());
    assert.equal(stopped.changed, false, stopped.msg);
    assert.equal(f.server.writes().length, writes);
    assert.equal(live()!.status.phase, 'Running');
  });

  it('failed recreate (422): names the backup and the exact restore commands; the backup stays', async () => {
    await seedRunning();
    const stopped = await mod.run({ ...base, state: 'stopped' } as any, makeContext());
    const backup = stopped.backup_path as string;
    f.server.failNext('POST', invalid('StorageOSCluster', 'storageos.com', 'cluster-1', 'spec.kvBackend.address', 'Invalid value: "x": unreachable'));
    const res = await mod.run({ ...base, state: 'started', kv_address_from: NEW_URLS } as any, makeContext());
    assert.equal(res.failed, true);
    const msg = res.msg!;
    assert.match(msg, /^k8s: StorageOSCluster storageos\/cluster-1: Invalid \(422\): spec\.kvBackend\.address: Invalid value: "x": unreachable/);
    assert.ok(msg.includes(`The backup is ${backup}.`), msg);
    const recreate = backup.replace(/\.yaml$/, '.recreate.yaml');
    const restore = backup.replace(/\.yaml$/, '.restore.yaml');
    assert.ok(msg.includes(`kubectl --kubeconfig ${f.kubeconfig} create -f ${recreate}`), msg);
    assert.ok(msg.includes(`kubectl --kubeconfig ${f.kubeconfig} create -f ${restore}`), msg);
    assert.ok(existsSync(backup));
    // The restore files are create-ready: no server fields; the recreate one has the new address.
    const r = parse(readFileSync(recreate, 'utf8'));
    assert.equal(r.metadata.uid, undefined);
    assert.equal(r.metadata.resourceVersion, undefined);
    assert.equal(r.status, undefined);
    assert.equal(r.spec.kvBackend.address, NEW_URLS.join(','));
    assert.equal(parse(readFileSync(restore, 'utf8')).spec.kvBackend.address, OLD);
    // Rerun after fixing the cause: the same backup is still the source.
    const retry = await mod.run({ ...base, state: 'started', kv_address_from: NEW_URLS } as any, makeContext());
    assert.equal(retry.failed, false, retry.msg);
    assert.equal(retry.backup_path, backup);
  });

  it('check mode: stop and start change nothing and write no files', async () => {
    await seedRunning();
    const ctx = makeContext({ check: true, diff: true });
    const stop = await mod.run({ ...base, state: 'stopped' } as any, ctx);
    assert.equal(stop.changed, true, stop.msg);
    assert.equal(f.server.writes().length, 0);
    assert.deepEqual(readdirSync(dir), []);
    assert.ok(live());
    await mod.run({ ...base, state: 'stopped' } as any, makeContext());
    const files = readdirSync(dir).sort();
    const writes = f.server.writes().length;
    const start = await mod.run({ ...base, state: 'started', kv_address_from: NEW_URLS } as any, ctx);
    assert.equal(start.changed, true, start.msg);
    assert.equal(f.server.writes().length, writes);
    assert.deepEqual(readdirSync(dir).sort(), files);
    assert.equal(live(), undefined);
    const [d] = start.diff as Array<{ path: string; before: string; after: string }>;
    assert.equal(d.before, '');
    assert.match(d.after, /address: http:\/\/10\.0\.1\.1:2379,http:\/\/10\.0\.1\.2:2379,http:\/\/10\.0\.1\.3:2379/);
    assert.doesNotMatch(d.after, /uid:|resourceVersion:/);
  });

  it('start with neither object nor backup fails clearly', async () => {
    const res = await mod.run({ ...base, state: 'started', kv_address_from: NEW_URLS } as any, makeContext());
    assert.equal(res.failed, true);
    assert.match(res.msg!, /is gone and there is no backup of it in /);
  });

  it('start refuses to touch a cluster that still has the old address', async () => {
    await seedRunning();
    const res = await mod.run({ ...base, state: 'started', kv_address_from: NEW_URLS } as any, makeContext());
    assert.equal(res.failed, true);
    assert.match(res.msg!, /exists with kvBackend\.address http:\/\/10\.0\.0\.1:2379.*stop it first/);
  });

  it('waiting for Running times out with the operator message and the backup named', async () => {
    await seedRunning();
    await mod.run({ ...base, state: 'stopped' } as any, makeContext());
    f.server.seed('storageos.com/v1', 'storageosclusters', 'elsewhere', storageosCluster('z:1', 'intruder', 'elsewhere'));
    const res = await mod.run({ ...base, state: 'started', kv_address_from: NEW_URLS, wait_timeout: 0.5 } as any, makeContext());
    assert.equal(res.failed, true);
    assert.match(res.msg!, /status\.phase is "Pending".*operator: can't create more than one storageos cluster.*recreated from backup .*\.yaml/);
  });
});

describe('storageos_cluster backups belong to their migration (stand-in API server)', () => {
  let f: StandInFixture;
  let dir: string;
  let base: Record<string, unknown>;
  const live = () => f.server.object('storageos.com/v1', 'storageosclusters', 'storageos', 'cluster-1');
  const seed = (address = OLD) => f.server.seed('storageos.com/v1', 'storageosclusters', 'storageos', storageosCluster(address));

  beforeEach(async () => {
    f = await startStandIn({ deleteDelayMs: 50, runningDelayMs: 50 });
    dir = mkdtempSync(join(tmpdir(), 'ferry-stos-bound-'));
    base = { name: 'cluster-1', namespace: 'storageos', kubeconfig: f.kubeconfig, backup_dir: join(dir, 'b'), wait_timeout: 5, wait_sleep: 0.05, etcd_cluster_id: 'aaaa' };
  });
  afterEach(async () => { await f.server.stop(); });

  it('stop records the source beside the backup (etcd cluster, uid, resourceVersion, time); every file 0600 in a 0700 folder', async () => {
    seed();
    while (live()?.status?.phase !== 'Running') await new Promise((r) => setTimeout(r, 20));
    const obj = structuredClone(live()!);
    const before = Date.now();
    const res = await mod.run({ ...base, state: 'stopped' } as any, makeContext());
    assert.equal(res.failed, false, res.msg);
    const source = JSON.parse(readFileSync(String(res.backup_path).replace(/\.yaml$/, '.source.json'), 'utf8'));
    assert.equal(source.etcd_cluster_id, 'aaaa');
    assert.equal(source.uid, obj.metadata.uid);
    assert.equal(source.resourceVersion, obj.metadata.resourceVersion);
    assert.equal(source.kv_address, OLD);
    assert.ok(Date.parse(source.taken_at) >= before - 1000);
    assert.equal(statSync(join(dir, 'b')).mode & 0o777, 0o700);
    for (const file of readdirSync(join(dir, 'b'))) assert.equal(statSync(join(dir, 'b', file)).mode & 0o777, 0o600, file);
  });

  it('start uses only a backup of the same etcd cluster, even when another cluster\'s backup is newer, and says which', async () => {
    seed();
    const mine = await mod.run({ ...base, state: 'stopped' } as any, makeContext());
    seed(); // the same name again, now for another etcd cluster's migration
    const foreign = await mod.run({ ...base, state: 'stopped', etcd_cluster_id: 'bbbb' } as any, makeContext());
    assert.ok(String(foreign.backup_path) > String(mine.backup_path), 'the foreign backup is the newer file');
    const res = await mod.run({ ...base, state: 'started', kv_address_from: NEW_URLS } as any, makeContext());
    assert.equal(res.failed, false, res.msg);
    assert.equal(res.backup_path, mine.backup_path);
    assert.match(res.msg!, /recreated from .*\.yaml \(uid [\w-]+, resourceVersion \d+, etcd cluster aaaa, taken \d{4}-/);
    assert.equal(live()!.spec.kvBackend.address, NEW_URLS.join(','));
  });

  it('start refuses when only another cluster\'s backup, or an unbound one, is in the folder, and names them', async () => {
    seed();
    await mod.run({ ...base, state: 'stopped', etcd_cluster_id: 'bbbb' } as any, makeContext());
    const res = await mod.run({ ...base, state: 'started', kv_address_from: NEW_URLS } as any, makeContext());
    assert.equal(res.failed, true);
    assert.match(res.msg!, /no backup of it for etcd cluster aaaa in .*passed over: storageoscluster_storageos_cluster-1_\d{8}T\d{9}Z\.yaml: taken for etcd cluster bbbb, not aaaa/);
    assert.equal(live(), undefined);
  });

  it('checked: a live resource passes; a missing one is refused unless a backup of this cluster shows an earlier run deleted it', async () => {
    const missing = await mod.run({ ...base, state: 'checked' } as any, makeContext());
    assert.equal(missing.failed, true);
    assert.match(missing.msg!, /StorageOSCluster storageos\/cluster-1 does not exist \(check storageos\.name and storageos\.namespace\), and no backup of it for etcd cluster aaaa/);
    seed();
    const present = await mod.run({ ...base, state: 'checked' } as any, makeContext());
    assert.equal(present.failed, false, present.msg);
    assert.equal(present.exists, true);
    assert.equal(f.server.writes().length, 0, 'checked wrote to the API');
    const stopped = await mod.run({ ...base, state: 'stopped', etcd_cluster_id: 'bbbb' } as any, makeContext());
    const foreign = await mod.run({ ...base, state: 'checked' } as any, makeContext());
    assert.equal(foreign.failed, true, 'another cluster\'s backup proves nothing about this one');
    assert.ok(foreign.msg!.includes('taken for etcd cluster bbbb'), foreign.msg);
    const own = await mod.run({ ...base, state: 'checked', etcd_cluster_id: 'bbbb' } as any, makeContext());
    assert.equal(own.failed, false, own.msg);
    assert.equal(own.exists, false);
    assert.equal(own.backup_path, stopped.backup_path);
  });
});
