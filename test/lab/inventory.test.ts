import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { buildInventory, renderInventory, renderKnownHosts } from '../../lab/inventory.js';

describe('lab/inventory', () => {
  const hosts = [
    { name: 'host1', ip: '10.213.7.11', vars: { lab_ops_sudo: 'nopasswd' } },
    { name: 'host2', ip: '10.213.7.12', vars: { lab_ops_sudo: 'password', lab_ops_password: 'pw' } },
  ];
  const d = { privateKey: '/lab/id_ed25519', knownHosts: '/lab/known_hosts' };

  it('has Ansible\'s shape: all.vars and all.children with hosts and their connection vars', () => {
    const inv = buildInventory(hosts, { etcd_old: ['host1'], etcd_new: ['host2'], lab: ['host1', 'host2'] }, d) as any;
    assert.deepEqual(Object.keys(inv), ['all']);
    assert.deepEqual(inv.all.vars, {
      ssh_user: 'root',
      ssh_private_key_file: '/lab/id_ed25519',
      ssh_known_hosts_file: '/lab/known_hosts',
      etcd_client_port: 2379,
      etcd_peer_port: 2380,
    });
    assert.deepEqual(inv.all.children.etcd_old.hosts.host1, {
      ssh_host: '10.213.7.11',
      ssh_user: 'root',
      ssh_private_key_file: '/lab/id_ed25519',
      lab_ops_sudo: 'nopasswd',
    });
    assert.equal(inv.all.children.etcd_new.hosts.host2.lab_ops_password, 'pw');
    // A host's vars are the same in every group that lists it.
    assert.deepEqual(inv.all.children.lab.hosts.host2, inv.all.children.etcd_new.hosts.host2);
  });

  it('renders YAML that parses back to the same inventory, with extra all-vars', () => {
    const groups = { lab: ['host1', 'host2'] };
    const text = renderInventory(hosts, groups, { ...d, vars: { x: 1 } });
    assert.match(text, /^# Written by/);
    assert.deepEqual(parse(text), buildInventory(hosts, groups, { ...d, vars: { x: 1 } }));
  });

  it('refuses a group naming an unknown host', () => {
    assert.throws(() => buildInventory(hosts, { g: ['host9'] }, d), /unknown host host9/);
  });

  it('writes one known_hosts line per host with a key, by address and name', () => {
    const text = renderKnownHosts([
      { name: 'host1', ip: '10.213.7.11', hostKey: 'ssh-ed25519 AAAA1' },
      { name: 'host2', ip: '10.213.7.12' },
    ]);
    assert.equal(text, '10.213.7.11,host1 ssh-ed25519 AAAA1\n');
  });
});
