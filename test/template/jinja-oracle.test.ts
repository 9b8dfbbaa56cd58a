// The oracle for jinja-cases.ts: Ansible (ansible-core 2.14, jinja2_native) evaluates every
// Jinja expression of the table on the same variables, in one playbook run, and must give the
// value the table expects, which jinja-helpers.test.ts holds ferry to.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CASES, FERRY_ONLY, VARS } from './jinja-cases.js';

function hasAnsible(): boolean {
  return spawnSync('ansible-playbook', ['--version'], { stdio: 'ignore' }).status === 0;
}

describe('Jinja cases against Ansible (oracle)', function () {
  this.timeout(120_000);
  const cases = CASES.filter(([jinja]) => !FERRY_ONLY(jinja));
  let results: Array<{ msg?: unknown; failed?: boolean }> = [];

  before(function () {
    if (!hasAnsible()) this.skip();
    const dir = mkdtempSync(join(tmpdir(), 'ferry-oracle-'));
    // One looped task (a task per case costs Ansible seconds each): case i is the var c<i>.
    const exprs = Object.fromEntries(cases.map(([jinja], i) => [`c${i}`, `{{ ${jinja} }}`]));
    const task = { debug: { msg: "{{ lookup('vars', item) }}" }, loop: cases.map((_, i) => `c${i}`), ignore_errors: true };
    writeFileSync(join(dir, 'p.json'), JSON.stringify([{ hosts: 'localhost', gather_facts: false, vars: { ...VARS, ...exprs }, tasks: [task] }]));
    const run = spawnSync('ansible-playbook', ['-i', 'localhost,', '-c', 'local', join(dir, 'p.json')], {
      env: { ...process.env, ANSIBLE_STDOUT_CALLBACK: 'json', ANSIBLE_JINJA2_NATIVE: 'True', ANSIBLE_LOCALHOST_WARNING: 'False', ANSIBLE_DEPRECATION_WARNINGS: 'False' },
      maxBuffer: 64 * 1024 * 1024,
    });
    const out = run.stdout.toString();
    assert.ok(out.includes('{'), `ansible-playbook printed no report: ${run.stderr.toString()}`);
    const report = JSON.parse(out.slice(out.indexOf('{'))) as { plays: Array<{ tasks: Array<{ hosts: Record<string, { results: Array<{ msg?: unknown; failed?: boolean }> }> }> }> };
    const host = Object.values(report.plays[0]!.tasks[0]!.hosts)[0] as { results?: typeof results; msg?: string };
    assert.ok(host.results, `the looped task failed as a whole: ${host.msg}`);
    results = host.results;
  });

  it('ran every case', () => assert.equal(results.length, cases.length));
  cases.forEach(([jinja, , expected], i) => {
    it(`Ansible: ${jinja} = ${JSON.stringify(expected)}`, () => {
      assert.ok(!results[i]!.failed, `Ansible failed: ${JSON.stringify(results[i]!.msg)}`);
      assert.deepEqual(results[i]!.msg, expected);
    });
  });
});
