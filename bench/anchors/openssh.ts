// Plain OpenSSH: what an operator's own loop costs (ControlMaster, hosts in parallel).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exec, type Program } from '../lib/exec.js';
import type { Target } from '../lib/targets.js';

/** ssh options: no user config, batch mode, strict host keys against the target's known_hosts. */
export function sshOptions(t: Target): string[] {
  return ['-F', '/dev/null', '-i', t.privateKey, '-o', 'IdentitiesOnly=yes', '-o', 'BatchMode=yes',
    '-o', `UserKnownHostsFile=${t.knownHosts}`, '-o', 'GlobalKnownHostsFile=/dev/null', '-o', 'StrictHostKeyChecking=yes',
    '-o', 'LogLevel=ERROR', '-p', String(t.port), '-l', t.user];
}

/** `tasks` sequential `ssh host true` per host over one ControlMaster, hosts in parallel; closes its masters. */
export function controlMasterLoop(targets: Target[], tasks: number, workDir: string): () => Promise<void> {
  let round = 0;
  return async () => {
    round++;
    await Promise.all(targets.map(async (t) => {
      const path = join(workDir, `cm-${t.name}-${round}`);
      const args = [...sshOptions(t), '-o', 'ControlMaster=auto', '-o', `ControlPath=${path}`, '-o', 'ControlPersist=30', t.ip, 'true'];
      try {
        for (let i = 0; i < tasks; i++) await exec({ cmd: 'ssh', args });
      } finally {
        await exec({ cmd: 'ssh', args: ['-o', `ControlPath=${path}`, '-O', 'exit', t.ip] }).catch(() => undefined);
      }
    }));
  };
}

/** One `ssh host true` process per host, all at once, as one program (for CPU and RSS under GNU time). */
export function onePerHost(targets: Target[], workDir: string): Program {
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const lines = targets.map((t) => `ssh ${[...sshOptions(t), t.ip, 'true'].map(quote).join(' ')} &`);
  const script = join(workDir, 'one-per-host.sh');
  writeFileSync(script, `fail=0\n${lines.join('\n')}\nfor j in $(jobs -p); do wait "$j" || fail=1; done\nexit $fail\n`);
  return { cmd: 'bash', args: [script] };
}
