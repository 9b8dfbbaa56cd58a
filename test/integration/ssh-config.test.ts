// An OpenSSH client config against real sshd on the lab: hosts named only by their Host alias
// (no address, user, port or key in the inventory), reached through HostName, User, Port and
// IdentityFile read from files brought in by Include; a wrong Port is named with its file:line.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describeRun, ferryCli } from '../helpers/ferry-cli.js';
import { useLab } from '../helpers/lab.js';
import { workspace, type Workspace } from '../helpers/lab-workspace.js';

describe('ssh: connection settings from an ssh config, on real hosts', function () {
  this.timeout(120_000);
  const lab = useLab({ hosts: 6 });
  let ws: Workspace;
  let config: string;
  let inv: string;
  let hostsConf: string;
  before(() => {
    ws = workspace('it-ssh-config');
    mkdirSync(join(ws.dir, 'home', '.ssh'), { recursive: true, mode: 0o700 });
    hostsConf = ws.write('conf.d/10-hosts.conf', [
      'Host alias-a',
      `  HostName ${lab.hosts[0]!.ip}`,
      'Host alias-b',
      `  HostName ${lab.hosts[1]!.ip}`,
      '  User ops',
      'Host alias-closed',
      `  HostName ${lab.hosts[2]!.ip}`,
      '  Port 2',
    ].join('\n'));
    config = ws.write('ssh_config', [
      '# every value below is read from here, not from the inventory',
      `Include ${join(ws.dir, 'conf.d')}/*.conf`,
      'Host alias-*',
      '  User root',
      '  Port 22',
      `  IdentityFile ${lab.privateKey}`,
      `  UserKnownHostsFile ${lab.knownHosts}`,
      '  StrictHostKeyChecking yes',
      '  ConnectTimeout 5',
    ].join('\n'));
    inv = ws.write('inv.ini', '[targets]\nalias-a\nalias-b\nalias-closed\n');
  });
  after(() => ws?.remove());
  // No key anywhere but the config's IdentityFile: a HOME without keys, no agent.
  const env = () => ({ HOME: join(ws.dir, 'home'), SSH_AUTH_SOCK: '' });

  it('HostName, User, Port, IdentityFile from Host patterns and an Include reach the real hosts', async () => {
    const r = await ferryCli(['adhoc', 'alias-a:alias-b', '-i', inv, '--ssh-config', config, '-m', 'shell', '-a', 'echo "$(id -un)@$(cat /etc/hostname)"'], { env: env() });
    assert.equal(r.code, 0, describeRun(r));
    assert.match(r.stdout, new RegExp(`\\[alias-a\\] root@${lab.hosts[0]!.name}$`, 'm'));
    assert.match(r.stdout, new RegExp(`\\[alias-b\\] ops@${lab.hosts[1]!.name}$`, 'm'));
  });

  it('a Port that reaches nothing fails that host, naming the port and the config line it came from', async () => {
    const r = await ferryCli(['adhoc', 'alias-closed', '-i', inv, '--ssh-config', config, '-a', 'true'], { env: env() });
    assert.equal(r.code, 1, describeRun(r));
    assert.match(r.stdout, new RegExp(`cannot connect to root@${lab.hosts[2]!.ip.replace(/\./g, '\\.')}:2 .*port from ssh config ${hostsConf.replace(/[.]/g, '\\.')}:8 \\(Host alias-closed\\)`));
  });

  it('validate refuses a bad value in the config before connecting, at its file:line, naming the host', async () => {
    const bad = ws.write('bad_config', `Include ${config}\nHost alias-b\n  ServerAliveCountMax lots\n`);
    const book = ws.write('pb.yml', '- hosts: targets\n  gather_facts: false\n  tasks:\n    - command: "true"\n');
    const r = await ferryCli(['play', book, '-i', inv, '--ssh-config', bad], { env: env() });
    assert.equal(r.code, 1, describeRun(r));
    assert.match(r.stderr + r.stdout, new RegExp(`${bad.replace(/[.]/g, '\\.')}:3:1: host 'alias-b': ServerAliveCountMax: "lots" is not a count`));
    assert.doesNotMatch(r.stdout, /PLAY|ok=/);
  });
});
