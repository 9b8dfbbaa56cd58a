// etcd_lock opens a tunnel of its own per endpoint: one that cannot become a client (a TLS file
// missing) must be closed again, or its listener keeps `ferry` alive after the recap (found by the
// injection test, whose run never exited).
import assert from 'node:assert/strict';
import { etcdLock, type LockArgs } from '../../../runner/modules/etcd/lock.js';
import { TestResources, stubTransport, testContext } from '../../helpers/etcd.js';

describe('etcd_lock tunnels', () => {
  it('a lock whose ca_file cannot be read fails naming it, and closes the tunnel it opened', async () => {
    const transport = stubTransport('host1');
    let open = 0;
    const openTunnel = transport.openTunnel;
    transport.openTunnel = async (host, port) => {
      const t = await openTunnel(host, port);
      open++;
      return { ...t, close: async () => { open--; await t.close(); } };
    };
    const resources = new TestResources();
    const args = { endpoints: ['http://127.0.0.1:1', 'http://127.0.0.1:2'], ca_file: '/nonexistent/ca.pem' } as LockArgs;
    const r = await etcdLock.run(args, testContext({ transport, resources }));
    await resources.close();
    assert.equal(r.failed, true);
    assert.match(String(r.msg), /ca_file: cannot read \/nonexistent\/ca\.pem/);
    assert.equal(transport.tunnels.length, 2, 'one tunnel per endpoint was tried');
    assert.equal(open, 0, 'every tunnel opened was closed');
  });
});
