// become through sudo on real hosts, logged in as `ops`: passwordless sudo, and the one host whose
// sudo asks for a password, given through --become-password-env. The password never shows.
import assert from 'node:assert/strict';
import { describeRun, ferryCli, hostResults, recapOf, type CliRun } from '../helpers/ferry-cli.js';
import { sshRun, useLab } from '../helpers/lab.js';
import { labInventory, workspace, type Workspace } from '../helpers/lab-workspace.js';

describe('runner on real hosts: become as ops through sudo', function () {
  this.timeout(60_000);
  const lab = useLab({ hosts: 6 });
  let ws: Workspace;
  let inv: string;
  let names: string[];
  let marker: string;
  let book: string;
  const PW_ENV = 'FERRY_IT_BECOME_PW';

  before(() => {
    ws = workspace('it-become');
    // Two passwordless hosts and the password host.
    names = [...lab.hosts.filter((h) => h.name !== lab.passwordHost).slice(0, 2).map((h) => h.name), lab.passwordHost];
    inv = ws.write('inventory.yaml', labInventory(lab, names, { ssh_user: 'ops', become: true }));
    marker = `/root/ferry-it-become-${ws.tag}`;
    book = ws.write('become.yaml', `
- hosts: targets
  gather_facts: false
  tasks:
    - name: whoami
      command: id -u
    - name: root-only file
      copy: { dest: ${marker}, content: "made by {{inventory_hostname}}\\n", mode: "0600" }
    - name: as ops again
      command: id -un
      become: false
`);
  });
  after(async () => {
    if (names) await Promise.all(names.map((n) => sshRun(n, `rm -f ${marker}`)));
    ws?.remove();
  });

  const withPassword = (...flags: string[]): Promise<CliRun> =>
    ferryCli(['play', book, '-i', inv, '--become-password-env', PW_ENV, ...flags], { cwd: ws.dir, env: { [PW_ENV]: lab.opsPassword } });

  it('every host runs the task as root (id -u → 0), the password host through the given password', async () => {
    assert.ok(lab.passwordHost && lab.opsPassword, 'the lab has a password host');
    const r = await withPassword('--json');
    assert.equal(r.code, 0, describeRun(r));
    for (const n of names) {
      assert.equal(String(hostResults(r, 'whoami').get(n)![0].result.stdout).trim(), '0', n);
      assert.equal(String(hostResults(r, 'as ops again').get(n)![0].result.stdout).trim(), 'ops', n);
      const onHost = await sshRun(n, `stat -c '%U %a' ${marker} && cat ${marker}`);
      assert.equal(onHost.stdout, `root 600\nmade by ${n}\n`, n);
    }
    assert.deepEqual(Object.keys(recapOf(r)).sort(), [...names].sort());
  });

  it('the password appears in no output: plain, -v, -vvv, --json, --json -v', async () => {
    for (const flags of [[], ['-v'], ['-vvv'], ['--json'], ['--json', '-v']]) {
      const r = await withPassword(...flags);
      assert.equal(r.code, 0, describeRun(r));
      assert.ok(r.stdout.length > 100, `output for ${flags.join(' ')}`);
      assert.ok(!r.stdout.includes(lab.opsPassword), `stdout with ${flags.join(' ') || 'no flags'} shows the password`);
      assert.ok(!r.stderr.includes(lab.opsPassword), `stderr with ${flags.join(' ') || 'no flags'} shows the password`);
    }
  });

  it('without a password, only the password host fails, saying sudo needs one; the others run as root', async () => {
    const r = await ferryCli(['play', book, '-i', inv, '--json'], { cwd: ws.dir });
    assert.equal(r.code, 1, describeRun(r));
    const failed = hostResults(r, 'whoami').get(lab.passwordHost)![0];
    assert.equal(failed.status, 'failed');
    assert.match(String(failed.result.msg), new RegExp(`${lab.passwordHost}: become to user root needs a sudo password`));
    for (const n of names.filter((x) => x !== lab.passwordHost)) assert.equal(String(hostResults(r, 'whoami').get(n)![0].result.stdout).trim(), '0', n);
  });

  it('a wrong password is refused clearly and is not echoed either', async () => {
    const wrong = `not-${lab.opsPassword}`;
    const r = await ferryCli(['adhoc', lab.passwordHost, '-i', inv, '-b', '-a', 'id -u', '--become-password-env', PW_ENV, '--json', '-v'], { env: { [PW_ENV]: wrong } });
    assert.equal(r.code, 1, describeRun(r));
    assert.match(String(hostResults(r).get(lab.passwordHost)![0].result.msg), /sudo refused the become password for user root/);
    assert.ok(!(r.stdout + r.stderr).includes(wrong));
  });
});
