// Readiness: `systemctl is-system-running --wait` answered over SSH with the lab key and strict host keys.
import { sleep } from './exec.js';
import { ssh, type SshTarget } from './ssh.js';

/** How a host came up. */
export interface Readiness {
  name: string;
  /** `running`, `degraded`, or what else systemd answered. */
  state: string;
  /** Units systemd reports failed (when degraded). */
  failed: string[];
  seconds: number;
}

/** Waits for one host to answer; ssh failures (sshd not yet listening) are retried until `deadline`. */
export async function waitReady(name: string, t: SshTarget, started: number, deadline: number): Promise<Readiness> {
  let last = '';
  while (Date.now() < deadline) {
    const r = await ssh(t, 'systemctl is-system-running --wait', { timeoutMs: Math.max(1000, deadline - Date.now()) });
    const state = r.stdout.trim();
    if (r.code !== 255 && state) {
      const failed = state === 'running' ? [] : await failedUnits(t);
      return { name, state, failed, seconds: (Date.now() - started) / 1000 };
    }
    last = r.stderr.trim();
    await sleep(200);
  }
  return { name, state: `not answering over SSH (${last || 'timeout'})`, failed: [], seconds: (Date.now() - started) / 1000 };
}

/** The names of failed units on a host. */
export async function failedUnits(t: SshTarget): Promise<string[]> {
  const r = await ssh(t, 'systemctl list-units --failed --plain --no-legend');
  return r.stdout.split('\n').map((l) => l.trim().split(/\s+/)[0]).filter(Boolean);
}
