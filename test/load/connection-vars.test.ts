import { strict as assert } from 'node:assert';
import { homedir, userInfo } from 'node:os';
import { ConnectError } from '../../runner/errors.js';
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
    it(`${host} ${JSON.stringify(vars)}`, () => {
      const { origins: _origins, ...got } = connectionOf(host, vars) as SshSpec;
      assert.deepEqual(got, spec);
    });
  }

  it('takes the ansible_ssh_* aliases, timeouts in seconds, keepalives and the password, and says where each came from', () => {
    const spec = sshOf('h', {
      ansible_ssh_host: '10.0.0.3', ansible_ssh_port: '2022', ansible_ssh_user: 'deploy', ansible_ssh_timeout: 7, ssh_session_timeout: 240,
      ssh_server_alive_interval: 0, ssh_server_alive_count_max: 9, ansible_password: 'pw', ansible_host_key_checking: false,
    });
    assert.deepEqual(
      { ...spec, origins: undefined },
      { type: 'ssh', address: '10.0.0.3', port: 2022, user: 'deploy', connectTimeoutMs: 7000, sessionTimeoutMs: 240_000, serverAliveIntervalMs: 0,
        serverAliveCountMax: 9, password: 'pw', hostKeyChecking: 'off', origins: undefined },
    );
    assert.equal(spec.origins?.port, 'inventory var ansible_ssh_port');
    assert.equal(spec.origins?.connectTimeoutMs, 'inventory var ansible_ssh_timeout');
  });

  const badValues: Array<[Record<string, unknown>, RegExp]> = [
    [{ ssh_port: 'ssh' }, /^db1: ssh_port: "ssh" is not a port \(1-65535\) \(inventory var ssh_port\)$/],
    [{ ansible_port: 70000 }, /^db1: ansible_port: 70000 is not a port/],
    [{ ansible_ssh_timeout: 'soon' }, /^db1: ansible_ssh_timeout: "soon" is not a number of seconds/],
    [{ ssh_session_timeout: -1 }, /^db1: ssh_session_timeout: -1 is not a number of seconds/],
    [{ ssh_host_key_checking: 'maybe' }, /^db1: ssh_host_key_checking: "maybe" is not true, false, yes, no, strict, accept-new or off/],
  ];
  for (const [vars, message] of badValues) {
    it(`refuses ${JSON.stringify(vars)}, naming the host and the var`, () => {
      assert.throws(() => connectionOf('db1', vars), (e: Error) => e instanceof ConnectError && message.test(e.message));
    });
  }

  it('never puts the password in an error message', () => {
    assert.throws(() => connectionOf('db1', { ansible_password: 'Hunter2-secret', ssh_port: 'x' }), (e: Error) => !e.message.includes('Hunter2'));
  });

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

  // ansible-playbook 2.14 -vvv, play remote_user: playuser, -u cliuser: "ESTABLISH SSH CONNECTION FOR
  // USER: playuser"; with ansible_user=invuser in the inventory: "... FOR USER: invuser".
  const ranks: Array<[string, Record<string, unknown>, object, string, string]> = [
    ['-u alone', {}, { cliUser: 'cli' }, 'cli', '-u'],
    ['remote_user over -u', {}, { cliUser: 'cli', remoteUser: 'play' }, 'play', 'remote_user keyword'],
    ['ansible_user over both', { ansible_user: 'inv' }, { cliUser: 'cli', remoteUser: 'play' }, 'inv', 'inventory var ansible_user'],
  ];
  for (const [what, vars, options, user, origin] of ranks) {
    it(`user: ${what}`, () => {
      const spec = connectionOf('h', vars, undefined, options) as SshSpec;
      assert.equal(spec.user, user);
      assert.equal(spec.origins?.user, origin);
    });
  }
  it('connection: ansible_connection over the connection keyword over -c', () => {
    assert.equal(connectionOf('h', {}, undefined, { cliConnection: 'local' }).type, 'local');
    assert.equal(connectionOf('h', {}, undefined, { cliConnection: 'local', connection: 'ssh' }).type, 'ssh');
    assert.equal(connectionOf('h', { ansible_connection: 'local' }, undefined, { cliConnection: 'ssh', connection: 'ssh' }).type, 'local');
    assert.equal(connectionOf('localhost', {}, undefined, { cliConnection: 'ssh' }).type, 'ssh');
  });
});
