// Who holds the migration lock: written into the lock key, read back to name the holder, and
// judged stale when that holder was a process on this very machine that no longer runs.
import { readFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';

/** The lock key's value. */
export interface LockHolder {
  pid: number;
  host: string;
  user: string;
  /** The holder's start time in clock ticks since boot (/proc/PID/stat field 22): a reused pid differs. */
  pidStart: string | null;
  since: string;
  what: string;
}

/** A process's start time from /proc (null where there is no /proc or no such process). */
export function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** This process as a lock holder. */
export function thisHolder(what: string): LockHolder {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // no passwd entry
  }
  return { pid: process.pid, host: hostname(), user, pidStart: processStart(process.pid), since: new Date().toISOString(), what };
}

/** Parses a lock value; an unreadable one is still shown as it is. */
export function parseHolder(value: string): LockHolder | string {
  try {
    const h = JSON.parse(value) as LockHolder;
    return typeof h.pid === 'number' && typeof h.host === 'string' ? h : value;
  } catch {
    return value;
  }
}

/** `ferry pid 1234 on ops1 (user alice) since 2026-...: migrate-etcd.yml`. */
export function describeHolder(h: LockHolder | string): string {
  return typeof h === 'string' ? JSON.stringify(h) : `ferry pid ${h.pid} on ${h.host} (user ${h.user}) since ${h.since}: ${h.what}`;
}

/** True when the holder ran on this machine and that process is gone (or its pid now belongs to another process). */
export function holderGone(h: LockHolder | string, here = hostname(), startOf: (pid: number) => string | null = processStart): boolean {
  if (typeof h === 'string' || h.host !== here) return false;
  const start = startOf(h.pid);
  return start === null || (h.pidStart !== null && start !== h.pidStart);
}
