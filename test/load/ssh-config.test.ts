// ~/.ssh/config and ansible_ssh_common_args as connection settings: what ssh would use, inventory vars
// winning, jump hosts completed from their own blocks, and every value's origin named.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ConnectError } from '../../runner/errors.js';
import { connectionOf } from '../../runner/load/connection-vars.js';
import type { SshSpec } from '../../runner/transport/spec.js';

const home = mkdtempSync(join(tmpdir(), 'ferry-sshcfg-'));
mkdirSync(join(home, '.ssh'));
const CONFIG = join(home, '.ssh', 'config');
writeFileSync(CONFIG, [
  '# lab',
  'Host bastion',
  '  HostName 10.9.0.1',
  '  User jump',
  '  Port 2201',
  '',
  'Host inner',
  '  HostName 10.9.0.2',
  '',
  'Host db* !db9',
  '  HostName %h.internal',
  '  User root',
  '  Port 2222',
  '  IdentityFile ~/.ssh/a',
  '  IdentityFile /keys/b',
  '  ProxyJump bastion,ops@inner:2202',
  '  UserKnownHostsFile /etc/ferry/kh /etc/other',
  '  StrictHostKeyChecking accept-new',
  '  ConnectTimeout 7',
  '  ServerAliveInterval 5',
  '',
  'Host *',
  '  User nobody',
  '  ConnectTimeout 9',
].join('\n'));

const ssh = (host: string, vars: Record<string, unknown> = {}, opts = {}) => connectionOf(host, vars, '/srv/inv', { home, ...opts }) as SshSpec;

describe('connection settings from the ssh config', () => {
  it('applies the first matching Host block of each option, as ssh does, with file:line origins', () => {
    const s = ssh('db1');
    assert.deepEqual(
      { address: s.address, port: s.port, user: s.user, identityFiles: s.identityFiles, knownHostsFile: s.knownHostsFile, hostKeyChecking: s.hostKeyChecking, connectTimeoutMs: s.connectTimeoutMs, serverAliveIntervalMs: s.serverAliveIntervalMs },
      { address: 'db1.internal', port: 2222, user: 'root', identityFiles: [join(process.env.HOME ?? '', '.ssh/a').replace(/^\/\//, '/'), '/keys/b'], knownHostsFile: '/etc/ferry/kh', hostKeyChecking: 'accept-new', connectTimeoutMs: 7000, serverAliveIntervalMs: 5000 },
    );
    assert.equal(s.origins?.port, `ssh config ${CONFIG}:13 (Host db* !db9)`);
  });

  it('completes each ProxyJump hop from its own Host block (chained, in order), keys and known_hosts from the target', () => {
    const s = ssh('db1');
    assert.deepEqual(s.jumps?.map((j) => [j.address, j.port, j.user, j.knownHostsFile]), [['10.9.0.1', 2201, 'jump', '/etc/ferry/kh'], ['10.9.0.2', 2202, 'ops', '/etc/ferry/kh']]);
    assert.deepEqual(s.jumps?.[0]!.identityFiles, s.identityFiles);
    assert.equal(s.origins?.jumps, `ssh config ${CONFIG}:16 (Host db* !db9)`);
  });

  it('a negated pattern excludes a host; `Host *` still applies', () => {
    const s = ssh('db9');
    assert.deepEqual([s.address, s.port, s.user, s.connectTimeoutMs, s.jumps], ['db9', 22, 'nobody', 9000, undefined]);
  });

  it('inventory vars win over the ssh config, then ansible_ssh_common_args (-o, -J, -p, -l) over the config', () => {
    const s = ssh('db1', { ansible_user: 'deploy', ssh_port: 22, ansible_ssh_common_args: '-o ProxyJump=inner -o ConnectTimeout=3 -l ignored' });
    assert.deepEqual([s.user, s.port, s.connectTimeoutMs, s.jumps?.map((j) => j.address)], ['deploy', 22, 3000, ['10.9.0.2']]);
    assert.equal(s.origins?.connectTimeoutMs, 'ansible_ssh_common_args (connecttimeout)');
    assert.deepEqual(ssh('web', { ansible_ssh_common_args: '-J admin@bastion:2300' }).jumps?.map((j) => [j.address, j.port, j.user]), [['10.9.0.1', 2300, 'admin']]);
    assert.equal(ssh('db1', { ssh_proxy_jump: 'none' }).jumps, undefined);
    // Host blocks match the address the inventory gives (ssh's destination, as Ansible runs `ssh <ansible_host>`);
    // the address itself stays the inventory's.
    assert.deepEqual([ssh('web', { ansible_host: 'db5' }).address, ssh('web', { ansible_host: 'db5' }).port], ['db5', 2222]);
  });

  it('--ssh-config or ssh_config_file replaces ~/.ssh/config; a named file must exist', () => {
    const other = join(home, 'other.conf');
    writeFileSync(other, 'Host web\n  Port 2022\n');
    assert.equal(ssh('web', {}, { sshConfigFile: other }).port, 2022);
    assert.equal(ssh('web', { ssh_config_file: other }).port, 2022);
    assert.equal(ssh('web', {}, { home: join(home, 'nohome') }).user, userInfo().username);
    assert.throws(() => ssh('web', { ssh_config_file: join(home, 'absent') }), (e: Error) => e instanceof ConnectError && /web: cannot read ssh config .*absent: ENOENT \(inventory var ssh_config_file\)/.test(e.message));
  });

  it('bad values name the host, the option and where it was set', () => {
    const bad = join(home, 'bad.conf');
    writeFileSync(bad, 'Host *\n  Port twenty\n');
    assert.throws(() => ssh('web', {}, { sshConfigFile: bad }), (e: Error) => e instanceof ConnectError && e.message === `web: Port: "twenty" is not a port (1-65535) (ssh config ${bad}:2 (Host *))`);
    assert.throws(() => ssh('web', { ansible_ssh_common_args: '-D 1080' }), /web: ansible_ssh_common_args: ferry does not support the ssh argument "-D"/);
    assert.throws(() => ssh('web', { ssh_proxy_jump: 'a@@b' }), /web: ProxyJump entry "a@@b" is not \[user@\]host\[:port\] \(inventory var ssh_proxy_jump\)/);
  });
});

describe('ssh config Include and Match', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-sshinc-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, lines: string[]) => {
    writeFileSync(join(dir, name), lines.join('\n'));
    return join(dir, name);
  };
  mkdirSync(join(dir, 'conf.d'));
  write('conf.d/10-db', ['Host db*', '  Port 2201', '  User dbadmin']);
  write('conf.d/20-web', ['Host web', '  HostName 10.1.1.1']);
  write('inner', ['Port 2202', 'Host never', '  User nope']);
  const main = write('main', [
    `Include ${dir}/conf.d/*`,
    'Host app',
    `  Include ${dir}/inner`,
    '  User appuser',
    `Include ${dir}/missing-is-skipped`,
    'Match host cache*,!cache9',
    '  Port 2203',
    'Match all',
    '  User fallback',
  ]);
  const ssh = (host: string, file = main) => connectionOf(host, {}, '/srv/inv', { sshConfigFile: file }) as SshSpec;

  it('reads included files in place and in sorted glob order, each value located in its own file', () => {
    const db = ssh('db1');
    assert.deepEqual([db.port, db.user], [2201, 'dbadmin']);
    assert.equal(db.origins?.port, `ssh config ${join(dir, 'conf.d/10-db')}:2 (Host db*)`);
    assert.equal(ssh('web').address, '10.1.1.1');
  });

  it('an Include inside a Host block applies only to that block, its own Host blocks too', () => {
    assert.deepEqual([ssh('app').port, ssh('app').user], [2202, 'appuser']);
    assert.equal(ssh('other').port, 22);
    assert.notEqual(ssh('never').user, 'nope');
  });

  it('Match host / all act as Host patterns (negation included)', () => {
    assert.deepEqual([ssh('cache1').port, ssh('cache1').user, ssh('cache9').port], [2203, 'fallback', 22]);
  });

  it('any other Match criterion is refused at its line, never silently skipped', () => {
    const bad = write('match-exec', ['Host a', '  Port 1', 'Match exec "test -f /x"', '  User z']);
    assert.throws(() => ssh('a', bad), (e: Error) => e instanceof ConnectError && e.message === `a: ssh config ${bad}:3: Match exec is not supported by ferry (only Match all, host, originalhost); write a Host block instead (--ssh-config)`);
  });

  it('an Include that includes itself stops at OpenSSH\'s depth with its location', () => {
    const loop = write('loop', [`Include ${dir}/loop`]);
    assert.throws(() => ssh('a', loop), /ssh config .*loop:1: Include nested over 16 deep/);
  });
});
