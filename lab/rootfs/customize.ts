// Makes an overlay root into a distinct lab host: identity, SSH access, profile, etcd layout, units.
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, symlinkSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { must } from '../exec.js';
import type { HostPlan } from '../plan.js';
import { addOpsUser, type SudoMode } from './accounts.js';
import { putDir, putFile } from './files.js';
import { maskUnits } from './units.js';

/** What a host needs to know about the lab while its root is prepared. */
export interface HostSetup {
  publicKey: string;
  opsPassword: string;
  sudo: SudoMode;
  /** Every lab host, for /etc/hosts. */
  peers: { name: string; ip: string }[];
}

const PROFILE = '# ferry lab host: a plain profile (no pyenv, no per-command cost).\n';

/** Prepares the root at `h.merged`; returns the host's new ed25519 public host key line. */
export async function customizeRoot(h: HostPlan, setup: HostSetup): Promise<string> {
  const root = h.merged;
  putFile(root, 'etc/hostname', `${h.name}\n`);
  putFile(root, 'etc/machine-id', `${randomBytes(16).toString('hex')}\n`, 0o444);
  const hosts = setup.peers.map((p) => `${p.ip}\t${p.name}`).join('\n');
  putFile(root, 'etc/hosts', `127.0.0.1\tlocalhost\n127.0.1.1\t${h.name}\n::1\tlocalhost ip6-localhost ip6-loopback\n${hosts}\n`);

  putDir(root, 'root', 0o700);
  putDir(root, 'root/.ssh', 0o700);
  putFile(root, 'root/.ssh/authorized_keys', setup.publicKey, 0o600);
  putFile(root, 'root/.bashrc', PROFILE);
  putFile(root, 'root/.profile', PROFILE);

  const hostKey = await freshHostKey(root, h.name);
  maskUnits(root);
  // Bounds poweroff: a root user manager (started by SSH logins) once hung in its stop job for the
  // full 90 s default (seen while containers shared a cgroup; kept as a bound).
  putFile(root, 'etc/systemd/system/user@.service.d/ferry-lab.conf', '[Service]\nTimeoutStopSec=5s\n');
  rmSync(join(root, 'usr/local/sbin/etcd3'), { force: true });
  symlinkSync('/usr/bin/etcd', join(root, 'usr/local/sbin/etcd3'));
  for (const entry of readdirSync(join(root, 'var/lib'))) {
    if (entry.startsWith('etcd')) rmSync(join(root, 'var/lib', entry), { recursive: true, force: true });
  }
  await addOpsUser(root, setup.publicKey, setup.opsPassword, setup.sudo);
  return hostKey;
}

/** Replaces the machine's copied host keys with one new ed25519 key, the only one sshd offers. */
async function freshHostKey(root: string, name: string): Promise<string> {
  const sshDir = join(root, 'etc/ssh');
  for (const f of readdirSync(sshDir)) {
    if (f.startsWith('ssh_host_')) rmSync(join(sshDir, f), { force: true });
  }
  const key = join(sshDir, 'ssh_host_ed25519_key');
  await must('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `root@${name}`, '-f', key]);
  putFile(root, 'etc/ssh/sshd_config.d/ferry-lab.conf', 'HostKey /etc/ssh/ssh_host_ed25519_key\nUseDNS no\n');
  return readFileSync(`${key}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ');
}
