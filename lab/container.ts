// Starts a host's systemd-nspawn detached, and stops recorded ones: SIGTERM, wait, then SIGKILL.
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { sleep } from './exec.js';
import type { HostPlan } from './plan.js';
import { alive, isOurNspawn, parentPid, pidsInNetns } from './procs.js';
import type { StateStore } from './state-file.js';

/** systemd-nspawn arguments that boot the host's root in its namespace. */
export function nspawnArgs(h: HostPlan): string[] {
  return [
    '-D', h.merged,
    '--boot',
    '--register=no',
    '--keep-unit',
    `--network-namespace-path=/run/netns/${h.netns}`,
    '-M', h.name,
    '--console=read-only',
    // "auto" would link the journal into the control machine's /var/log/journal.
    '--link-journal=no',
  ];
}

/** `sh` joins the host's cgroups, then execs nspawn (same pid), so nspawn never runs in a shared cgroup. */
export function launchCommand(h: HostPlan, cgroups: string[]): [string, string[]] {
  const join = cgroups.map((c) => `echo $$ > '${c}/cgroup.procs' && `).join('');
  return ['sh', ['-c', `${join}exec systemd-nspawn "$@"`, 'sh', ...nspawnArgs(h)]];
}

/** Boots the host in its own session and cgroups (stdio to its console log) and records its pid at once. */
export function startContainer(store: StateStore, h: HostPlan, cgroups: string[]): number {
  const log = openSync(h.log, 'a');
  const [cmd, args] = launchCommand(h, cgroups);
  const child = spawn(cmd, args, { detached: true, stdio: ['ignore', log, log] });
  closeSync(log);
  if (child.pid === undefined) throw new Error(`lab: could not start systemd-nspawn for ${h.name}`);
  store.record({ kind: 'process', pid: child.pid, host: h.name, merged: h.merged });
  child.on('error', () => undefined);
  child.unref();
  return child.pid;
}

/** Finds the nspawn of a container whose pid was never recorded, through its namespace. */
export async function findNspawn(netns: string, merged: string): Promise<number[]> {
  const found = new Set<number>();
  for (const pid of await pidsInNetns(netns)) {
    const parent = parentPid(pid);
    if (parent && isOurNspawn(parent, merged)) found.add(parent);
  }
  return [...found];
}

/** Stops one recorded container: SIGTERM (clean poweroff), poll until gone, SIGKILL after `graceMs`. */
export async function stopContainer(pid: number, merged: string, graceMs = 30_000): Promise<'gone' | 'stopped' | 'killed'> {
  if (!alive(pid) || !isOurNspawn(pid, merged)) return 'gone';
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!alive(pid)) return 'stopped';
    await sleep(100);
  }
  if (alive(pid)) process.kill(pid, 'SIGKILL');
  while (alive(pid)) await sleep(50);
  return 'killed';
}

/** SIGKILLs whatever still runs in a lab namespace (a container whose nspawn was killed). */
export async function killNetnsProcesses(netns: string): Promise<number> {
  return killAll(await pidsInNetns(netns));
}

/** SIGKILLs `pids` (processes in the lab's own namespaces or cgroups) and waits for them to go. */
export async function killAll(pids: number[]): Promise<number> {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  for (const pid of pids) while (alive(pid)) await sleep(50);
  return pids.length;
}
