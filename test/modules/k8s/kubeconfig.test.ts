// Where credentials come from: argument, $KUBECONFIG, ~/.kube/config, in-cluster; contexts.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKubeConfig } from '../../../runner/modules/k8s/kubeconfig.js';
import { makeClient } from '../../../runner/modules/k8s/client.js';
import { getObject } from '../../../runner/modules/k8s/api.js';
import { resolveResource } from '../../../runner/modules/k8s/discovery.js';
import { startStandIn, storageosCluster, type StandInFixture } from './standin-fixture.js';

describe('k8s credentials', () => {
  let f: StandInFixture;
  let home: string;
  before(async () => { f = await startStandIn(); });
  after(async () => { await f.server.stop(); });
  beforeEach(() => { home = mkdtempSync(join(tmpdir(), 'ferry-home-')); });

  const env = (vars: NodeJS.ProcessEnv = {}) => ({ env: vars, home, baseDir: '/' });

  it('the argument wins over $KUBECONFIG', () => {
    const { source } = loadKubeConfig({ kubeconfig: f.kubeconfig }, env({ KUBECONFIG: '/nonexistent' }));
    assert.equal(source, f.kubeconfig);
  });

  it('$KUBECONFIG, then ~/.kube/config', () => {
    assert.equal(loadKubeConfig({}, env({ KUBECONFIG: f.kubeconfig })).source, f.kubeconfig);
    mkdirSync(join(home, '.kube'));
    copyFileSync(f.kubeconfig, join(home, '.kube', 'config'));
    assert.equal(loadKubeConfig({}, env()).source, join(home, '.kube', 'config'));
  });

  it('no credentials anywhere is a clear error', () => {
    assert.throws(() => loadKubeConfig({}, env()), /no kubeconfig: give `kubeconfig`, set KUBECONFIG/);
    assert.throws(() => loadKubeConfig({ kubeconfig: 'missing.yaml' }, env()), /kubeconfig \/missing\.yaml does not exist/);
  });

  it('the selected context is used (its token is refused here)', async () => {
    f.server.seed('storageos.com/v1', 'storageosclusters', 'storageos', storageosCluster('a:1'));
    const good = makeClient(loadKubeConfig({ kubeconfig: f.kubeconfig }, env()).kc, 'x');
    const ref = await resolveResource(good, { apiVersion: 'storageos.com/v1', kind: 'StorageOSCluster', name: 'cluster-1', namespace: 'storageos' });
    assert.ok(await getObject(good, ref));
    const bad = makeClient(loadKubeConfig({ kubeconfig: f.kubeconfig, context: 'wrong-token' }, env()).kc, 'x');
    await assert.rejects(getObject(bad, ref), /Unauthorized \(401\)/);
  });

  it('in-cluster service-account credentials (token file, CA file) when KUBERNETES_SERVICE_HOST is set', async () => {
    const prefix = mkdtempSync(join(tmpdir(), 'ferry-sa-'));
    const sa = join(prefix, 'var/run/secrets/kubernetes.io/serviceaccount');
    mkdirSync(sa, { recursive: true });
    writeFileSync(join(sa, 'token'), f.server.token);
    writeFileSync(join(sa, 'ca.crt'), f.server.certs!.caCert);
    writeFileSync(join(sa, 'namespace'), 'storageos');
    const port = new URL(f.server.url).port;
    const saved = { host: process.env.KUBERNETES_SERVICE_HOST, port: process.env.KUBERNETES_SERVICE_PORT };
    process.env.KUBERNETES_SERVICE_HOST = '127.0.0.1';
    process.env.KUBERNETES_SERVICE_PORT = port;
    try {
      const { kc, source } = loadKubeConfig({}, { ...env({ KUBERNETES_SERVICE_HOST: '127.0.0.1' }), inClusterPathPrefix: prefix });
      assert.equal(source, 'in-cluster service account');
      const client = makeClient(kc, source);
      const ref = await resolveResource(client, { apiVersion: 'storageos.com/v1', kind: 'StorageOSCluster', name: 'none', namespace: 'storageos' });
      assert.equal(await getObject(client, ref), null);
    } finally {
      for (const [k, v] of [['KUBERNETES_SERVICE_HOST', saved.host], ['KUBERNETES_SERVICE_PORT', saved.port]] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});
