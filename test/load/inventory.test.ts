import { strict as assert } from 'node:assert';
import { ValidationError, formatDiagnostic } from '../../runner/errors.js';
import { loadInventory } from '../../runner/load/inventory.js';

const dir = 'test/fixtures/load';

describe('loadInventory', () => {
  it('loads hosts and groups, nested to any depth, with implicit all and ungrouped', () => {
    const inv = loadInventory(`${dir}/inventory-good.yaml`);
    assert.deepEqual([...inv.hosts.keys()], ['lonely', 'old-1', 'old-2', 'new-1', 'ctl']);
    assert.deepEqual([...inv.groups.keys()], ['all', 'ungrouped', 'etcd', 'etcd_old', 'etcd_new', 'web', 'zeta', 'local_only']);
    assert.deepEqual(inv.groups.get('ungrouped')!.hosts, ['lonely']);
    assert.deepEqual(inv.groups.get('all')!.children, ['ungrouped', 'etcd', 'web', 'zeta', 'local_only']);
    assert.deepEqual(inv.hosts.get('old-2')!.vars, { role: 'both' });
    assert.deepEqual(inv.hosts.get('new-1')!.source, { file: `${dir}/inventory-good.yaml`, line: 22, col: 13 });
  });

  it('reports every problem at once, as file:line:col', () => {
    const file = `${dir}/inventory-bad.yaml`;
    assert.throws(() => loadInventory(file), (err: unknown) => {
      assert.ok(err instanceof ValidationError);
      assert.deepEqual(err.diagnostics.map(formatDiagnostic), [
        `${file}:3:15: 'ssh_user': "root\\u0000x" must be a non-empty string without control characters`,
        `${file}:6:17: 'ssh_host': "192.168.2020.40" is not a valid IP address or hostname`,
        `${file}:7:17: 'ssh_port': 70000 is not a valid port (1-65535)`,
        `${file}:9:21: 'ansible_host': "192.168.174.117.2379" is not a valid IP address or hostname`,
        `${file}:10:17: 'ssh_port': "22" is not a valid port (1-65535)`,
        `${file}:12:5: duplicate key "a3"`,
        `${file}:14:3: unknown key 'childs' (did you mean 'children'?)`,
        `${file}:24:13: group cycle: g1 → g2 → g1`,
        `${file}:28:11: host 'b1' is already defined (line 20) with a different 'role'`,
        `${file}:29:9: 'g1' is both a group and a host`,
      ]);
      return true;
    });
  });

  it('reports a missing file', () => {
    assert.throws(() => loadInventory(`${dir}/nope.yaml`), { message: `${dir}/nope.yaml:1:1: file not found` });
  });
});
