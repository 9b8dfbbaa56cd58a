// A migration of a cluster with TLS peers and clients: certificates made by the test with openssl
// (CA, per-host server/peer certs, a client cert for ferry), old hosts provisioned with
// provision-etcd.yml and the templates' TLS vars, migrated 3 → 3, then checked over TLS.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { failedResults, ferryPlay } from '../helpers/ferry-run.js';
import { resetEtcd, sshRun, useLab } from '../helpers/lab.js';
import { installTlsCerts, makeTlsCerts, remoteTlsFiles, tlsTemplateVars } from '../helpers/tls-certs.js';
import { MIGRATE, PROVISION } from '../fixtures/integration/migrate/playbook.js';
import { assertMigrated, etcdctl, memberList, migrateInventory, tempDir } from '../fixtures/integration/migrate/support.js';

describe('migrate-etcd.yml with TLS peers and clients', function () {
  this.timeout(240_000);
  const lab = useLab({ hosts: 8 });

  it('provisions a TLS cluster, migrates it 3 → 3, and the new members serve the data over TLS only', async () => {
    const old = lab.hosts.slice(0, 3);
    const fresh = lab.hosts.slice(3, 6);
    await Promise.all([...old, ...fresh].map((h) => resetEtcd(h)));
    const dir = tempDir('ferry-migrate-tls-');
    const certs = makeTlsCerts([...old, ...fresh], join(dir, 'pki'));
    await Promise.all([...old, ...fresh].map((h) => installTlsCerts(h, certs)));
    const inventory = migrateInventory(old, fresh, join(dir, 'inventory.yaml'), {
      ...tlsTemplateVars(),
      etcd_client_ca_file: certs.ca,
      etcd_client_cert_file: certs.clientCert,
      etcd_client_key_file: certs.clientKey,
    });

    const provision = await ferryPlay(PROVISION, { inventory, timeoutMs: 120_000 });
    assert.equal(provision.code, 0, failedResults(provision));
    const before = await memberList(old[0], true);
    assert.equal(before.members.length, 3);
    assert.ok(before.members.every((m) => m.peerURLs[0].startsWith('https://') && m.clientURLs[0].startsWith('https://')), JSON.stringify(before.members));
    for (let i = 0; i < 20; i++) await etcdctl(old[i % 3], `put /tls-test/k${i} v${i}`, { tls: true });

    const r = await ferryPlay(MIGRATE, { inventory, timeoutMs: 180_000 });
    assert.equal(r.code, 0, failedResults(r));
    await assertMigrated(old, fresh, before.clusterId, true);
    const got = await etcdctl(fresh[2], 'get --prefix /tls-test/', { tls: true });
    const kvs = (got.kvs ?? []).map((kv: any) => `${Buffer.from(kv.key, 'base64')}=${Buffer.from(kv.value, 'base64')}`).sort();
    assert.deepEqual(kvs, Array.from({ length: 20 }, (_, i) => `/tls-test/k${i}=v${i}`).sort());

    // TLS is really enforced: plain HTTP and a TLS client without a certificate are both refused.
    const plain = await sshRun(fresh[0], 'ETCDCTL_API=3 etcdctl --command-timeout=3s --endpoints http://127.0.0.1:2379 get /tls-test/k1');
    assert.notEqual(plain.code, 0, 'plain HTTP answered');
    const noCert = await sshRun(fresh[0], `ETCDCTL_API=3 etcdctl --command-timeout=3s --endpoints https://127.0.0.1:2379 --cacert ${remoteTlsFiles.ca} get /tls-test/k1`);
    assert.notEqual(noCert.code, 0, 'a client without a certificate was served');
  });
});
