// 20 tasks of `command: true` on every lab host: the ferry bin against Ansible, Mitogen and OpenSSH.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ansibleAvailable, ansiblePlaybook, closeAnsibleMasters, writeAnsibleSetup } from '../anchors/ansible.js';
import { controlMasterLoop } from '../anchors/openssh.js';
import type { Case, Method } from '../lib/case.js';
import { exec, timed } from '../lib/exec.js';
import { ferryBin } from '../lib/ferry.js';
import { type Target, writeFerryInventory } from '../lib/targets.js';

/** The case, writing its playbooks into `dir`. */
export function commandsCase(targets: Target[], dir: string, tasks = 20): Case {
  const list = Array.from({ length: tasks }, (_, i) => `    - name: true ${i + 1}\n      command: "true"\n`).join('');
  const book = join(dir, 'commands.yml');
  writeFileSync(book, `- hosts: bench\n  gather_facts: false\n  tasks:\n${list}`);
  const inv = writeFerryInventory(join(dir, 'inventory.yml'), targets);
  const ansible = writeAnsibleSetup(join(dir, 'ansible'), targets, targets.length);
  const methods: Method[] = [
    { name: 'ferry', run: () => timed(() => exec(ferryBin(['play', book, '-i', inv]))) },
    { name: 'OpenSSH ControlMaster loop', run: (() => { const loop = controlMasterLoop(targets, tasks, dir); return () => timed(loop); })() },
  ];
  if (ansibleAvailable()) methods.push({ name: 'Ansible', run: () => timed(() => exec(ansiblePlaybook(ansible, book))) });
  if (ansibleAvailable(true)) methods.push({ name: 'Ansible + Mitogen', run: () => timed(() => exec(ansiblePlaybook(ansible, book, true))) });
  return { title: `${tasks} × command: true on ${targets.length} hosts`, baseline: 'ferry', methods, cleanup: () => closeAnsibleMasters(ansible) };
}
