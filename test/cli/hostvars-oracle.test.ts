// `debug: var=hostvars` and `{{json hostvars}}` as Ansible shows them: one mapping per host, each
// with its vars and magic vars but without `hostvars` again (each host's vars hold hostvars, a cycle
// that used to crash with "Converting circular structure to JSON").
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ansiblePlaybook } from '../helpers/ansible.js';
import { describeRun, ferryCli, hostResults } from '../helpers/ferry-cli.js';

describe('hostvars shown as Ansible shows it', function () {
  this.timeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'ferry-hostvars-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('debug var=hostvars and json hostvars: a mapping per host with its vars, no hostvars inside, as ansible-playbook prints', async () => {
    const inv = join(dir, 'inv.yaml');
    writeFileSync(inv, 'all:\n  hosts:\n    a: { ansible_connection: local, x: 1 }\n    b: { ansible_connection: local, y: two }\n  children:\n    web: { hosts: { b: {} } }\n');
    const book = join(dir, 'site.yaml');
    writeFileSync(book, '- hosts: a\n  gather_facts: false\n  tasks:\n    - debug: var=hostvars\n    - debug: { msg: "{{ hostvars | to_json }}" }\n');
    const ansible = ansiblePlaybook(['-i', inv, book], dir);
    assert.equal(ansible.code, 0, ansible.stdout + ansible.stderr);
    const shown = JSON.parse(`{${/ok: \[a\] => \{\n([\s\S]*?)\n\}/.exec(ansible.stdout)![1]}}`) as { hostvars: Record<string, Record<string, unknown>> };
    const tojson = JSON.parse(JSON.parse(`{${/ok: \[a\] => \{\n([\s\S]*?)\n\}/g.exec(ansible.stdout.split('TASK [debug]')[2])![1]}}`).msg as string) as Record<string, Record<string, unknown>>;
    // Ansible's serialised hostvars also holds its implicit localhost, a host not in the inventory.
    delete tojson.localhost;

    writeFileSync(book, '- hosts: a\n  gather_facts: false\n  tasks:\n    - debug: var=hostvars\n    - debug: { msg: "{{json hostvars}}" }\n');
    const r = await ferryCli(['play', book, '-i', inv, '--json'], { cwd: dir });
    assert.equal(r.code, 0, describeRun(r));
    const [byVar, byJson] = hostResults(r).get('a')!;
    const ferryVar = byVar.result.hostvars as Record<string, Record<string, unknown>>;
    const ferryJson = JSON.parse(String(byJson.result.msg)) as Record<string, Record<string, unknown>>;

    for (const [who, hv] of [['ansible debug var', shown.hostvars], ['ansible to_json', tojson], ['ferry debug var', ferryVar], ['ferry json', ferryJson]] as const) {
      assert.deepEqual(Object.keys(hv).sort(), ['a', 'b'], who);
      assert.equal(hv.a.x, 1, who);
      assert.equal(hv.b.y, 'two', who);
      assert.equal(hv.b.inventory_hostname, 'b', who);
      assert.deepEqual(hv.b.group_names, ['web'], who);
      assert.deepEqual((hv.a.groups as Record<string, string[]>).web, ['b'], who);
      assert.ok(!('hostvars' in hv.a) && !('hostvars' in hv.b), `${who}: no hostvars inside a host's vars`);
    }
  });
});
