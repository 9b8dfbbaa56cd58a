// Runs one of Ansible's own modules directly (Debian's ansible-core, /usr/bin/python3 -m
// ansible.modules.NAME ARGS.json), as the oracle for a ferry module: a second per call instead
// of a whole ansible-playbook run.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What the Ansible module printed: its JSON result (changed, failed, msg, diff...). */
export type AnsibleModuleResult = Record<string, unknown> & { changed?: boolean; failed?: boolean; msg?: string };

/** Runs Ansible's module `name` on this machine with `args`, in check and/or diff mode. */
export function runAnsibleModule(name: string, args: Record<string, unknown>, opts: { check?: boolean; diff?: boolean } = {}): Promise<AnsibleModuleResult> {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-ansible-module-'));
  const file = join(dir, 'args.json');
  writeFileSync(file, JSON.stringify({ ANSIBLE_MODULE_ARGS: { ...args, _ansible_check_mode: !!opts.check, _ansible_diff: !!opts.diff } }));
  const child = spawn('/usr/bin/python3', ['-m', `ansible.modules.${name}`, file], { stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (b: Buffer) => out.push(b));
  child.stderr.on('data', (b: Buffer) => err.push(b));
  return new Promise((resolve, reject) => {
    child.on('error', (e) => reject(new Error(`Ansible's ${name} module could not run (apt-get install ansible-core): ${e.message}`)));
    child.on('close', () => {
      rmSync(dir, { recursive: true, force: true });
      const text = Buffer.concat(out).toString('utf8');
      try {
        resolve(JSON.parse(text.slice(text.indexOf('{'))) as AnsibleModuleResult);
      } catch {
        reject(new Error(`Ansible's ${name} module printed no JSON:\n${text}\n${Buffer.concat(err).toString('utf8')}`));
      }
    });
  });
}

/** Runs `jobs` with at most `limit` at once (each Ansible module is its own Python process). */
export async function inBatches<T>(jobs: Array<() => Promise<T>>, limit = 4): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]!();
    }
  }));
  return results;
}
