// Error messages from the k8s module: reason, code, message and resource; never an HTTP dump.
import assert from 'node:assert/strict';
import { k8sModule } from '../../../runner/modules/k8s/k8s.js';
import { makeClient } from '../../../runner/modules/k8s/client.js';
import { toK8sError } from '../../../runner/modules/k8s/errors.js';
import { loadKubeConfig, processKubeconfigEnv } from '../../../runner/modules/k8s/kubeconfig.js';
import { invalid } from '../../k8s-standin/status.js';
import { makeContext } from './context.js';
import { startStandIn, storageosCluster, type StandInFixture } from './standin-fixture.js';

const addr = { api_version: 'storageos.com/v1', kind: 'StorageOSCluster', name: 'cluster-1', namespace: 'storageos' };

describe('k8s module: error messages (stand-in API server)', () => {
  let f: StandInFixture;
  beforeEach(async () => { f = await startStandIn(); });
  afterEach(async () => { await f.server.stop(); });

  const cases: Array<{ title: string; setup: () => void; args: () => Record<string, unknown>; msg: RegExp }> = [
    {
      title: '422 Invalid lists the field causes',
      setup: () => undefined,
      args: () => ({ kubeconfig: f.kubeconfig, definition: storageosCluster('') }),
      msg: /^k8s: StorageOSCluster storageos\/cluster-1: Invalid \(422\): spec\.kvBackend\.address: Required value$/,
    },
    {
      title: '409 AlreadyExists from an injected create failure',
      setup: () => f.server.failNext('POST', { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'AlreadyExists', code: 409, message: 'storageosclusters.storageos.com "cluster-1" already exists' }),
      args: () => ({ kubeconfig: f.kubeconfig, definition: storageosCluster('a:1') }),
      msg: /^k8s: StorageOSCluster storageos\/cluster-1: AlreadyExists \(409\): storageosclusters\.storageos\.com "cluster-1" already exists$/,
    },
    {
      title: '422 injected by the server hook',
      setup: () => f.server.failNext('POST', invalid('StorageOSCluster', 'storageos.com', 'cluster-1', 'spec.kvBackend.address', 'Invalid value: "x": bad')),
      args: () => ({ kubeconfig: f.kubeconfig, definition: storageosCluster('a:1') }),
      msg: /Invalid \(422\): spec\.kvBackend\.address: Invalid value: "x": bad$/,
    },
    {
      title: '401 with a hint about credentials',
      setup: () => undefined,
      args: () => ({ ...addr, kubeconfig: f.kubeconfig, context: 'wrong-token' }),
      msg: /^k8s: .*Unauthorized \(401\): Unauthorized \(the credentials were refused/,
    },
    {
      title: '404 on patch',
      setup: () => undefined,
      args: () => ({ ...addr, kubeconfig: f.kubeconfig, state: 'patch', patch: { spec: { a: 1 } } }),
      msg: /NotFound \(404\)/,
    },
    {
      title: 'unknown kind names what the group serves',
      setup: () => undefined,
      args: () => ({ ...addr, kind: 'StorageOSNode', kubeconfig: f.kubeconfig }),
      msg: /^k8s: StorageOSNode storageos\/cluster-1: kind StorageOSNode is not served by storageos\.com\/v1 \(it serves: StorageOSCluster\)$/,
    },
    {
      title: 'unknown context lists the contexts',
      setup: () => undefined,
      args: () => ({ ...addr, kubeconfig: f.kubeconfig, context: 'prod' }),
      msg: /context "prod" is not in .*kubeconfig \(contexts: standin, wrong-token\)/,
    },
  ];
  for (const c of cases) {
    it(c.title, async () => {
      c.setup();
      const res = await k8sModule.run(c.args() as any, makeContext());
      assert.equal(res.failed, true);
      assert.match(res.msg!, c.msg);
      assert.doesNotMatch(res.msg!, /HTTP-Code|Headers|"kind":"Status"/);
    });
  }

  it('409 Conflict on a stale PUT, through the library, reads as one line', async () => {
    f.server.seed('storageos.com/v1', 'storageosclusters', 'storageos', storageosCluster('a:1'));
    const { kc } = loadKubeConfig({ kubeconfig: f.kubeconfig }, processKubeconfigEnv(process.cwd()));
    const client = makeClient(kc, f.kubeconfig);
    const body = { ...storageosCluster('b:1'), metadata: { name: 'cluster-1', namespace: 'storageos', resourceVersion: '1' } };
    const err = await client.custom.replaceNamespacedCustomObject({
      group: 'storageos.com', version: 'v1', namespace: 'storageos', plural: 'storageosclusters', name: 'cluster-1', body,
    }).then(() => undefined, (e) => e);
    assert.ok(err, 'the stale PUT was accepted');
    assert.match(toK8sError(err, 'StorageOSCluster storageos/cluster-1').message,
      /^k8s: StorageOSCluster storageos\/cluster-1: Conflict \(409\): Operation cannot be fulfilled on storageosclusters\.storageos\.com "cluster-1": the object has been modified/);
  });
});
