// validate and the run agree on facts: a fact is refused where no gathering precedes it, and
// `ansible_facts.X` where gathering has no X; a play reading facts an earlier play gathers works.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatDiagnostic } from '../../runner/errors.js';
import { loadInventory } from '../../runner/load/inventory.js';
import { readPlaybook } from '../../runner/load/playbook.js';
import { describeRun, ferryCli } from '../helpers/ferry-cli.js';

describe('validate: facts exist where the run has them', function () {
  this.timeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), 'ferry-facts-check-'));
  const inv = join(dir, 'inv.yaml');
  writeFileSync(inv, 'all:\n  hosts:\n    localhost: { ansible_connection: local }\n');
  const inventory = loadInventory(inv);
  after(() => rmSync(dir, { recursive: true, force: true }));
  const problems = (name: string, text: string): string[] => {
    const file = join(dir, `${name}.yml`);
    writeFileSync(file, text);
    return readPlaybook(file, { inventory }).diagnostics.map((d) => formatDiagnostic(d).replace(`${dir}/`, ''));
  };

  it('refuses a fact in a play that gathers none, with no gathering or setup before it', () => {
    assert.deepEqual(problems('no-gather', '- hosts: all\n  gather_facts: false\n  tasks:\n    - debug: { msg: "{{ ansible_distribution }} {{ ansible_facts.kernel }}" }\n'), [
      'no-gather.yml:4:21: task \'debug\': variable "ansible_distribution" is not defined: it is a fact, and no play up to this one gathers facts (gather_facts: false, no setup task)',
      'no-gather.yml:4:21: task \'debug\': variable "ansible_facts.kernel" is not defined: it is a fact, and no play up to this one gathers facts (gather_facts: false, no setup task)',
    ]);
  });

  it('accepts facts after a setup task or an earlier gathering play', () => {
    assert.deepEqual(problems('setup', '- hosts: all\n  gather_facts: false\n  tasks:\n    - setup:\n    - debug: { msg: "{{ ansible_distribution }}" }\n'), []);
    assert.deepEqual(problems('earlier', '- hosts: all\n  tasks: []\n- hosts: all\n  gather_facts: false\n  tasks:\n    - debug: { msg: "{{ ansible_facts.distribution }}" }\n'), []);
  });

  it('refuses ansible_facts keys gathering does not provide, in any spelling; not when the playbook sets ansible_facts itself', () => {
    const gathers = (expr: string) => `- hosts: all\n  tasks:\n    - debug: { msg: "{{ ${expr} }}" }\n`;
    assert.deepEqual(problems('ok', gathers('ansible_facts.distribution_version')), []);
    const [bad] = problems('bad', gathers('ansible_facts.distro'));
    assert.match(bad ?? '', /^bad\.yml:3:21: task 'debug': variable "ansible_facts\.distro" is not defined: ansible_facts has no "distro": gathering provides /);
    assert.match(problems('bracket', gathers('ansible_facts.[distro]')).join(), /ansible_facts has no "distro"/);
    assert.deepEqual(problems('own', `- hosts: all\n  vars: { ansible_facts: { distro: x } }\n  tasks:\n    - debug: { msg: "{{ ansible_facts.distro }}" }\n`), []);
  });

  it('runs a play that reads facts gathered by an earlier play whose own tasks name none', async () => {
    const book = join(dir, 'two-plays.yml');
    writeFileSync(book, '- hosts: all\n  tasks: []\n- hosts: all\n  gather_facts: false\n  tasks:\n    - debug: { msg: "os={{ ansible_facts.system }}" }\n');
    const r = await ferryCli(['play', book, '-i', inv]);
    assert.equal(r.code, 0, describeRun(r));
    assert.match(r.stdout, /os=Linux/);
  });
});
