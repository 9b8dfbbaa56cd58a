// k8s module against the STAND-IN API server: get, present (create, merge-patch, no change),
// patch, check mode and diff.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { k8sModule } from '../../../runner/modules/k8s/k8s.js';
import { makeContext } from './context.js';
import { startStandIn, storageosCluster, type StandInFixture } from './standin-fixture.js';

const ADDR = '10.0.0.1:2379,10.0.0.2:2379';

describe('k8s module: get / present / patch (stand-in API server)', () => {
  let f: StandInFixture;
  beforeEach(async () => { f = await startStandIn(); });
  afterEach(async () => { await f.server.stop(); });

  const addr = { api_version: 'storageos.com/v1', kind: 'StorageOSCluster', name: 'cluster-1', namespace: 'storageos' };

  it('get: returns the object, or exists=false', async () => {
    const ctx = makeContext();
    const missing = await k8sModule.run({ ...addr, kubeconfig: f.kubeconfig, state: 'get' }, ctx);
    assert.deepEqual(missing, { changed: false, failed: false, exists: false });
    f.server.seed('storageos.com/v1', 'storageosclusters', 'storageos', storageosCluster(ADDR));
    const found = await k8sModule.run({ ...addr, kubeconfig: f.kubeconfig }, ctx);
    assert.equal(found.failed, false, found.msg);
    assert.equal(found.exists, true);
    assert.equal((found.object as any).spec.kvBackend.address, ADDR);
  });

  it('present: creates, then merge-patches, then reports no change', async () => {
    const ctx = makeContext();
    const def = storageosCluster(ADDR);
    const created = await k8sModule.run({ kubeconfig: f.kubeconfig, definition: def }, ctx);
    assert.equal(created.failed, false, created.msg);
    assert.equal(created.changed, true);
    assert.equal(created.method, 'create');
    assert.equal(f.server.object('storageos.com/v1', 'storageosclusters', 'storageos', 'cluster-1')?.spec.kvBackend.address, ADDR);

    const edited = structuredClone(def);
    edited.spec.kvBackend.address = '10.0.1.1:2379';
    const patched = await k8sModule.run({ kubeconfig: f.kubeconfig, definition: edited }, ctx);
    assert.equal(patched.changed, true, patched.msg);
    assert.equal(patched.method, 'patch');
    const patch = f.server.writes().find((w) => w.method === 'PATCH');
    assert.equal(patch?.contentType, 'application/merge-patch+json');
    const stored = f.server.object('storageos.com/v1', 'storageosclusters', 'storageos', 'cluster-1')!;
    assert.equal(stored.spec.kvBackend.address, '10.0.1.1:2379');
    assert.deepEqual(stored.spec.tolerations, def.spec.tolerations);

    const writesBefore = f.server.writes().length;
    const again = await k8sModule.run({ kubeconfig: f.kubeconfig, definition: edited }, ctx);
    assert.equal(again.failed, false, again.msg);
    assert.equal(again.changed, false);
    assert.equal(f.server.writes().length, writesBefore, 'a no-op present sends no write');
  });

  it('present from a src file (YAML)', async () => {
    const file = join(f.server.certs!.dir, 'cm.yaml');
    writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\ndata:\n  a: "1"\n');
    const res = await k8sModule.run({ kubeconfig: f.kubeconfig, src: file }, makeContext());
    assert.equal(res.failed, false, res.msg);
    assert.equal(res.changed, true);
    assert.deepEqual(f.server.object('v1', 'configmaps', 'default', 'settings')?.data, { a: '1' });
  });

  it('patch: merge patch; null removes a key; missing object fails clearly', async () => {
    f.server.seed('storageos.com/v1', 'storageosclusters', 'storageos', storageosCluster(ADDR));
    const ctx = makeContext();
    const res = await k8sModule.run({ ...addr, kubeconfig: f.kubeconfig, state: 'patch', patch: { spec: { disableTelemetry: null, k8sDistro: 'openshift' } } }, ctx);
    assert.equal(res.changed, true, res.msg);
    const stored = f.server.object('storageos.com/v1', 'storageosclusters', 'storageos', 'cluster-1')!;
    assert.equal(stored.spec.k8sDistro, 'openshift');
    assert.equal('disableTelemetry' in stored.spec, false);
    assert.equal(stored.spec.kvBackend.address, ADDR);
    const missing = await k8sModule.run({ ...addr, name: 'nope', kubeconfig: f.kubeconfig, state: 'patch', patch: { spec: {} } }, ctx);
    assert.equal(missing.failed, true);
    assert.match(missing.msg!, /^k8s: StorageOSCluster storageos\/nope: NotFound \(404\)/);
  });

  it('check mode writes nothing and reports what would change, with a diff', async () => {
    f.server.seed('storageos.com/v1', 'storageosclusters', 'storageos', storageosCluster(ADDR));
    const ctx = makeContext({ check: true, diff: true });
    const edited = storageosCluster('10.0.9.9:2379');
    const res = await k8sModule.run({ kubeconfig: f.kubeconfig, definition: edited }, ctx);
    assert.equal(res.changed, true, res.msg);
    assert.equal(f.server.writes().length, 0);
    const diff = res.diff as Array<{ path: string; before: string; after: string }>;
    assert.equal(diff[0].path, 'StorageOSCluster/storageos/cluster-1');
    assert.match(diff[0].before, /address: 10\.0\.0\.1:2379,10\.0\.0\.2:2379/);
    assert.match(diff[0].after, /address: 10\.0\.9\.9:2379/);
    assert.doesNotMatch(diff[0].after, /managedFields/);

    const create = await k8sModule.run({ kubeconfig: f.kubeconfig, definition: storageosCluster(ADDR, 'other') }, ctx);
    assert.equal(create.changed, true);
    assert.equal((create.diff as any[])[0].before, '');
    const del = await k8sModule.run({ ...addr, kubeconfig: f.kubeconfig, state: 'absent' }, ctx);
    assert.equal(del.changed, true);
    assert.equal(f.server.writes().length, 0);
    assert.ok(f.server.object('storageos.com/v1', 'storageosclusters', 'storageos', 'cluster-1'));
  });

  it('diff after a real change shows the server object before and after', async () => {
    f.server.seed('storageos.com/v1', 'storageosclusters', 'storageos', storageosCluster(ADDR));
    const res = await k8sModule.run({ ...addr, kubeconfig: f.kubeconfig, state: 'patch', patch: { spec: { k8sDistro: 'rke' } } }, makeContext({ diff: true }));
    const [d] = res.diff as Array<{ before: string; after: string }>;
    assert.match(d.before, /k8sDistro: upstream/);
    assert.match(d.after, /k8sDistro: rke/);
  });
});
