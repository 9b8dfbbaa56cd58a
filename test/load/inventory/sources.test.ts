// Inventory sources as a user writes them: what is read, and every mistake located at file:line:col.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatDiagnostic } from '../../../runner/errors.js';
import { groupsMap } from '../../../runner/load/groups.js';
import { readInventory } from '../../../runner/load/inventory.js';
import { readPlaybook } from '../../../runner/load/playbook.js';
import { hostVars } from '../../../runner/load/vars.js';

describe('inventory sources', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ferry-inv-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string): string => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const problems = (sources: string | string[]): string[] => readInventory(sources).diagnostics.map((d) => formatDiagnostic(d).replace(`${dir}/`, ''));

  it('an INI file with mistakes gives INI errors at their lines, not YAML syntax errors', () => {
    const f = write('hosts', '[web]\nw1 port 80\n[web:nope]\n[db:children]\nghost\n[cache:vars]\nx=1\n[web:vars]\nnovalue\n[web2]\nw2 a="open\n');
    assert.deepEqual(problems(f), [
      'hosts:2:1: expected key=value after the host name, got: port',
      "hosts:3:1: section [web:nope] has unknown type 'nope' (hosts, children or vars)",
      'hosts:5:1: section [db:children] names a group defined nowhere: ghost',
      'hosts:6:1: section [cache:vars] is for a group defined nowhere: cache',
      'hosts:9:1: expected key=value in [web:vars], got: novalue',
      'hosts:11:1: cannot read host line \'w2 a="open\': No closing quotation',
    ]);
  });

  it('a broken YAML file gives YAML errors (not INI ones)', () => {
    const f = write('inv.yml', 'all:\n  hosts:\n    h1:\n   bad: indent\n');
    const p = problems(f);
    assert.ok(p.length >= 1 && p.every((m) => /^inv\.yml:\d+:\d+: YAML syntax error/.test(m)), p.join('\n'));
  });

  it('host and group names holding control characters are refused, in INI and YAML', () => {
    const ini = write('hosts', '[web]\nw\u202eexe.gpj\n[bad\tgroup]\n[ok]\nx\u0000y\n');
    const yml = write('inv.yaml', 'all:\n  children:\n    "g\\u0007":\n      hosts:\n        "h\\ty":\n');
    assert.deepEqual(problems(ini), [
      'hosts:2:1: host name "w\u202eexe.gpj" holds a control character (U+202E)',
      "hosts:3:1: invalid section '[bad\tgroup]': no spaces or other characters are allowed in [group] or [group:children]",
      'hosts:5:1: host name "x\\u0000y" holds a control character (U+0000)',
    ]);
    assert.deepEqual(problems(yml), ['inv.yaml:3:5: group name "g\\u0007" holds a control character (U+0007)', 'inv.yaml:5:9: host name "h\\ty" holds a control character (U+0009)']);
  });

  it('a group cycle through top-level groups is found (YAML and INI)', () => {
    const yml = write('inv.yml', 'g1:\n  children:\n    g2:\ng2:\n  children:\n    g3:\ng3:\n  children:\n    g1:\n  hosts:\n    h:\n');
    assert.deepEqual(problems(yml), ['inv.yml:9:5: group cycle: g1 → g2 → g3 → g1']);
    const ini = write('hosts', '[a]\nh\n[b:children]\na\n[a:children]\nb\n');
    assert.deepEqual(problems(ini), ['hosts:4:1: group cycle: a → b → a']);
  });

  it('several -i sources merge in order: groups and hosts add up, later vars win', () => {
    const a = write('a.ini', '[etcd]\ne1 role=a\n[etcd:vars]\nshared=a\n');
    const b = write('b.yml', 'etcd:\n  vars: { shared: b }\n  hosts:\n    e1: { role: b }\n    e2:\n');
    const { inventory, diagnostics } = readInventory([a, b]);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(groupsMap(inventory).etcd, ['e1', 'e2']);
    assert.deepEqual([hostVars(inventory, 'e1').role, hostVars(inventory, 'e1').shared], ['b', 'b']);
  });

  it('become vars that ferry would ignore are refused where they are set; INI booleans are read as Ansible reads them', () => {
    const ini = write('hosts', '[web]\nw1 ansible_become=yes ansible_become_method=doas\nw2 ansible_become=True ansible_become_method=sudo\n[web:vars]\nansible_become_password=hunter2\nansible_become=maybe\n');
    mkdirSync(join(dir, 'group_vars'));
    write('group_vars/web.yml', 'ansible_become_flags: -H\n');
    const p = problems(ini);
    assert.deepEqual(p, [
      'group_vars/web.yml:1:1: ansible_become_flags: ferry runs sudo with its own flags and takes no others',
      'hosts:2:1: ansible_become_method "doas": ferry becomes with sudo or su only',
      'hosts:5:1: ferry does not read the become password from the inventory: give it with --become-password-env VAR or --ask-become-pass',
      'hosts:6:1: \'ansible_become\': "maybe" is not a boolean (true/false, yes/no, on/off, 1/0) (group \'web\')',
    ]);
    assert.ok(!p.join('\n').includes('hunter2'), 'the password is not echoed');
  });

  it('a FIFO or a device as -i is refused at once, not read', () => {
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    assert.deepEqual(problems(fifo), ['fifo:1:1: not a regular file (an inventory is a file, a folder or an executable script)']);
    assert.match(problems('/dev/zero')[0], /^\/dev\/zero:1:1: not a regular file/);
  });

  it('an inventory script that fails is one located error naming the command and its stderr', () => {
    const s = write('inv.sh', '#!/bin/sh\necho "no cloud credentials" >&2\nexit 3\n');
    execFileSync('chmod', ['+x', s]);
    assert.deepEqual(problems(s), [`inv.sh:1:1: inventory script '${s} --list' exited with 3: no cloud credentials`]);
  });

  it('5,000 hosts in 50 groups: loaded, every host\'s vars merged and a playbook validated, quickly', () => {
    const lines = ['all:', '  vars: { ssh_user: root }', '  children:'];
    for (let g = 0; g < 50; g++) {
      lines.push(`    g${g}:`, `      vars: { level: g${g} }`, '      hosts:');
      for (let h = 0; h < 100; h++) lines.push(`        h${g}-${h}: { ssh_host: 10.0.${g}.${h + 1} }`);
    }
    const inv = write('big.yml', `${lines.join('\n')}\n`);
    const play = write('site.yml', '- hosts: all\n  gather_facts: false\n  tasks:\n    - debug: { msg: "{{level}} {{ssh_host}}" }\n');
    const started = process.cpuUsage();
    const { inventory, diagnostics } = readInventory(inv);
    assert.deepEqual(diagnostics, []);
    for (const h of inventory.hosts.keys()) hostVars(inventory, h);
    assert.deepEqual(readPlaybook(play, { inventory }).diagnostics, []);
    const used = process.cpuUsage(started);
    const ms = (used.user + used.system) / 1000;
    assert.equal(inventory.hosts.size, 5000);
    assert.equal(hostVars(inventory, 'h49-99').level, 'g49');
    // CPU time, not wall time: the test machine is shared. It was 29-31 s when every host's vars
    // recomputed group membership over all hosts.
    assert.ok(ms < 2_000, `took ${ms} ms of CPU`);
  });
});
