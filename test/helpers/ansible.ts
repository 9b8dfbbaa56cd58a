// Runs Ansible (the oracle, Debian's ansible-core) on the same files ferry reads.
//
//   const r = ansiblePlaybook(['--list-tasks', 'site.yml', '-i', 'localhost,']);
//   r.code, r.stdout;
import { spawnSync } from 'node:child_process';

/** What one ansible-playbook run gave back. */
export interface AnsibleRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `ansible-playbook ...args` (no colour, no retry files). */
export function ansiblePlaybook(args: string[], cwd?: string): AnsibleRun {
  const r = spawnSync('ansible-playbook', args, {
    cwd,
    encoding: 'utf8',
    timeout: 400_000,
    env: { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_RETRY_FILES_ENABLED: '0', ANSIBLE_LOCALHOST_WARNING: '0', ANSIBLE_INVENTORY_UNPARSED_WARNING: '0' },
  });
  if (r.error) throw new Error(`ansible-playbook could not run (apt-get install ansible-core): ${r.error.message}`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
