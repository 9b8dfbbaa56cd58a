import { strict as assert } from 'node:assert';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatDiagnostic } from '../../runner/errors.js';
import { loadInventory } from '../../runner/load/inventory.js';
import { readPlaybook } from '../../runner/load/playbook.js';
import { fakeModules } from './fake-modules.js';

const inventory = loadInventory('test/fixtures/load/inventory-good.yaml');

/** Writes files under a fresh dir and returns the dir. */
function files(spec: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-import-'));
  for (const [name, text] of Object.entries(spec)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

function load(dir: string) {
  return readPlaybook(join(dir, 'site.yml'), { inventory, modules: fakeModules });
}

describe('import_tasks', () => {
  it('inlines the tasks of a file relative to the importing file, with source refs into it', () => {
    const dir = files({
      'site.yml': '- hosts: all\n  gather_facts: false\n  tasks:\n    - debug: { msg: before }\n    - import_tasks: sub/steps.yml\n    - debug: { msg: after }\n',
      'sub/steps.yml': '# steps\n- name: one\n  debug: { msg: one }\n- import_tasks: more.yml\n',
      'sub/more.yml': '- name: two\n  block:\n    - debug: { msg: two }\n',
    });
    const { playbook, diagnostics } = load(dir);
    assert.deepEqual(diagnostics.map(formatDiagnostic), []);
    const tasks = playbook.plays[0].tasks;
    assert.deepEqual(tasks.map((t) => t.name), ['debug', 'one', 'two', 'debug']);
    assert.deepEqual(tasks[1].source, { file: join(dir, 'sub/steps.yml'), line: 2, col: 3 });
    assert.equal(tasks[2].source.file, join(dir, 'sub/more.yml'));
  });

  it('validates imported tasks like any task, naming the imported file', () => {
    const dir = files({
      'site.yml': '- hosts: all\n  tasks:\n    - import_tasks: steps.yml\n',
      'steps.yml': '- name: bad\n  debug: { msg: x, nope: 1 }\n- name: undefined var\n  debug: { msg: "{{ no_such_var }}" }\n',
    });
    const msgs = load(dir).diagnostics.map(formatDiagnostic);
    assert.ok(msgs.some((m) => m.startsWith(join(dir, 'steps.yml')) && m.includes('nope')), msgs.join('\n'));
    assert.ok(msgs.some((m) => m.startsWith(`${join(dir, 'steps.yml')}:4:`) && m.includes('no_such_var')), msgs.join('\n'));
  });

  it('refuses cycles, missing files and keywords an import cannot take (loop)', () => {
    const dir = files({
      'site.yml': '- hosts: all\n  tasks:\n    - import_tasks: a.yml\n    - import_tasks: gone.yml\n    - import_tasks: a.yml\n      loop: [1]\n',
      'a.yml': '- import_tasks: b.yml\n',
      'b.yml': '- import_tasks: a.yml\n',
    });
    const msgs = load(dir).diagnostics.map(formatDiagnostic).join('\n');
    assert.match(msgs, /imports itself/);
    assert.match(msgs, /'gone.yml' not found/);
    assert.match(msgs, /site.yml:6:7: import_tasks: 'loop' is not allowed here \(use include_tasks for a dynamic file\)/);
  });
});
