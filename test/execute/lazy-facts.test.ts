// gather_facts is small and lazy: the setup command runs only for plays whose templates name a fact.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPlaybook } from '../../runner/execute/engine.js';
import { loadInventory } from '../../runner/load/inventory.js';
import { loadPlaybook } from '../../runner/load/playbook.js';
import { MemoryTransport } from '../../runner/transport/memory.js';
import { factsReply } from '../helpers/facts.js';


/** Loads a one-play playbook (gather_facts on by default) whose tasks are `tasks`, plus extra files. */
function load(tasks: string, files: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-facts-'));
  writeFileSync(join(dir, 'inventory.yaml'), 'all:\n  hosts:\n    n1:\n      ansible_connection: local\n');
  writeFileSync(join(dir, 'play.yaml'), `- hosts: all\n  tasks:\n${tasks}`);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const inventory = loadInventory(join(dir, 'inventory.yaml'));
  return { inventory, playbook: loadPlaybook(join(dir, 'play.yaml'), { inventory }) };
}

const cases: Array<[string, string, Record<string, string>, boolean]> = [
  ['no fact named', '    - command: uname -r\n    - debug:\n        msg: "{{ inventory_hostname }}"\n', {}, false],
  ['a fact in a string', '    - debug:\n        msg: "{{ ansible_distribution }}"\n', {}, true],
  ['a fact in a bare condition', '    - command: "true"\n      when: has_systemd\n', {}, true],
  ['debug var: a fact', '    - debug:\n        var: ansible_hostname\n', {}, true],
  ['hostvars (any host\'s facts)', '    - debug:\n        msg: "{{ hostvars.n1.x }}"\n', {}, true],
  ['a fact in a template file', '    - template:\n        src: motd.hbs\n        dest: /tmp/motd\n', { 'motd.hbs': 'on {{ ansible_hostname }}\n' }, true],
  ['a template file without facts', '    - template:\n        src: motd.hbs\n        dest: /tmp/motd\n', { 'motd.hbs': 'hello {{ inventory_hostname }}\n' }, false],
];

describe('execute: lazy facts', () => {
  for (const [what, tasks, files, used] of cases) {
    it(`${what}: facts ${used ? 'gathered' : 'not gathered'}`, () => {
      assert.equal(load(tasks, files).playbook.plays[0].factsUsed, used);
    });
  }

  it('a play that names no fact sends no setup command; one that does sends it once per host', async () => {
    for (const [tasks, expected] of [[cases[0][1], 0], [cases[1][1], 1]] as const) {
      const { inventory, playbook } = load(tasks);
      const t = new MemoryTransport('n1', { replies: [factsReply()] });
      const recap = await runPlaybook(playbook, inventory, { connect: async () => t }, () => {});
      assert.equal(recap.ok, true);
      assert.equal(t.commands.filter((c) => c.command.startsWith("echo '@@ferry-fact")).length, expected);
    }
  });
});
