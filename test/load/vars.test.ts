import { strict as assert } from 'node:assert';
import { homedir, userInfo } from 'node:os';
import { loadInventory } from '../../runner/load/inventory.js';
import { connectionOf, groupsMap, hostGroups, hostVars } from '../../runner/load/vars.js';

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

describe('connectionOf', () => {
  const me = userInfo().username;
  const cases: Array<[string, Record<string, unknown>, object]> = [
    ['h', {}, { type: 'ssh', address: 'h', port: 22, user: me, become: false, becomeUser: 'root' }],
    ['h', { ssh_host: '10.0.0.1', ansible_host: '10.0.0.2', ssh_port: 2200, ssh_user: 'u', ssh_private_key_file: '/k', become: true, become_user: 'etcd' },
      { type: 'ssh', address: '10.0.0.1', port: 2200, user: 'u', privateKeyFile: '/k', become: true, becomeUser: 'etcd' }],
    ['h', { ansible_host: '10.0.0.2', ansible_port: 2222, ansible_user: 'a', ansible_ssh_private_key_file: '/a', ansible_become: true, ansible_become_user: 'x' },
      { type: 'ssh', address: '10.0.0.2', port: 2222, user: 'a', privateKeyFile: '/a', become: true, becomeUser: 'x' }],
    ['ctl', { ansible_connection: 'local' }, { type: 'local', address: 'ctl', port: 22, user: me, become: false, becomeUser: 'root' }],
    ['localhost', {}, { type: 'local', address: 'localhost', port: 22, user: me, become: false, becomeUser: 'root' }],
    ['localhost', { ansible_connection: 'ssh' }, { type: 'ssh', address: 'localhost', port: 22, user: me, become: false, becomeUser: 'root' }],
  ];
  for (const [host, vars, spec] of cases) {
    it(`${host} ${JSON.stringify(vars)}`, () => assert.deepEqual(connectionOf(host, vars), spec));
  }

  const known: Array<[Record<string, unknown>, string | undefined]> = [
    [{ ssh_known_hosts_file: '/etc/ferry/known_hosts' }, '/etc/ferry/known_hosts'],
    [{ ssh_known_hosts_file: 'lab/known_hosts' }, '/srv/inv/lab/known_hosts'],
    [{ ansible_ssh_known_hosts_file: '../kh' }, '/srv/kh'],
    [{ ssh_known_hosts_file: '/a', ansible_ssh_known_hosts_file: '/b' }, '/a'],
    [{ ssh_known_hosts_file: '~/.ssh/lab_hosts' }, `${homedir()}/.ssh/lab_hosts`],
    [{}, undefined],
  ];
  for (const [vars, file] of known) {
    it(`known_hosts file ${JSON.stringify(vars)} → ${file} (relative to the inventory's folder)`, () => {
      assert.equal(connectionOf('h', vars, '/srv/inv').knownHostsFile, file);
    });
  }

  const keys: Array<[Record<string, unknown>, string | undefined]> = [
    [{ ssh_private_key_file: '/keys/id' }, '/keys/id'],
    [{ ssh_private_key_file: 'lab/id_ed25519' }, '/srv/inv/lab/id_ed25519'],
    [{ ansible_ssh_private_key_file: '~/.ssh/id_ed25519' }, `${homedir()}/.ssh/id_ed25519`],
    [{}, undefined],
  ];
  for (const [vars, file] of keys) {
    it(`private key file ${JSON.stringify(vars)} → ${file} (relative to the inventory's folder, like known_hosts)`, () => {
      assert.equal(connectionOf('h', vars, '/srv/inv').privateKeyFile, file);
    });
  }
});
