// Roles and includes at load time: where roles are found, what they contribute, and located errors.
import { strict as assert } from 'node:assert';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatDiagnostic } from '../../runner/errors.js';
import { loadInventory } from '../../runner/load/inventory.js';
import { readPlaybook } from '../../runner/load/playbook.js';
import { fakeModules } from './fake-modules.js';

const inventory = loadInventory('test/fixtures/load/inventory-good.yaml');

function files(spec: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-roles-'));
  for (const [name, text] of Object.entries(spec)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const load = (dir: string, rolesPath?: string[]) => readPlaybook(join(dir, 'site.yml'), { inventory, modules: fakeModules, rolesPath });

describe('load: roles and includes', () => {
  it('a role is a block of its tasks (named "role : task") with the keywords it was called with; handlers, defaults and vars join the play', () => {
    const dir = files({
      'site.yml': '- hosts: all\n  roles:\n    - role: web\n      tags: [w]\n      when: true\n      port: 80\n',
      'roles/web/tasks/main.yml': '- name: show\n  debug: { msg: "{{ port }} {{ d }} {{ v }}" }\n',
      'roles/web/handlers/main.yml': '- name: reload\n  debug: { msg: r }\n',
      'roles/web/defaults/main.yml': 'd: 1\n',
      'roles/web/vars/main.yml': 'v: 2\n',
    });
    const { playbook, diagnostics } = load(dir);
    assert.deepEqual(diagnostics.map(formatDiagnostic), []);
    const [play] = playbook.plays;
    const role = play.tasks[0];
    assert.deepEqual([role.name, role.tags, role.when, role.vars, role.block!.map((t) => t.name)], ['role web', ['w'], ['true'], { port: 80 }, ['web : show']]);
    assert.equal(role.block![0].baseDir, join(dir, 'roles/web'));
    assert.deepEqual([play.handlers[0].name, play.handlers[0].listen], ['web : reload', ['reload']]);
    assert.deepEqual([play.roleDefaults, play.roleVars], [{ d: 1 }, { v: 2 }]);
  });

  it('finds roles on --roles-path; a missing role names where it looked, at file:line:col', () => {
    const lib = files({ 'shared/tasks/main.yml': '- debug: { msg: hi }\n' });
    const dir = files({ 'site.yml': '- hosts: all\n  roles: [shared]\n  tasks:\n    - import_role: { name: nope }\n' });
    const msgs = load(dir, [lib]).diagnostics.map(formatDiagnostic);
    assert.deepEqual(msgs, [`${join(dir, 'site.yml')}:4:20: role 'nope' not found (looked in ${join(dir, 'roles/nope')}, ${join(lib, 'nope')}, ${join(dir, 'nope')})`]);
    assert.deepEqual(load(dir).diagnostics.map(formatDiagnostic)[0], `${join(dir, 'site.yml')}:2:11: role 'shared' not found (looked in ${join(dir, 'roles/shared')}, ${join(dir, 'shared')})`);
  });

  it('include_tasks is kept for its run (loop, when, vars); import_tasks with keywords becomes a block; meta actions are checked', () => {
    const dir = files({
      'site.yml': '- hosts: all\n  tasks:\n    - include_tasks: t.yml\n      loop: [1, 2]\n      when: true\n    - import_tasks: t.yml\n      tags: [x]\n    - meta: flush_handlers\n    - meta: reset_connection\n',
      't.yml': '- debug: { msg: "{{ item }}" }\n',
    });
    const { playbook, diagnostics } = load(dir);
    assert.deepEqual(diagnostics.map(formatDiagnostic), [`${join(dir, 'site.yml')}:9:13: meta: 'reset_connection' is not supported by ferry (one of: flush_handlers, end_play, end_host, end_batch, refresh_inventory, noop)`]);
    const [inc, imp, flush] = playbook.plays[0].tasks;
    assert.deepEqual([inc.included!.length, inc.includes, inc.loop, inc.when], [1, 'tasks', [1, 2], ['true']]);
    assert.deepEqual([imp.block!.length, imp.tags], [1, ['x']]);
    assert.equal(flush.meta, 'flush_handlers');
  });

  it('pre_tasks, roles, tasks, post_tasks in order, with a handler flush after pre_tasks and before post_tasks', () => {
    const dir = files({
      'site.yml': '- hosts: all\n  pre_tasks: [{ name: pre, debug: { msg: a } }]\n  roles: [r]\n  tasks: [{ name: main, debug: { msg: b } }]\n  post_tasks: [{ name: post, debug: { msg: c } }]\n',
      'roles/r/tasks/main.yml': '- name: in role\n  debug: { msg: r }\n',
    });
    const names = load(dir).playbook.plays[0].tasks.map((t) => t.meta ?? t.name);
    assert.deepEqual(names, ['pre', 'flush_handlers', 'role r', 'main', 'flush_handlers', 'post']);
  });

  it('import_playbook brings in another file\'s plays, relative paths from its own folder', () => {
    const dir = files({
      'site.yml': '- import_playbook: sub/other.yml\n- hosts: all\n  tasks: [{ debug: { msg: x } }]\n',
      'sub/other.yml': '- name: other\n  hosts: all\n  vars_files: [v.yml]\n  tasks: [{ debug: { msg: "{{ w }}" } }]\n',
      'sub/v.yml': 'w: 1\n',
    });
    const { playbook, diagnostics } = load(dir);
    assert.deepEqual(diagnostics.map(formatDiagnostic), []);
    assert.deepEqual(playbook.plays.map((p) => [p.name, p.baseDir]), [['other', join(dir, 'sub')], ['all', undefined]]);
  });
});
