import { strict as assert } from 'node:assert';
import { ValidationError, formatDiagnostic } from '../../runner/errors.js';
import { loadInventory } from '../../runner/load/inventory.js';
import { loadPlaybook } from '../../runner/load/playbook.js';
import { validateAll } from '../../runner/load/validate.js';
import { fakeModules } from './fake-modules.js';

const dir = 'test/fixtures/load';
const inventory = loadInventory(`${dir}/inventory-good.yaml`);

describe('loadPlaybook', () => {
  const pb = loadPlaybook(`${dir}/playbook-good.yml`, { inventory, modules: fakeModules });
  const play = pb.plays[0];

  it('reads play keywords', () => {
    assert.equal(pb.baseDir, dir);
    assert.deepEqual(
      { name: play.name, hosts: play.hosts, serial: play.serial, strategy: play.strategy, become: play.become, becomeUser: play.becomeUser,
        anyErrorsFatal: play.anyErrorsFatal, maxFailPercentage: play.maxFailPercentage, gatherFacts: play.gatherFacts, tags: play.tags,
        varsFiles: play.varsFiles, source: play.source },
      { name: 'Add new members', hosts: 'etcd_new:etcd_old', serial: [1, '50%'], strategy: 'linear', become: true, becomeUser: 'root',
        anyErrorsFatal: true, maxFailPercentage: 10, gatherFacts: false, tags: ['etcd'], varsFiles: ['vars.yml'],
        source: { file: `${dir}/playbook-good.yml`, line: 2, col: 3 } },
    );
  });

  it('turns free-form module strings into args and lists of conditions into when', () => {
    const t = play.tasks[0];
    assert.deepEqual([t.module, t.args, t.register, t.when, t.changedWhen, t.tags], [
      'command', { cmd: 'echo {{ data_dir }} {{ inventory_hostname }}' }, 'where', ['eq inventory_hostname "new-1"', '{{ where_before.rc }}'], 'false', ['show'],
    ]);
  });

  it('reads loop, retries and the other task keywords', () => {
    const t = play.tasks[1];
    assert.deepEqual(
      [t.loop, t.loopVar, t.until, t.retries, t.delay, t.delegateTo, t.runOnce, t.ignoreErrors, t.noLog, t.notify, t.source.line],
      ['{{ groups.etcd_new }}', 'host', 'host', 2, 1, 'localhost', true, true, true, ['restart'], 24],
    );
  });

  it('applies defaults', () => {
    const t = play.tasks[3];
    assert.deepEqual([t.loopVar, t.retries, t.delay, t.runOnce, t.when, t.notify, t.vars], ['item', 0, 5, false, [], [], {}]);
  });

  it('reads blocks, args: merging, and handlers with listen', () => {
    const b = play.tasks[4];
    assert.equal(b.module, undefined);
    assert.deepEqual(b.when, ['true']);
    assert.deepEqual(b.block![0].args, { chdir: '/tmp', cmd: 'true' });
    assert.equal(b.rescue![0].module, 'debug');
    assert.equal(b.always![0].module, 'assert');
    assert.deepEqual([play.handlers[0].name, play.handlers[0].listen], ['restart', ['etcd changed']]);
  });

  it('reports every problem at once, as file:line:col, naming the task', () => {
    const f = `${dir}/playbook-bad.yml`;
    assert.throws(() => loadPlaybook(f, { inventory, modules: fakeModules }), (err: unknown) => {
      assert.ok(err instanceof ValidationError);
      assert.deepEqual(err.diagnostics.map(formatDiagnostic), [
        `${f}:2:10: play 'Broken play': hosts pattern 'etcd_nwe' matches no host in ${dir}/inventory-good.yaml`,
        `${f}:3:3: unknown key 'gather_fact' (did you mean 'gather_facts'?)`,
        `${f}:4:11: 'serial': "lots" must be a number of hosts, a percentage like "30%", or a list of them`,
        `${f}:7:7: task 'Typo module': unknown module 'comand' (did you mean 'command'?)`,
        `${f}:10:7: task 'Typo keyword': unknown key 'whn' (did you mean 'when'?)`,
        `${f}:13:15: task 'Bad args': wait_for: 'port' must be <= 65535`,
        `${f}:14:9: task 'Bad args': wait_for: unknown key 'hots' (did you mean 'host'?)`,
        `${f}:15:18: task 'Bad args': variable "t" is not defined`,
        `${f}:17:16: task 'Bad template string': template error: syntax error: unexpected end of template (is a block left open?)`,
        `${f}:19:16: task 'Undefined var': variable "nope_var" is not defined`,
        `${f}:20:13: task 'Undefined var': variable "undefined_in_when" is not defined`,
        `${f}:23:7: task 'Two modules': a task runs one module, found command, debug`,
        `${f}:29:24: task 'Missing template': template 'nope.hbs' not found (looked in ${dir}, ${dir}/templates, templates)`,
        `${f}:30:7: task 'No module': no module given`,
        `${f}:34:16: 'retries' must be integer, not string`,
        `${dir}/templates/broken.hbs:5:1: syntax error: unexpected end of template (is a block left open?)`,
        `${dir}/templates/undefined.hbs:2:5: variable "etcd_peer_prot" is not defined (template of task 'Undefined in template file')`,
      ]);
      return true;
    });
  });

  it('extra vars count as known variables', () => {
    const diagnostics = validateAll(`${dir}/playbook-bad.yml`, `${dir}/inventory-good.yaml`, { nope_var: 1, t: 5 }, fakeModules);
    assert.ok(!diagnostics.some((d) => d.message.includes('"nope_var"') || d.message.includes('"t"')));
    assert.ok(diagnostics.some((d) => d.message.includes('"undefined_in_when"')));
  });

  it('validateAll reports inventory problems too', () => {
    const diagnostics = validateAll(`${dir}/playbook-good.yml`, `${dir}/inventory-bad.yaml`, {}, fakeModules);
    assert.ok(diagnostics.some((d) => d.file === `${dir}/inventory-bad.yaml` && d.message.includes('192.168.2020.40')));
  });
});

describe('module argument roles', () => {
  // The loader knows a module only by what it declares: a module of any name can set variables,
  // take conditions, or name template files.
  const roles = new Map(fakeModules);
  const base = { description: 'test', supportsCheck: true, supportsDiff: false, run: async () => ({ changed: false, failed: false }) };
  roles.set('remember', { ...base, name: 'remember', argRoles: { keysDefineVars: true }, argsSchema: { type: 'object' } });
  roles.set('check_that', { ...base, name: 'check_that', argRoles: { conditions: ['cond'] }, argsSchema: { type: 'object', properties: { cond: { type: 'string' } } } });

  it('takes variables defined and conditions from argRoles, not from the module name', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const tmp = mkdtempSync(join(tmpdir(), 'ferry-roles-'));
    writeFileSync(join(tmp, 'p.yml'), [
      '- hosts: all', '  tasks:',
      '    - remember: { answer: 42 }',
      '    - command: "echo {{ answer }}"',
      '    - check_that: { cond: "eq nosuch 1" }', '',
    ].join('\n'));
    const diagnostics = validateAll(join(tmp, 'p.yml'), `${dir}/inventory-good.yaml`, {}, roles).map(formatDiagnostic);
    assert.deepEqual(diagnostics, [`${join(tmp, 'p.yml')}:5:27: task 'check_that': variable "nosuch" is not defined`]);
  });
});
