// TLS clients through a tunnel: the tunnel's local address is 127.0.0.1, so the certificate must be
// verified against the endpoint's own name (grpc.ssl_target_name_override).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { EtcdTestCluster, TestResources, forwardingTransport, makeCerts, testContext, type TestCerts, type TestMember } from '../../helpers/etcd.js';
import { etcdMember } from '../../../runner/modules/etcd/member.js';
import { etcdStatus } from '../../../runner/modules/etcd/status.js';
import { etcdSnapshot } from '../../../runner/modules/etcd/snapshot.js';
import type { Member } from '../../../runner/modules/etcd/members.js';
import { runModule } from '../../helpers/run-module.js';

describe('etcd modules over TLS through a tunnel', function () {
  this.timeout(30000);
  const cluster = new EtcdTestCluster();
  const resources = new TestResources();
  const spare = new TestResources();
  const transport = forwardingTransport();
  let certs: TestCerts;
  let m1: TestMember;
  const tlsArgs = () => ({ endpoints: [m1.clientUrl], ca_file: certs.ca, cert_file: certs.clientCert, key_file: certs.clientKey });

  before(async () => {
    const dir = join(cluster.dir, 'certs');
    mkdirSync(dir);
    certs = makeCerts(dir);
    [m1] = (await cluster.bootstrap(1, certs)) as [TestMember];
  });
  after(async () => {
    await resources.close();
    await spare.close();
    await cluster.stopAll();
  });

  it('lists members through the tunnel, verifying the cert against the endpoint name', async () => {
    const r = await etcdMember.run({ ...tlsArgs(), state: 'list' }, testContext({ resources, transport }));
    assert.equal(r.failed, false, String(r.msg));
    assert.equal((r.members as Member[])[0]!.clientURLs[0], m1.clientUrl);
    assert.deepEqual(transport.tunnels, [m1.clientUrl.replace('https://', '')]);
  });

  it('status and snapshot work over the same cached tunnel', async () => {
    const ctx = testContext({ resources, transport });
    const s = await etcdStatus.run({ ...tlsArgs(), consistency: true }, ctx);
    assert.equal(s.failed, false, String(s.msg));
    const snap = await runModule(etcdSnapshot, { ...tlsArgs(), dest: join(cluster.dir, 'tls-snap.db') }, ctx);
    assert.equal(snap.failed, false, String(snap.msg));
    assert.equal(transport.tunnels.length, 1);
  });

  it('fails with the endpoint named when the certificate does not match server_name', async () => {
    const r = etcdMember.run({ ...tlsArgs(), state: 'list', server_name: 'wrong.example', call_timeout: 2 }, testContext({ resources: spare, transport }));
    await assert.rejects(r, (e: Error) => {
      assert.match(e.message, new RegExp(`${m1.clientUrl}: member list: `));
      assert.match(e.message, /certificate does not name the server: check server_name/);
      return true;
    });
  });

  it('fails clearly without the client certificate', async () => {
    const r = etcdMember.run({ endpoints: [m1.clientUrl], ca_file: certs.ca, state: 'list', call_timeout: 2 }, testContext({ resources: spare, transport }));
    await assert.rejects(r, /member list: .*the server refused the client certificate: check cert_file and key_file/);
  });
});
