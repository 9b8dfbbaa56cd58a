// Runs a command inside a lab host without logging in (nsenter into its init's namespaces), for
// tests that must watch or change a host while an SSH login there would disturb it: a PAM session
// stack that sleeps, a user manager that is stopping.
import { readFileSync } from 'node:fs';
import { FerryError } from '../runner/errors.js';
import { run, type CommandResult } from './exec.js';
import type { HostRecord } from './state.js';

/** The host's init (systemd, PID 1 inside): the only child of its recorded nspawn process. */
export function hostInitPid(host: HostRecord): number {
  if (!host.pid) throw new FerryError(`lab: host ${host.name} has no recorded nspawn pid`);
  const children = readFileSync(`/proc/${host.pid}/task/${host.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
  if (children.length !== 1) throw new FerryError(`lab: nspawn ${host.pid} of ${host.name} has ${children.length} children, expected its init`);
  return Number(children[0]);
}

/** Runs `command` with `sh -c` in the host's mount, UTS, IPC, network and PID namespaces, as root. */
export function hostShell(host: HostRecord, command: string, timeoutMs = 30_000): Promise<CommandResult> {
  const pid = String(hostInitPid(host));
  return run('nsenter', ['--target', pid, '--mount', '--uts', '--ipc', '--net', '--pid', '--', 'sh', '-c', command], { timeoutMs });
}
