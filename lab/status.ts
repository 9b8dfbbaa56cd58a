// `lab status`: each recorded host, its IP, its nspawn pid and whether it answers SSH.
import { alive } from './procs.js';
import { ssh } from './ssh.js';
import type { LabState } from './state.js';

/** One host's status line. */
export interface HostStatus {
  name: string;
  ip: string;
  pid: number | null;
  running: boolean;
  /** What `systemctl is-system-running` answered over SSH, or why SSH failed. */
  ssh: string;
}

/** Probes every recorded host in parallel. */
export async function labStatus(state: LabState): Promise<HostStatus[]> {
  return Promise.all(
    state.hosts.map(async (h) => {
      const pid = h.pid ?? null;
      const running = pid !== null && alive(pid);
      let answer = 'not probed (no container)';
      if (running && state.privateKey && state.knownHosts) {
        const r = await ssh({ ip: h.ip, privateKey: state.privateKey, knownHosts: state.knownHosts }, 'systemctl is-system-running', { timeoutMs: 10_000 });
        answer = r.code === 255 ? `no SSH: ${r.stderr.trim().split('\n').pop()}` : `ssh ok, systemd ${r.stdout.trim()}`;
      }
      return { name: h.name, ip: h.ip, pid, running, ssh: answer };
    }),
  );
}

/** The status as aligned text lines. */
export function formatStatus(rows: HostStatus[]): string {
  const w = Math.max(4, ...rows.map((r) => r.name.length));
  const head = `${'HOST'.padEnd(w)}  ${'IP'.padEnd(13)}  ${'PID'.padEnd(8)}  SSH`;
  const lines = rows.map((r) => `${r.name.padEnd(w)}  ${r.ip.padEnd(13)}  ${String(r.pid ?? '-').padEnd(8)}  ${r.running ? r.ssh : 'container not running'}`);
  return [head, ...lines].join('\n');
}
