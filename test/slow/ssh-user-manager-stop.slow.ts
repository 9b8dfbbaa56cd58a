// Long (about 1.5 min), so not in the default suite: `npm run test:slow-login`.
// A login that lands while systemd is stopping root's user manager (user@0.service) waits until the
// stop ends; sshd answers nothing meanwhile. Here the stop takes 60 s (ExecStopPost sleeps), longer than the old keepalive allowed; ferry waits it out, says so, and ends ok.
import assert from 'node:assert/strict';
import { hostShell } from '../../lab/host-shell.js';
import { loadState } from '../../lab/state-file.js';
import { describeRun, ferryCli } from '../helpers/ferry-cli.js';
import { sshRun, useLab } from '../helpers/lab.js';
import { labInventory, workspace, type Workspace } from '../helpers/lab-workspace.js';

// A drop-in on the system's user@0.service: its stop ends only after ExecStopPost's 60 s.
const DROPIN = '/etc/systemd/system/user@0.service.d/ferry-slow-stop.conf';

async function inHost(labDir: string, name: string, command: string): Promise<string> {
  const host = loadState(labDir)?.hosts.find((h) => h.name === name);
  if (!host) throw new Error(`lab: no host ${name}`);
  const r = await hostShell(host, command);
  if (r.code !== 0) throw new Error(`${name}: \`${command}\` exited ${r.code}: ${r.stderr}`);
  return r.stdout.trim();
}

describe('ssh: a login while the user manager is stopping', function () {
  this.timeout(300_000);
  const lab = useLab({ hosts: 6 });
  let ws: Workspace;
  before(() => (ws = workspace('it-user-stop')));
  after(() => ws?.remove());

  it('waits for user@0.service to finish stopping, shows the wait, and ends ok', async () => {
    const target = lab.hosts[2].name;
    const inv = ws.write('inv.yaml', labInventory(lab, [target]));
    await inHost(lab.dir, target, `mkdir -p $(dirname ${DROPIN}) && printf '[Service]\\nExecStopPost=/bin/sleep 60\\nTimeoutStopSec=120\\n' > ${DROPIN} && systemctl daemon-reload`);
    try {
      // A login starts the user manager (and the unit); logging out schedules its stop 10 s later.
      const state = () => inHost(lab.dir, target, 'systemctl is-active user@0.service || true');
      for (let i = 0; (await state()) === 'deactivating'; i++) {
        assert.ok(i < 1500, 'user@0.service still stopping after 5 min');
        await new Promise((r) => setTimeout(r, 200));
      }
      const login = await sshRun(target, 'systemctl is-active user@0.service', { timeoutMs: 150_000 });
      assert.equal(login.stdout.trim(), 'active', login.stderr);
      const deadline = Date.now() + 60_000;
      while ((await state()) !== 'deactivating') {
        assert.ok(Date.now() < deadline, 'user@0.service never started stopping');
        await new Promise((r) => setTimeout(r, 200));
      }
      const r = await ferryCli(['adhoc', target, '-i', inv, '-a', 'cat /etc/hostname'], { timeoutMs: 200_000 });
      assert.equal(r.code, 0, describeRun(r));
      assert.match(r.stdout, new RegExp(`^${target} : ok=1 .*unreachable=0 +failed=0`, 'm'));
      const waits = [...r.stdout.matchAll(/logged in, waiting (\d+) s for the host to start the session/g)].map((m) => Number(m[1]));
      assert.ok(waits.length > 0 && waits.at(-1)! >= 35, `waits shown: ${waits.join(', ')}\n${describeRun(r)}`);
    } finally {
      // Without the drop-in, the next stop is quick again.
      await inHost(lab.dir, target, `rm -f ${DROPIN}; systemctl daemon-reload; true`);
    }
  });
});
