// 20 tasks mixing file, copy, template and systemd on every lab host, on hosts already as wanted.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ansibleAvailable, ansiblePlaybook, closeAnsibleMasters, writeAnsibleSetup } from '../anchors/ansible.js';
import type { Case, Method } from '../lib/case.js';
import { exec, timed } from '../lib/exec.js';
import { ferryBin } from '../lib/ferry.js';
import { type Target, writeFerryInventory } from '../lib/targets.js';

/** Five rounds of directory, file content, rendered template and a running unit. */
function tasks(root: string, template: string): string {
  return Array.from({ length: 5 }, (_, i) => [
    `    - name: dir ${i}\n      file: { path: ${root}/d${i}, state: directory, mode: "0755" }`,
    `    - name: copy ${i}\n      copy: { content: "line ${i}\\n", dest: ${root}/d${i}/copied, mode: "0644" }`,
    `    - name: template ${i}\n      template: { src: ${template}, dest: ${root}/d${i}/rendered, mode: "0644" }`,
    `    - name: unit ${i}\n      systemd: { name: ssh, state: started, enabled: true }`,
  ].join('\n')).join('\n');
}

/** The case; `prepare` converges the hosts so every timed run changes nothing. */
export function mixedCase(targets: Target[], dir: string): Case {
  writeFileSync(join(dir, 'bench.hbs'), 'host {{inventory_hostname}}\n');
  writeFileSync(join(dir, 'bench.j2'), 'host {{ inventory_hostname }}\n');
  const ferryBook = join(dir, 'mixed-ferry.yml');
  const ansibleBook = join(dir, 'mixed-ansible.yml');
  writeFileSync(ferryBook, `- hosts: bench\n  gather_facts: false\n  tasks:\n${tasks('/tmp/ferry-bench', 'bench.hbs')}\n`);
  writeFileSync(ansibleBook, `- hosts: bench\n  gather_facts: false\n  tasks:\n${tasks('/tmp/ansible-bench', 'bench.j2')}\n`);
  const inv = writeFerryInventory(join(dir, 'inventory.yml'), targets);
  const ansible = writeAnsibleSetup(join(dir, 'ansible'), targets, targets.length);
  const ferry = ferryBin(['play', ferryBook, '-i', inv]);
  const methods: Method[] = [{ name: 'ferry', run: () => timed(() => exec(ferry)) }];
  if (ansibleAvailable()) methods.push({ name: 'Ansible', run: () => timed(() => exec(ansiblePlaybook(ansible, ansibleBook))) });
  if (ansibleAvailable(true)) methods.push({ name: 'Ansible + Mitogen', run: () => timed(() => exec(ansiblePlaybook(ansible, ansibleBook, true))) });
  return {
    title: `20 tasks of file/copy/template/systemd on ${targets.length} hosts, nothing to change`,
    baseline: 'ferry',
    methods,
    prepare: async () => {
      await exec(ferry);
      if (ansibleAvailable()) await exec(ansiblePlaybook(ansible, ansibleBook));
    },
    cleanup: () => closeAnsibleMasters(ansible),
  };
}
