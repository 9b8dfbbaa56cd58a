// The unprivileged `ops` user: in the host's passwd, shadow, group and sudoers.d, with the lab key.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPS_USER } from '../config.js';
import { must } from '../exec.js';
import { putDir, putFile } from './files.js';

/** How `ops` may use sudo on a host. */
export type SudoMode = 'nopasswd' | 'password';

/** The sudoers.d line for `ops` in the given mode. */
export function sudoersLine(mode: SudoMode): string {
  return `${OPS_USER} ALL=(ALL:ALL) ${mode === 'nopasswd' ? 'NOPASSWD: ' : ''}ALL\n`;
}

/** Adds `ops` (password set on every host, so the account is not locked) with the lab key and its sudo rule. */
export async function addOpsUser(merged: string, publicKey: string, password: string, sudo: SudoMode): Promise<void> {
  await must('chroot', [merged, 'useradd', '--create-home', '--shell', '/bin/bash', '--user-group', OPS_USER]);
  await must('chroot', [merged, 'chpasswd'], { input: `${OPS_USER}:${password}\n` });
  const entry = readFileSync(join(merged, 'etc/passwd'), 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${OPS_USER}:`));
  const [uid, gid] = (entry ?? '').split(':').slice(2, 4).map(Number);
  const owner = { uid, gid };
  putDir(merged, `home/${OPS_USER}/.ssh`, 0o700, owner);
  putFile(merged, `home/${OPS_USER}/.ssh/authorized_keys`, publicKey, 0o600, owner);
  putFile(merged, `etc/sudoers.d/${OPS_USER}`, sudoersLine(sudo), 0o440);
}
