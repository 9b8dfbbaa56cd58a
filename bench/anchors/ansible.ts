// Ansible as operators tune it (pipelining, ControlPersist, facts off), and the same with Mitogen.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exec, type Program } from '../lib/exec.js';
import type { Target } from '../lib/targets.js';

/** Debian's ansible-mitogen strategy plugins. */
const MITOGEN_STRATEGIES = '/usr/lib/python3/dist-packages/ansible_mitogen/plugins/strategy';

/** An ansible.cfg and INI inventory (group `bench`) written for a set of targets. */
export interface AnsibleSetup {
  dir: string;
  config: string;
  inventory: string;
}

/** True when ansible-playbook (and, for `mitogen`, Debian's ansible-mitogen) is installed. */
export function ansibleAvailable(mitogen = false): boolean {
  return existsSync('/usr/bin/ansible-playbook') && (!mitogen || existsSync(MITOGEN_STRATEGIES));
}

/** Writes the config and inventory into `dir`; `persist` false turns ControlMaster off (cold runs). */
export function writeAnsibleSetup(dir: string, targets: Target[], forks: number, persist = true): AnsibleSetup {
  mkdirSync(join(dir, 'cp'), { recursive: true });
  const t0 = targets[0];
  const common = `-F /dev/null -o IdentitiesOnly=yes -o UserKnownHostsFile=${t0.knownHosts} -o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=yes`;
  const lines = targets.map((t) => `${t.name} ansible_host=${t.ip} ansible_port=${t.port} ansible_user=${t.user} ansible_ssh_private_key_file=${t.privateKey}`);
  const inventory = join(dir, 'inventory.ini');
  writeFileSync(inventory, `[bench]\n${lines.join('\n')}\n\n[bench:vars]\nansible_python_interpreter=/usr/bin/python3\nansible_ssh_common_args=${common}\n`);
  const config = join(dir, 'ansible.cfg');
  writeFileSync(config, [
    '[defaults]',
    `forks = ${forks}`,
    'gathering = explicit',
    'host_key_checking = True',
    'interpreter_python = /usr/bin/python3',
    'retry_files_enabled = False',
    '[ssh_connection]',
    'pipelining = True',
    persist ? 'ssh_args = -o ControlMaster=auto -o ControlPersist=120s' : 'ssh_args = -o ControlMaster=no',
    `control_path_dir = ${join(dir, 'cp')}`,
    '',
  ].join('\n'));
  return { dir, config, inventory };
}

/** The environment that selects this setup's config, and Mitogen's linear strategy when asked. */
function env(s: AnsibleSetup, mitogen: boolean): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, ANSIBLE_CONFIG: s.config, ANSIBLE_NOCOLOR: '1' };
  if (mitogen) Object.assign(e, { ANSIBLE_STRATEGY_PLUGINS: MITOGEN_STRATEGIES, ANSIBLE_STRATEGY: 'mitogen_linear' });
  return e;
}

/** `ansible-playbook -i INV PLAYBOOK`. */
export function ansiblePlaybook(s: AnsibleSetup, playbook: string, mitogen = false): Program {
  return { cmd: 'ansible-playbook', args: ['-i', s.inventory, playbook], env: env(s, mitogen), cwd: s.dir };
}

/** `ansible bench -m MODULE -a ARGS`. */
export function ansibleAdhoc(s: AnsibleSetup, module: string, args: string, mitogen = false): Program {
  return { cmd: 'ansible', args: ['-i', s.inventory, 'bench', '-m', module, '-a', args], env: env(s, mitogen), cwd: s.dir };
}

/** Ends the ControlPersist masters a setup left (Ansible names its sockets by hash, so by listing them). */
export async function closeAnsibleMasters(s: AnsibleSetup): Promise<void> {
  const cp = join(s.dir, 'cp');
  const sockets = existsSync(cp) ? readdirSync(cp) : [];
  await Promise.all(sockets.map((f) => exec({ cmd: 'ssh', args: ['-o', `ControlPath=${join(cp, f)}`, '-O', 'exit', 'x'] }).catch(() => undefined)));
}
