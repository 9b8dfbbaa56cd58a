import { strict as assert } from 'node:assert';
import { homedir, userInfo } from 'node:os';
import { connectionOf } from '../../runner/load/connection-vars.js';
import type { SshSpec } from '../../runner/transport/spec.js';

/** The SSH spec of a host (fails the test for a local one). */
function sshOf(host: string, vars: Record<string, unknown>, baseDir?: string): SshSpec {
  const spec = connectionOf(host, vars, baseDir);
  assert.equal(spec.type, 'ssh');
  return spec as SshSpec;
}

describe('connectionOf', () => {
  const me = userInfo().username;
  const cases: Array<[string, Record<string, unknown>, object]> = [
    ['h', {}, { type: 'ssh', address: 'h', port: 22, user: me }],
    ['h', { ssh_host: '10.0.0.1', ansible_host: '10.0.0.2', ssh_port: 2200, ssh_user: 'u', ssh_private_key_file: '/k', become: true, become_user: 'etcd' },
      { type: 'ssh', address: '10.0.0.1', port: 2200, user: 'u', privateKeyFile: '/k' }],
    ['h', { ansible_host: '10.0.0.2', ansible_port: 2222, ansible_user: 'a', ansible_ssh_private_key_file: '/a', ansible_become: true, ansible_become_user: 'x' },
      { type: 'ssh', address: '10.0.0.2', port: 2222, user: 'a', privateKeyFile: '/a' }],
    ['ctl', { ansible_connection: 'local' }, { type: 'local' }],
    ['localhost', {}, { type: 'local' }],
    ['localhost', { ansible_connection: 'ssh' }, { type: 'ssh', address: 'localhost', port: 22, user: me }],
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
      assert.equal(sshOf('h', vars, '/srv/inv').knownHostsFile, file);
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
      assert.equal(sshOf('h', vars, '/srv/inv').privateKeyFile, file);
    });
  }
});
