// Many sshd ports on 127.0.0.1: a cheap stand-in for hundreds of hosts (one user with a plain shell,
// UsePAM no). Each sshd process listens on up to PORTS_PER_SSHD ports; every PID is recorded and
// only those are stopped.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { exec } from '../lib/exec.js';
import type { Target } from '../lib/targets.js';

/** The unprivileged login every fleet sshd accepts (not root: its profile is heavy here). */
export const FLEET_USER = 'ferrybench';
/** OpenSSH accepts at most 16 listen sockets per process (MAX_LISTEN_SOCKS). */
const PORTS_PER_SSHD = 16;

/** A running fleet: its targets and how to stop it. */
export interface Fleet {
  targets: Target[];
  stop: () => Promise<void>;
}

/** Creates the fleet user with a plain shell and no profile, once; `*` (no password, not `!`) so that sshd without PAM does not see a locked account. */
async function ensureUser(): Promise<void> {
  const known = await exec({ cmd: 'id', args: ['-u', FLEET_USER] }).then(() => true, () => false);
  if (!known) await exec({ cmd: 'useradd', args: ['--create-home', '--shell', '/bin/sh', FLEET_USER] });
  await exec({ cmd: 'usermod', args: ['-p', '*', FLEET_USER] });
}

/** Resolves once something accepts TCP connections on the port (polls; gives up after `ms`). */
async function listening(port: number, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const ok = await new Promise<boolean>((res) => {
      const s = connect({ host: '127.0.0.1', port }, () => { s.destroy(); res(true); });
      s.on('error', () => res(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`sshd fleet: nothing listens on 127.0.0.1:${port} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts `count` ports from `basePort` with keys and known_hosts in `dir`. */
export async function startFleet(dir: string, count: number, basePort: number): Promise<Fleet> {
  await ensureUser();
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 }); // sshd's privilege separation dir
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  chmodSync(dir, 0o755);
  const hostKey = join(dir, 'host_ed25519');
  const clientKey = join(dir, 'client_ed25519');
  for (const k of [hostKey, clientKey]) if (!existsSync(k)) await exec({ cmd: 'ssh-keygen', args: ['-q', '-t', 'ed25519', '-N', '', '-f', k] });
  const authorized = join(dir, 'authorized_keys');
  writeFileSync(authorized, readFileSync(`${clientKey}.pub`), { mode: 0o644 });
  const hostPub = readFileSync(`${hostKey}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ');
  const ports = Array.from({ length: count }, (_, i) => basePort + i);
  const knownHosts = join(dir, 'known_hosts');
  writeFileSync(knownHosts, ports.map((p) => `[127.0.0.1]:${p} ${hostPub}\n`).join(''));
  const children: ChildProcess[] = [];
  let errors = '';
  for (let i = 0; i < ports.length; i += PORTS_PER_SSHD) {
    const chunk = ports.slice(i, i + PORTS_PER_SSHD);
    const config = join(dir, `sshd-${i}.conf`);
    writeFileSync(config, [
      ...chunk.map((p) => `ListenAddress 127.0.0.1:${p}`),
      `HostKey ${hostKey}`,
      `AuthorizedKeysFile ${authorized}`,
      `AllowUsers ${FLEET_USER}`,
      'UsePAM no', 'StrictModes no', 'PasswordAuthentication no', 'KbdInteractiveAuthentication no',
      'PermitRootLogin no', 'MaxStartups 4000:30:8000', 'MaxSessions 10', 'LogLevel ERROR',
      `PidFile ${join(dir, `sshd-${i}.pid`)}`, '',
    ].join('\n'));
    const child = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    // Keep what explains a port that never listens; the readiness probe's own connects make sshd log
    // "kex_exchange_identification: Connection closed by remote host", which would crowd it out.
    child.stderr!.on('data', (b: Buffer) => {
      const lines = String(b).split('\n').filter((l) => l.trim() && !l.includes('kex_exchange_identification'));
      if (lines.length) errors = `${errors}${lines.join('\n')}\n`.slice(-2000);
    });
    children.push(child);
  }
  const stop = async (): Promise<void> => {
    await Promise.all(children.map((c) => new Promise<void>((res) => {
      if (c.exitCode !== null || c.signalCode !== null) return res();
      c.once('exit', () => res());
      c.kill('SIGTERM');
    })));
  };
  try {
    for (const p of ports) await listening(p, 10_000);
  } catch (e) {
    await stop();
    throw new Error(`${e instanceof Error ? e.message : String(e)}${errors ? `; sshd said: ${errors.trim()}` : ''}`);
  }
  const targets = ports.map((port, i) => ({ name: `h${i + 1}`, ip: '127.0.0.1', port, user: FLEET_USER, privateKey: clientKey, knownHosts }));
  return { targets, stop };
}
