// A var whose template names an undefined variable: validate names the use and the var's definition.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateAll } from '../../runner/load/validate.js';
import { fakeModules } from './fake-modules.js';

function files(inventory: string, playbook: string): { inv: string; pb: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-chains-'));
  writeFileSync(join(dir, 'inv.yml'), inventory);
  writeFileSync(join(dir, 'site.yml'), playbook);
  return { inv: join(dir, 'inv.yml'), pb: join(dir, 'site.yml') };
}

const messages = (pb: string, inv: string): string[] => validateAll(pb, inv, {}, fakeModules).map((d) => `${d.file}:${d.line}:${d.col}: ${d.message}`);

describe('load: vars whose templates do not render', () => {
  it('an inventory var naming an undefined variable: the use and the definition, file:line:col', () => {
    const { inv, pb } = files('all:\n  hosts:\n    h1:\n      ssh_host: 10.0.0.1\n      node_ip: "{{ssh_hostt}}"\n', '- hosts: all\n  tasks:\n    - command: echo {{node_ip}}\n');
    const got = messages(pb, inv);
    assert.equal(got.length, 1, got.join('\n'));
    assert.ok(got[0].startsWith(`${pb}:3:16: task 'command': variable "node_ip" (defined at ${inv}:5:16) does not render: variable "ssh_hostt" is not defined`), got[0]);
  });

  it('a play var `url: "http://{{nosuch}}"`', () => {
    const { inv, pb } = files('all:\n  hosts:\n    h1: {}\n', '- hosts: all\n  vars:\n    url: "http://{{nosuch}}"\n  tasks:\n    - command: curl {{url}}\n');
    const got = messages(pb, inv);
    assert.deepEqual(got, [`${pb}:5:16: task 'command': variable "url" (defined at ${pb}:3:10) does not render: variable "nosuch" is not defined`]);
  });

  it('a play-level become_user naming an undefined variable is located, as a task-level one is', () => {
    const { inv, pb } = files('all:\n  hosts:\n    h1: {}\n', '- hosts: all\n  become: true\n  become_user: "{{ nosuch_user }}"\n  tasks:\n    - command: id\n');
    const got = messages(pb, inv);
    assert.equal(got.length, 1, got.join('\n'));
    assert.match(got[0], new RegExp(`^${pb.replace(/[.]/g, '\\.')}:3:16: .*"nosuch_user" is not defined`), got[0]);
  });

  it('a chain (a -> b -> undefined) and a cycle are both named', () => {
    const { inv, pb } = files('all:\n  hosts:\n    h1: {}\n', '- hosts: all\n  vars:\n    a: "{{b}}"\n    b: "x{{c}}"\n    p: "{{q}}"\n    q: "{{p}}"\n  tasks:\n    - command: echo {{a}} {{p}}\n');
    const got = messages(pb, inv).join('\n');
    assert.match(got, /variable "a" \(defined at .*:3:8\) does not render: variable "b" \(defined at .*:4:8\) does not render: variable "c" is not defined/);
    assert.match(got, /variable "p" .*refers to itself \(p -> q -> p\)/);
  });

  it('vars naming registered values, set_fact keys, facts and magic vars pass', () => {
    const { inv, pb } = files('all:\n  hosts:\n    h1:\n      out: "{{r.stdout}} {{inventory_hostname}} {{ansible_hostname}}"\n',
      '- hosts: all\n  tasks:\n    - command: hostname\n      register: r\n    - command: echo {{out}}\n');
    assert.deepEqual(messages(pb, inv), []);
  });
});
