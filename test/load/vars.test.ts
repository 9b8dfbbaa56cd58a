import { strict as assert } from 'node:assert';
import { loadInventory } from '../../runner/load/inventory.js';
import { groupsMap, hostGroups, hostVars } from '../../runner/load/vars.js';

const inv = loadInventory('test/fixtures/load/inventory-good.yaml');

describe('hostVars', () => {
  const cases: Array<[string, string, unknown]> = [
    ['lonely', 'level', 'all'],
    ['old-1', 'level', 'etcd_old'], // child group beats parent group
    ['new-1', 'level', 'host'], // host beats groups
    ['old-2', 'level', 'etcd_old'], // deeper group beats shallower siblings web and zeta
    ['old-1', 'etcd_client_port', 2379],
    ['old-1', 'ssh_user', 'root'],
    ['old-2', 'role', 'both'],
    ['localhost', 'ssh_user', 'root'],
  ];
  for (const [host, key, value] of cases) {
    it(`${host}.${key} = ${JSON.stringify(value)}`, () => assert.deepEqual(hostVars(inv, host)[key], value));
  }

  it('orders groups by depth, then by name among equals', () => {
    // old-2 is in etcd_old (depth 2) and in web, zeta (depth 1): depth wins over name.
    assert.deepEqual(hostGroups(inv, 'old-2'), ['all', 'etcd', 'web', 'zeta', 'etcd_old']);
  });
});

describe('groupsMap', () => {
  it('maps every group to its hosts, through children', () => {
    assert.deepEqual(groupsMap(inv), {
      all: ['lonely', 'old-1', 'old-2', 'new-1', 'ctl'],
      etcd: ['old-1', 'old-2', 'new-1'],
      etcd_old: ['old-1', 'old-2'],
      etcd_new: ['new-1'],
      web: ['old-2'],
      zeta: ['old-2'],
      local_only: ['ctl'],
      ungrouped: ['lonely'],
    });
  });
});
