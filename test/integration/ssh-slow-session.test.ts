// A slow login is not an unreachable host: a real sshd whose PAM session stack sleeps 45 s (far longer
// than the keepalives allow) answers nothing meanwhile; ferry waits, says so, and ends ok.
import assert from 'node:assert/strict';
import { hostShell } from '../../lab/host-shell.js';
import { loadState } from '../../lab/state-file.js';
import { describeRun, ferryCli } from '../helpers/ferry-cli.js';
import { useLab } from '../helpers/lab.js';
import { labInventory, workspace, type Workspace } from '../helpers/lab-workspace.js';

/** Runs a command inside a lab host without logging in (a login would itself wait for PAM). */
export async function inHost(labDir: string, name: string, command: string): Promise<string> {
  const host = loadState(labDir)?.hosts.find((h) => h.name === name);
  if (!host) throw new Error(`lab: no host ${name}`);
  const r = await hostShell(host, command);
  if (r.code !== 0) throw new Error(`${name}: \`${command}\` exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}

describe('ssh: a slow session start on a real host', function () {
  this.timeout(240_000);
  const lab = useLab({ hosts: 6 });
  let ws: Workspace;
  before(() => (ws = workspace('it-slow-session')));
  after(() => ws?.remove());

  it('PAM session stack sleeping 45 s: the task ends ok, not unreachable, and the wait is shown as it happens', async () => {
    const target = lab.hosts[1].name;
    // Keepalives of 3 s × 2: were they running before the session started, they would give up after ~6 s.
    const inv = ws.write('inv.yaml', labInventory(lab, [target], { ssh_server_alive_interval: 3, ssh_server_alive_count_max: 2 }));
    await inHost(lab.dir, target, "cp /etc/pam.d/sshd /etc/pam.d/sshd.ferry-orig && echo 'session required pam_exec.so /bin/sleep 45' >> /etc/pam.d/sshd");
    try {
      const r = await ferryCli(['adhoc', target, '-i', inv, '-a', 'cat /etc/hostname'], { timeoutMs: 170_000 });
      assert.equal(r.code, 0, describeRun(r));
      assert.match(r.stdout, new RegExp(`^${target} : ok=1 .*unreachable=0 +failed=0`, 'm'));
      assert.match(r.stdout, new RegExp(`\\[${target}\\] ${target}$`, 'm'));
      // Shown while it happens: a first notice after 5 s, then every 10 s, with the time waited so far.
      const waits = [...r.stdout.matchAll(new RegExp(`\\[${target}\\] ${target}: logged in, waiting (\\d+) s for the host to start the session`, 'g'))].map((m) => Number(m[1]));
      assert.ok(waits.length >= 4 && waits[0]! <= 6 && waits.at(-1)! >= 35, `waits shown: ${waits.join(', ')}\n${describeRun(r)}`);
      assert.ok(r.durationMs >= 45_000, `took ${r.durationMs} ms: the PAM sleep did not happen`);
    } finally {
      await inHost(lab.dir, target, 'mv /etc/pam.d/sshd.ferry-orig /etc/pam.d/sshd');
    }
  });

  it('a session that does not start within --session-timeout: that host is unreachable, saying so; the command sent meanwhile never ran; the others are ok', async () => {
    const [target, other] = [lab.hosts[2].name, lab.hosts[3].name];
    const inv = ws.write('inv-timeout.yaml', labInventory(lab, [target, other]));
    const marker = `/tmp/ferry-session-timeout-${process.pid}`;
    // Sleeps when the session opens only (pam_exec would also sleep when it closes).
    await inHost(lab.dir, target, `rm -f ${marker}; cp /etc/pam.d/sshd /etc/pam.d/sshd.ferry-orig && echo 'session required pam_exec.so type=open_session /bin/sleep 45' >> /etc/pam.d/sshd`);
    try {
      const r = await ferryCli(['adhoc', 'all', '-i', inv, '--session-timeout', '4', '-a', `touch ${marker}`], { timeoutMs: 120_000 });
      assert.equal(r.code, 1, describeRun(r));
      assert.match(r.stdout, new RegExp(`^${target} : ok=0 .*unreachable=1 `, 'm'), describeRun(r));
      assert.match(r.stdout, new RegExp(`^${other} : ok=1 .*unreachable=0 +failed=0`, 'm'), describeRun(r));
      assert.match(r.stdout + r.stderr, new RegExp(`${target}.*accepted the connection but did not start a session within 4 s`), describeRun(r));
      assert.ok(r.durationMs < 40_000, `took ${r.durationMs} ms: it waited for the session instead of giving up after 4 s`);
      // The command that went out right after the login never starts on the host, not even once the
      // PAM sleep is over (polled until the sleep and sshd's processes for that login are gone).
      const deadline = Date.now() + 70_000;
      while ((await inHost(lab.dir, target, "ps -eo args= | grep -cE '^(/bin/sleep 45|sshd: root)' || true")).trim() !== '0') {
        assert.ok(Date.now() < deadline, 'the PAM sleep did not end');
        await new Promise((res) => setTimeout(res, 500));
      }
      assert.equal((await inHost(lab.dir, target, `test -e ${marker} && echo ran || echo never`)).trim(), 'never');
    } finally {
      await inHost(lab.dir, target, `mv /etc/pam.d/sshd.ferry-orig /etc/pam.d/sshd; rm -f ${marker}`);
    }
  });
});
