// reboot and wait_for_connection on a real lab host. reboot really reboots it (systemd inside the
// container; the lab's "power supply" below boots it again when its nspawn exits, as a machine's
// firmware would); wait_for_connection follows a host power-cycled mid-play or powered off at the
// start. A host that never comes back fails the task after its timeout, named, and nothing after runs.
import assert from 'node:assert/strict';
import { describeRun, ferryCli, hostResults } from '../helpers/ferry-cli.js';
import { faults } from '../helpers/faults.js';
import { sshRun, useLab, type LabHost } from '../helpers/lab.js';
import { labInventory, workspace, type Workspace } from '../helpers/lab-workspace.js';

describe('reboot and wait_for_connection on a host that is down or rebooted', function () {
  this.timeout(240_000);
  const lab = useLab({ hosts: 6 });
  let ws: Workspace;
  let host: LabHost;
  let inv: string;
  const marker = '/run/ferry-wfc-before-reboot';

  before(() => {
    ws = workspace('it-wfc');
    host = lab.hosts[5]!;
    inv = ws.write('inventory.yaml', labInventory(lab, [host.name]));
  });
  after(async () => {
    if (host && !(await faults.powered(host.name))) await faults.powerOn(host.name);
    ws?.remove();
  });

  /** Polls `cond` every 200 ms for up to `ms`. */
  const until = async (what: string, cond: () => Promise<boolean>, ms = 60_000) => {
    const end = Date.now() + ms;
    while (!(await cond().catch(() => false))) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  it('a host power-cycled between tasks: the cached connection is dropped, the play waits and goes on after the reboot', async () => {
    const book = ws.write('reboot.yaml', `
- hosts: targets
  gather_facts: false
  tasks:
    - name: boot id before
      command: cat /proc/sys/kernel/random/boot_id
      register: before
    - name: mark
      command: touch ${marker}
    - name: the reboot happens here
      pause: { seconds: 6 }
    - name: wait for it
      wait_for_connection: { timeout: 120, sleep: 0.5 }
    - name: boot id after
      command: cat /proc/sys/kernel/random/boot_id
      register: after
    - name: it really rebooted
      assert:
        that: "ne before.stdout after.stdout"
`);
    const run = ferryCli(['play', book, '-i', inv, '--json'], { cwd: ws.dir, timeoutMs: 200_000 });
    // /run is a tmpfs: the marker is gone after the reboot, so this waits for the first boot's mark.
    await until('the mark before the reboot', async () => (await sshRun(host, `test -e ${marker} && echo yes`)).stdout.trim() === 'yes');
    await faults.reboot(host.name);
    const r = await run;
    assert.equal(r.code, 0, describeRun(r));
    const results = hostResults(r).get(host.name) ?? [];
    assert.deepEqual(results.map((x) => [x.task, x.status]), [
      ['boot id before', 'changed'], ['mark', 'changed'], ['the reboot happens here', 'ok'], ['wait for it', 'ok'], ['boot id after', 'changed'], ['it really rebooted', 'ok'],
    ], describeRun(r));
  });

  it('a host powered off when the play starts and powered on later: the first task waits for it', async () => {
    await faults.powerOff(host.name);
    const book = ws.write('boot.yaml', `
- hosts: targets
  gather_facts: false
  tasks:
    - wait_for_connection: { timeout: 120, sleep: 0.5 }
    - command: "true"
`);
    const run = ferryCli(['play', book, '-i', inv], { cwd: ws.dir, timeoutMs: 200_000 });
    await new Promise((r) => setTimeout(r, 3000));
    await faults.powerOn(host.name);
    const r = await run;
    assert.equal(r.code, 0, describeRun(r));
    const waited = new RegExp(`ok: \\[${host.name}\\] wait_for_connection \\(([\\d.]+) s\\)`).exec(r.stdout);
    assert.ok(waited && Number(waited[1]) >= 2.5, `the first task did not wait for the power-on at 3 s:\n${r.stdout}`);
    assert.match(r.stdout, new RegExp(`changed: \\[${host.name}\\] command`));
  });

  it('a host that stays off: the task fails after its timeout, naming the host, and nothing after it runs', async () => {
    await faults.powerOff(host.name);
    const book = ws.write('never.yaml', `
- hosts: targets
  gather_facts: false
  tasks:
    - wait_for_connection: { timeout: 3, sleep: 0.5, connect_timeout: 1 }
    - name: after
      command: "true"
`);
    const t0 = Date.now();
    const r = await ferryCli(['play', book, '-i', inv, '--json'], { cwd: ws.dir, timeoutMs: 60_000 });
    const took = Date.now() - t0;
    assert.notEqual(r.code, 0, describeRun(r));
    const results = hostResults(r).get(host.name) ?? [];
    assert.equal(results.length, 1, describeRun(r));
    assert.equal(results[0]!.status, 'failed');
    assert.match(String(results[0]!.result.msg), new RegExp(`timed out waiting for connection to ${host.name} after 3 s`));
    assert.ok(took < 20_000, `took ${took} ms`);
    await faults.powerOn(host.name);
  });

  /** Boots the host again whenever its container exits (a reboot from inside ends nspawn), until stopped. */
  const powerSupply = () => {
    let on = true;
    let boots = 0;
    const loop = (async () => {
      while (on) {
        if (!(await faults.powered(host.name))) {
          await faults.powerOff(host.name); // clears what the exited container left
          await faults.powerOn(host.name);
          boots++;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    return { stop: async () => { on = false; await loop; return boots; } };
  };
  const bootId = async () => (await sshRun(host, 'cat /proc/sys/kernel/random/boot_id')).stdout.trim();

  it('reboot: check mode leaves the host up; a real reboot gives a new boot id and the play goes on after it', async () => {
    const book = ws.write('reboot-module.yaml', `
- hosts: targets
  gather_facts: false
  tasks:
    - name: reboot it
      reboot: { reboot_timeout: 120 }
      register: r
    - name: after
      command: cat /proc/sys/kernel/random/boot_id
      register: after
    - name: it says so
      assert: { that: "r.rebooted" }
      when: not ansible_check_mode
`);
    const first = await bootId();
    const checked = await ferryCli(['play', book, '-i', inv, '--json', '--check'], { cwd: ws.dir, timeoutMs: 60_000 });
    assert.equal(checked.code, 0, describeRun(checked));
    assert.equal(hostResults(checked).get(host.name)?.[0]?.status, 'changed', describeRun(checked));
    assert.equal(await bootId(), first, 'check mode rebooted the host');
    const supply = powerSupply();
    const r = await ferryCli(['play', book, '-i', inv, '--json'], { cwd: ws.dir, timeoutMs: 200_000 });
    const boots = await supply.stop();
    assert.equal(r.code, 0, describeRun(r));
    assert.equal(boots, 1, 'the host did not go down exactly once');
    const second = await bootId();
    assert.notEqual(second, first);
    const results = hostResults(r).get(host.name) ?? [];
    assert.deepEqual(results.map((x) => [x.task, x.status]), [['reboot it', 'changed'], ['after', 'changed'], ['it says so', 'ok']], describeRun(r));
    assert.equal(String(results[1]!.result.stdout).trim(), second);
  });

  it('reboot: a host that does not come back fails the task after reboot_timeout, naming it', async () => {
    const book = ws.write('reboot-lost.yaml', `
- hosts: targets
  gather_facts: false
  tasks:
    - reboot: { reboot_timeout: 4, connect_timeout: 1 }
    - name: after
      command: "true"
`);
    const t0 = Date.now();
    const r = await ferryCli(['play', book, '-i', inv, '--json'], { cwd: ws.dir, timeoutMs: 60_000 });
    const took = Date.now() - t0;
    await until('the container to exit', async () => !(await faults.powered(host.name)));
    await faults.powerOff(host.name);
    await faults.powerOn(host.name);
    assert.notEqual(r.code, 0, describeRun(r));
    const results = hostResults(r).get(host.name) ?? [];
    assert.equal(results.length, 1, describeRun(r));
    assert.match(String(results[0]!.result.msg), new RegExp(`${host.name}: reboot: timed out after 4 s`));
    assert.ok(took < 30_000, `took ${took} ms`);
  });
});
