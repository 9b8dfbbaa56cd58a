// Playbooks as Ansible users write them load in ferry; Ansible's --syntax-check agrees they are valid.
import { strict as assert } from 'node:assert';
import { ValidationError, formatDiagnostic } from '../../runner/errors.js';
import { loadInventory } from '../../runner/load/inventory.js';
import { loadPlaybook } from '../../runner/load/playbook.js';
import { ansiblePlaybook } from '../helpers/ansible.js';

const dir = 'test/fixtures/ansible';
const inventory = loadInventory('test/fixtures/load/inventory-good.yaml');

describe('load: Ansible forms (FQCN names, k=v arguments)', function () {
  this.timeout(60_000);
  it('FQCN and k=v tasks load into ferry modules and typed args; Ansible accepts the same file', () => {
    const pb = loadPlaybook(`${dir}/forms.yml`, { inventory });
    assert.deepEqual(pb.plays[0].tasks.map((t) => [t.module, t.args]), [
      ['file', { path: '/tmp/ferry-forms', state: 'directory' }],
      ['file', { path: '/tmp/ferry-forms/sub', state: 'directory', mode: '0755' }],
      ['copy', { dest: '/tmp/ferry-forms/note', content: '{{ inventory_hostname }} here' }],
      ['command', { cmd: 'ls -l', chdir: '/tmp/ferry-forms' }],
      ['debug', { msg: 'done' }],
    ]);
    assert.equal(ansiblePlaybook(['--syntax-check', '-i', 'localhost,', `${dir}/forms.yml`]).code, 0);
  });

  it('an Ansible keyword ferry does not run is refused at its file:line:col, never ignored', () => {
    const f = `${dir}/unsupported.yml`;
    assert.equal(ansiblePlaybook(['--syntax-check', '-i', 'localhost,', f]).code, 0);
    assert.throws(() => loadPlaybook(f, { inventory }), (err: unknown) => {
      assert.ok(err instanceof ValidationError);
      assert.deepEqual(err.diagnostics.map(formatDiagnostic), [
        `${f}:7:7: task 'background job': 'become_flags' is an Ansible keyword ferry does not support`,
        `${f}:8:7: task 'background job': 'module_defaults' is an Ansible keyword ferry does not support`,
      ]);
      return true;
    });
  });
});
