// Runs a command on a lab host with the OpenSSH client, the lab key and strict host-key checking.
import { run, type CommandResult } from './exec.js';

/** How to reach a lab host. */
export interface SshTarget {
  ip: string;
  user?: string;
  privateKey: string;
  knownHosts: string;
}

/** OpenSSH arguments for a target: no user config, batch mode, only the lab's known_hosts. */
export function sshArgs(t: SshTarget, connectTimeoutS = 5): string[] {
  return [
    '-F', '/dev/null',
    '-i', t.privateKey,
    '-o', 'IdentitiesOnly=yes',
    '-o', 'BatchMode=yes',
    '-o', `UserKnownHostsFile=${t.knownHosts}`,
    '-o', 'GlobalKnownHostsFile=/dev/null',
    '-o', 'StrictHostKeyChecking=yes',
    '-o', `ConnectTimeout=${connectTimeoutS}`,
    '-o', 'LogLevel=ERROR',
    '-l', t.user ?? 'root',
  ];
}

/** Runs `command` (a shell line) on the host; exit 255 means ssh itself failed. */
export function ssh(t: SshTarget, command: string, options: { input?: string; timeoutMs?: number } = {}): Promise<CommandResult> {
  return run('ssh', [...sshArgs(t), t.ip, command], { timeoutMs: options.timeoutMs ?? 60_000, input: options.input });
}
