// k8s module against the STAND-IN API server: absent waits out the finalizer; wait_for polls.
import assert from 'node:assert/strict';
import { k8sModule } from '../../../runner/modules/k8s/k8s.js';
import { makeContext } from './context.js';
import { startStandIn, storageosCluster, type StandInFixture } from './standin-fixture.js';

const addr = { api_version: 'storageos.com/v1', kind: 'StorageOSCluster', name: 'cluster-1', namespace: 'storageos' };

describe('k8s module: absent and wait_for (stand-in API server)', () => {
  let f: StandInFixture;
  beforeEach(async () => { f = await startStandIn({ deleteDelayMs: 400, runningDelayMs: 400 }); });
  afterEach(async () => { await f.server.stop(); });

  it('absent returns only once the finalizer has let the object go', async () => {
    f.server.seed('storageos.com/v1', 'storageosclusters', 'storageos', storageosCluster('a:2379'));
    const ctx = makeContext();
    const started = Date.now();
    const res = await k8sModule.run({ ...addr, kubeconfig: f.kubeconfig, state: 'absent', wait_sleep: 0.05 }, ctx);
    assert.equal(res.failed, false, res.msg);
    assert.equal(res.changed, true);
    assert.ok(Date.now() - started >= 350, 'returned before the finalizer delay');
    assert.equal(f.server.object('storageos.com/v1', 'storageosclusters', 'storageos', 'cluster-1'), undefined);
    assert.ok(ctx.progressLines.some((l) => /terminating/.test(l)), ctx.progressLines.join('\n'));
    const again = await k8sModule.run({ ...addr, kubeconfig: f.kubeconfig, state: 'absent' }, ctx);
    assert.deepEqual(again, { changed: false, failed: false, exists: false });
  });

  it('absent times out with the finalizers named', async () => {
    f.server.seed('storageos.com/v1', 'storageosclusters', 'storageos', storageosCluster('a:2379'));
    const res = await k8sModule.run({ ...addr, kubeconfig: f.kubeconfig, state: 'absent', wait_timeout: 0.1, wait_sleep: 0.03 }, makeContext());
    assert.equal(res.failed, true);
    assert.match(res.msg!, /still present after 0\.1s \(finalizers: finalizer\.storageoscluster\.storageos\.com\)/);
  });

  it('present while the old object terminates fails, saying why', async () => {
    f.server.seed('storageos.com/v1', 'storageosclusters', 'storageos', storageosCluster('a:2379'));
    await k8sModule.run({ ...addr, kubeconfig: f.kubeconfig, state: 'absent', wait_timeout: 0 }, makeContext());
    const res = await k8sModule.run({ kubeconfig: f.kubeconfig, definition: storageosCluster('b:2379') }, makeContext());
    assert.equal(res.failed, true);
    assert.match(res.msg!, /is being deleted/);
  });

  it('wait_for polls the real object until status.phase is Running', async () => {
    const ctx = makeContext();
    const res = await k8sModule.run({
      kubeconfig: f.kubeconfig, definition: storageosCluster('a:2379'),
      wait_for: { field: 'status.phase', equals: 'Running' }, wait_sleep: 0.05,
    }, ctx);
    assert.equal(res.failed, false, res.msg);
    assert.equal((res.object as any).status.phase, 'Running');
    assert.ok(ctx.progressLines.some((l) => l.includes('status.phase is "Creating"')), ctx.progressLines.join('\n'));
  });

  it('wait_for times out naming the field, its value and the wanted value', async () => {
    f.server.seed('storageos.com/v1', 'storageosclusters', 'other', storageosCluster('a:2379', 'first', 'other'));
    // A second cluster stays Pending, as the operator refuses it.
    const res = await k8sModule.run({
      kubeconfig: f.kubeconfig, definition: storageosCluster('a:2379'),
      wait_for: { field: 'status.phase', in: ['Running'] }, wait_timeout: 0.6, wait_sleep: 0.05,
    }, makeContext());
    assert.equal(res.failed, true);
    assert.match(res.msg!, /status\.phase is "Pending", not one of \["Running"\], after 0\.6s/);
  });
});
