// Facts about local processes from /proc, so the lab signals only the containers it started.
import { readFileSync } from 'node:fs';
import { run } from './exec.js';

/** A process's command line as arguments, or null when it is gone. */
export function cmdline(pid: number): string[] | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return null;
  }
}

/** Whether `pid` is still running (a zombie counts as exited). */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** The parent pid of `pid`, or null when it is gone. */
export function parentPid(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/** Whether `pid` is the systemd-nspawn that runs the container rooted at `merged`. */
export function isOurNspawn(pid: number, merged: string): boolean {
  const args = cmdline(pid);
  if (!args || !args[0]?.endsWith('systemd-nspawn')) return false;
  return args.includes(merged) || args.includes(`--directory=${merged}`);
}

/** Pids of processes inside a network namespace (the container's own processes). */
export async function pidsInNetns(netns: string): Promise<number[]> {
  const r = await run('ip', ['netns', 'pids', netns]);
  if (r.code !== 0) return [];
  return r.stdout.split('\n').filter(Boolean).map(Number).filter((n) => n > 1);
}
