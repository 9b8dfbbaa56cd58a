// Discovery: kind → plural and scope from the APIResourceList, cached per client.
import assert from 'node:assert/strict';
import { k8sModule } from '../../../runner/modules/k8s/k8s.js';
import { splitApiVersion } from '../../../runner/modules/k8s/discovery.js';
import { makeContext, MapResources } from './context.js';
import { startStandIn, type StandInFixture } from './standin-fixture.js';

describe('k8s discovery (stand-in API server)', () => {
  let f: StandInFixture;
  beforeEach(async () => { f = await startStandIn(); });
  afterEach(async () => { await f.server.stop(); });

  it('splits apiVersion into group and version', () => {
    assert.deepEqual(splitApiVersion('storageos.com/v1'), { group: 'storageos.com', version: 'v1' });
    assert.deepEqual(splitApiVersion('v1'), { group: '', version: 'v1' });
  });

  it('maps an irregular kind to its plural and cluster scope (Policy → policies)', async () => {
    const def = { apiVersion: 'ferry.test/v1', kind: 'Policy', metadata: { name: 'p1' }, spec: { rule: 'x' } };
    const res = await k8sModule.run({ kubeconfig: f.kubeconfig, definition: def }, makeContext());
    assert.equal(res.failed, false, res.msg);
    assert.ok(f.server.requests.some((r) => r.method === 'POST' && r.path === '/apis/ferry.test/v1/policies'));
    assert.equal(f.server.object('ferry.test/v1', 'policies', undefined, 'p1')?.spec.rule, 'x');
  });

  it('asks discovery once per group/version for a run, and not at all with an explicit plural', async () => {
    const resources = new MapResources();
    const args = { kubeconfig: f.kubeconfig, api_version: 'storageos.com/v1', kind: 'StorageOSCluster', name: 'c', namespace: 'storageos' };
    await k8sModule.run(args, makeContext({}, resources));
    await k8sModule.run({ ...args, name: 'd' }, makeContext({}, resources));
    const discoveries = f.server.requests.filter((r) => r.path === '/apis/storageos.com/v1');
    assert.equal(discoveries.length, 1);
    assert.equal(resources.created, 1, 'one client per (kubeconfig, context)');
    const other = new MapResources();
    await k8sModule.run({ ...args, plural: 'storageosclusters' }, makeContext({}, other));
    assert.equal(f.server.requests.filter((r) => r.path === '/apis/storageos.com/v1').length, 1);
  });

  it('refuses a namespaced kind without a namespace', async () => {
    const res = await k8sModule.run({ kubeconfig: f.kubeconfig, api_version: 'storageos.com/v1', kind: 'StorageOSCluster', name: 'c' }, makeContext());
    assert.equal(res.failed, true);
    assert.match(res.msg!, /^k8s: StorageOSCluster c: StorageOSCluster is namespaced: give `namespace`$/);
  });

  it('a group the server does not serve is a clear 404', async () => {
    const res = await k8sModule.run({ kubeconfig: f.kubeconfig, api_version: 'nope.io/v1', kind: 'Thing', name: 'c' }, makeContext());
    assert.equal(res.failed, true);
    assert.match(res.msg!, /^k8s: Thing c: NotFound \(404\)/);
  });
});
