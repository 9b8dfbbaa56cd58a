// validate judges every host's connection settings before anything connects: each bad value is
// reported at the line it was written (inventory var or ssh config line), naming the host and
// the setting; templated values wait for the run.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatDiagnostic } from '../../runner/errors.js';
import { validateAll } from '../../runner/load/validate.js';

const dir = mkdtempSync(join(tmpdir(), 'ferry-conncheck-'));
const PLAYBOOK = join(dir, 'pb.yml');
writeFileSync(PLAYBOOK, '- hosts: all\n  gather_facts: false\n  tasks:\n    - command: "true"\n');
writeFileSync(join(dir, 'bad.conf'), 'Host *\n  ConnectTimeout soon\n  ProxyJump a b\n');
writeFileSync(join(dir, 'match.conf'), 'Host *\n  Port 22\nMatch exec "true"\n  User x\n');
writeFileSync(join(dir, 'good.conf'), 'Host db1\n  Port 2222\n');
writeFileSync(join(dir, 'id_test'), 'not checked here\n');

/** A YAML inventory of host db1 with `vars` on line 5 onwards. */
function inventory(name: string, vars: string[]): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, ['all:', '  hosts:', '    db1:', '      ansible_host: 10.0.0.1', ...vars.map((v) => `      ${v}`)].join('\n'));
  return file;
}

const cases: Array<[string, string[], string | RegExp | null]> = [
  ['an out-of-range timeout', ['ssh_timeout: 0'], 'inv:5:20: host \'db1\': ssh_timeout: 0 is not a number of seconds (1-3600) (inventory var ssh_timeout)'],
  ['a non-numeric port alias', ['ansible_ssh_port: twenty'], 'inv:5:25: host \'db1\': ansible_ssh_port: "twenty" is not a port (1-65535) (inventory var ansible_ssh_port)'],
  ['a non-numeric session timeout', ['ssh_session_timeout: slow'], 'inv:5:28: host \'db1\': ssh_session_timeout: "slow" is not a number of seconds (1-86400) (inventory var ssh_session_timeout)'],
  ['a negative ServerAliveInterval', ['ssh_server_alive_interval: -1'], /inv:5:34: host 'db1': ssh_server_alive_interval: -1 is not a number of seconds \(0-3600; 0 turns keepalives off\)/],
  ['a zero ServerAliveCountMax', ['ssh_server_alive_count_max: 0'], /inv:5:35: host 'db1': ssh_server_alive_count_max: 0 is not a count \(1-1000\)/],
  ['an unknown host key checking word', ['ssh_host_key_checking: maybe'], /inv:5:30: host 'db1': ssh_host_key_checking: "maybe" is not true, false, yes, no, strict, accept-new or off/],
  ['a key file that does not exist', ['ssh_private_key_file: keys/absent'], /inv:5:29: host 'db1': ssh_private_key_file: key file .*keys\/absent does not exist \(inventory var ssh_private_key_file\)/],
  ['a ProxyJump hop that does not parse', ['ssh_proxy_jump: "ops@@bastion"'], /inv:5:23: host 'db1': ProxyJump entry "ops@@bastion" is not \[user@\]host\[:port\] \(inventory var ssh_proxy_jump\)/],
  ['a ProxyJump hop with a bad port', ['ansible_ssh_common_args: "-J bastion:99999"'], /inv:5:32: host 'db1': ProxyJump entry "bastion:99999" is not \[user@\]host\[:port\] \(ansible_ssh_common_args \(proxyjump\)\)/],
  ['an ssh argument ferry does not run', ['ansible_ssh_common_args: "-D 1080"'], /inv:5:32: host 'db1': ansible_ssh_common_args: ferry does not support the ssh argument "-D"/],
  ['bad values in an ssh config, at their lines', [`ssh_config_file: ${join(dir, 'bad.conf')}`], /bad\.conf:2:1: host 'db1': ConnectTimeout: "soon" is not a number of seconds .*\n.*bad\.conf:3:1: host 'db1': ProxyJump entry "a b" is not/],
  ['an ssh config Match ferry cannot evaluate', [`ssh_config_file: ${join(dir, 'match.conf')}`], /match\.conf:3:1: host 'db1': ssh config .*match\.conf:3: Match exec is not supported by ferry/],
  ['an ssh config that does not exist', ['ssh_config_file: nowhere.conf'], /inv:5:24: host 'db1': cannot read ssh config .*nowhere\.conf: ENOENT \(inventory var ssh_config_file\)/],
  ['good settings', ['ssh_timeout: "30"', `ssh_private_key_file: ${join(dir, 'id_test')}`, `ssh_config_file: ${join(dir, 'good.conf')}`, 'ssh_host_key_checking: accept-new'], null],
  ['templated values wait for the run', ['ssh_timeout: "{{ t }}"', 'ssh_private_key_file: "{{ k }}"'], null],
];

describe('validate: connection settings', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));
  cases.forEach(([what, vars, expected], i) => {
    it(what, () => {
      const inv = inventory(`inv${i}`, vars);
      const out = validateAll(PLAYBOOK, inv).map(formatDiagnostic).join('\n').replaceAll(inv, 'inv');
      if (expected === null) assert.equal(out, '');
      else if (typeof expected === 'string') assert.equal(out, expected);
      else assert.match(out, expected);
    });
  });

  it('an INI inventory: located at the host line; a group var names every host it breaks', () => {
    const inv = join(dir, 'hosts.ini');
    writeFileSync(inv, '[etcd]\ne1 ansible_ssh_port=abc\ne2\n[etcd:vars]\nssh_session_timeout=0\n');
    const out = validateAll(PLAYBOOK, inv).map(formatDiagnostic).join('\n').replaceAll(inv, 'inv');
    assert.match(out, /^inv:2:1: host 'e1': ansible_ssh_port: "abc" is not a port/m);
    assert.match(out, /host 'e1'.*ssh_session_timeout: 0 is not|hosts 'e1', 'e2': ssh_session_timeout: 0 is not/);
  });
});
