// Cold commands: start-up, validation, and one ad-hoc command on every host from nothing.
import { join } from 'node:path';
import { ansibleAdhoc, ansibleAvailable, writeAnsibleSetup } from '../anchors/ansible.js';
import { onePerHost } from '../anchors/openssh.js';
import type { Case, Method } from '../lib/case.js';
import { exec, timed } from '../lib/exec.js';
import { ferryBin, ROOT } from '../lib/ferry.js';
import { type Target, writeFerryInventory } from '../lib/targets.js';

/** `ferry --version` and `ferry validate playbooks/migrate-etcd.yml` against a bare `node -e 0`. */
export function startupCase(): Case {
  const node = { cmd: process.execPath, args: ['-e', '0'] };
  const validate = ferryBin(['validate', join(ROOT, 'playbooks', 'migrate-etcd.yml'), '-i', join(ROOT, 'inventory.example.yaml')]);
  return {
    title: 'start-up (no host contacted)',
    baseline: 'node -e 0',
    methods: [
      { name: 'node -e 0', run: () => timed(() => exec(node)) },
      { name: 'ferry --version', run: () => timed(() => exec(ferryBin(['--version']))) },
      { name: 'ferry validate playbooks/migrate-etcd.yml', run: () => timed(() => exec(validate)) },
    ],
  };
}

/** A cold `ferry adhoc bench -a true` against `ansible bench -a true` and one ssh process per host. */
export function adhocCase(targets: Target[], dir: string): Case {
  const inv = writeFerryInventory(join(dir, 'inventory.yml'), targets);
  const ssh = onePerHost(targets, dir);
  const methods: Method[] = [
    { name: 'ferry', run: () => timed(() => exec(ferryBin(['adhoc', 'bench', '-i', inv, '-a', 'true']))) },
    { name: 'OpenSSH, one process per host', run: () => timed(() => exec(ssh)) },
  ];
  // No ControlMaster: every run is as cold as ferry's and the ssh loop's.
  const cold = () => writeAnsibleSetup(join(dir, 'ansible-cold'), targets, targets.length, false);
  if (ansibleAvailable()) methods.push({ name: 'Ansible', run: () => timed(() => exec(ansibleAdhoc(cold(), 'command', 'true'))) });
  if (ansibleAvailable(true)) methods.push({ name: 'Ansible + Mitogen', run: () => timed(() => exec(ansibleAdhoc(cold(), 'command', 'true', true))) });
  return { title: `cold ad-hoc \`true\` on ${targets.length} hosts`, baseline: 'ferry', methods };
}
