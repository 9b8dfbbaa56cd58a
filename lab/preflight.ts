// Can this machine run the lab? Root, the needed commands (installed with one apt-get if missing).
import { existsSync } from 'node:fs';
import { FerryError } from '../runner/errors.js';
import { must, run } from './exec.js';

/** The Debian packages the lab needs (sudo: `ops` gets sudo rules on the hosts). */
export const PACKAGES = ['systemd-container', 'etcd-server', 'etcd-client', 'openssh-server', 'iproute2', 'sudo'];

/** Files that show the packages are installed. */
export const REQUIRED = ['/usr/bin/systemd-nspawn', '/usr/bin/etcd', '/usr/bin/etcdctl', '/usr/sbin/sshd', '/usr/bin/ssh', '/usr/bin/ssh-keygen', '/usr/sbin/ip', '/usr/bin/sudo'];

/** Why the lab cannot run here, or null when it can (possibly after installing packages). */
export function labUnsupportedReason(): string | null {
  if (process.platform !== 'linux') return `the lab needs Linux (this is ${process.platform})`;
  if (process.getuid?.() !== 0) return 'the lab needs root (network namespaces, overlay mounts, systemd-nspawn)';
  if (!existsSync('/usr/bin/apt-get') && !existsSync('/usr/bin/systemd-nspawn')) {
    return 'systemd-nspawn is missing and there is no apt-get to install it';
  }
  return null;
}

/** The required files that are missing. */
export function missingCommands(): string[] {
  return REQUIRED.filter((f) => !existsSync(f));
}

/** Installs the lab's packages if any command is missing (apt-get update first if the install fails). */
export async function ensurePackages(say: (line: string) => void = () => undefined): Promise<void> {
  const missing = missingCommands();
  if (missing.length === 0) return;
  say(`missing ${missing.join(', ')}: apt-get install -y ${PACKAGES.join(' ')}`);
  const env = ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', ...PACKAGES];
  const first = await run(env[0], env.slice(1), { timeoutMs: 600_000 });
  if (first.code !== 0) {
    await must('env', ['DEBIAN_FRONTEND=noninteractive', 'apt-get', 'update'], { timeoutMs: 600_000 });
    await must(env[0], env.slice(1), { timeoutMs: 600_000 });
  }
  const still = missingCommands();
  if (still.length > 0) throw new FerryError(`lab: still missing after apt-get install: ${still.join(', ')}`);
}

/** Raises inotify limits: every host's systemd, journald and logind take instances (128 stops ~20 hosts). */
export async function raiseInotifyLimits(): Promise<void> {
  await must('sysctl', ['-q', '-w', 'fs.inotify.max_user_instances=8192', 'fs.inotify.max_user_watches=1048576']);
}
