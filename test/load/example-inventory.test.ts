import { strict as assert } from 'node:assert';
import { loadInventory } from '../../runner/load/inventory.js';
import { connectionOf, hostVars } from '../../runner/load/vars.js';
import { matchHosts } from '../../runner/plan/patterns.js';

describe('inventory.example.yaml', () => {
  const inv = loadInventory('inventory.example.yaml');

  it('holds the procedure: three old and three new etcd members', () => {
    assert.deepEqual(matchHosts(inv, 'etcd_old'), ['etcd-old-1', 'etcd-old-2', 'etcd-old-3']);
    assert.deepEqual(matchHosts(inv, 'etcd_new'), ['etcd-new-1', 'etcd-new-2', 'etcd-new-3']);
  });

  it('gives every member the ports and an SSH address as root', () => {
    const addresses = matchHosts(inv, 'etcd').map((h) => {
      const vars = hostVars(inv, h);
      assert.equal(vars.etcd_client_port, 2379);
      assert.equal(vars.etcd_peer_port, 2380);
      const c = connectionOf(h, vars);
      assert.ok(c.type === 'ssh');
      assert.equal(c.user, 'root');
      return c.address;
    });
    assert.deepEqual(addresses, ['192.168.195.168', '192.168.202.40', '192.168.174.117', '192.168.152.142', '192.168.198.252', '192.168.150.122']);
  });
});
