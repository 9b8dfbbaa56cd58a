// Core modules on real lab hosts, through the CLI: what lands on the host, and what the user sees.
import assert from 'node:assert/strict';
import { describeRun, ferryCli, hostResults, recapOf, type CliRun } from '../helpers/ferry-cli.js';
import { sshRun, useLab, type LabHost } from '../helpers/lab.js';
import { labInventory, workspace, type Workspace } from '../helpers/lab-workspace.js';

describe('runner on real hosts: core modules', function () {
  this.timeout(60_000);
  const lab = useLab({ hosts: 6 });
  let ws: Workspace;
  let inv: string;
  let hosts: LabHost[];
  let root: string;
  const cleanups: string[] = [];

  before(() => {
    ws = workspace('it-modules');
    hosts = lab.hosts.slice(0, 3);
    inv = ws.write('inventory.yaml', labInventory(lab, hosts.map((h) => h.name), { motd: 'hello from ferry' }));
    root = `/tmp/ferry-it-${ws.tag}`;
    cleanups.push(`rm -rf ${root}`);
  });
  after(async () => {
    if (hosts) await Promise.all(hosts.map((h) => sshRun(h, cleanups.join('; '))));
    ws?.remove();
  });

  const play = (file: string, ...flags: string[]): Promise<CliRun> => ferryCli(['play', file, '-i', inv, '--json', ...flags], { cwd: ws.dir });
  const onAll = (cmd: string) => Promise.all(hosts.map(async (h) => ({ host: h.name, ...(await sshRun(h, cmd)) })));
  const assertCounts = (r: CliRun, changed: number, ok = changed) => {
    assert.equal(r.code, 0, describeRun(r));
    const recap = recapOf(r);
    for (const h of hosts) assert.deepEqual([recap[h.name].changed, recap[h.name].ok, recap[h.name].failed], [changed, ok, 0], `${h.name}: ${describeRun(r)}`);
  };

  it('copy and template: contents, mode and owner on each host; a second run changes nothing', async () => {
    ws.write('templates/motd.hbs', '{{motd}} on {{inventory_hostname}}\nport={{default port 2379}}\n');
    const book = ws.write('files.yaml', `
- hosts: targets
  gather_facts: false
  tasks:
    - name: dir
      file: { path: ${root}, state: directory, mode: "0755" }
    - name: copy content
      copy: { dest: ${root}/plain.txt, content: "one\\ntwo\\n", mode: "0640", owner: ops, group: ops }
    - name: render motd
      template: { src: motd.hbs, dest: ${root}/motd, mode: "0600" }
`);
    const first = await play(book);
    assertCounts(first, 3);
    for (const r of await onAll(`stat -c '%a %U %G' ${root}/plain.txt ${root}/motd; cat ${root}/plain.txt ${root}/motd`)) {
      assert.equal(r.stdout, `640 ops ops\n600 root root\none\ntwo\nhello from ferry on ${r.host}\nport=2379\n`, r.host);
    }
    const second = await play(book);
    assertCounts(second, 0, 3);
    for (const [host, results] of hostResults(second)) for (const res of results) assert.equal(res.status, 'ok', `${host} ${res.task}`);
  });

  it('copy corrects a mode and owner changed behind its back, without resending unchanged content', async () => {
    await onAll(`chmod 0666 ${root}/plain.txt && chown root:root ${root}/plain.txt`);
    const book = ws.write('copy-fix.yaml', `
- hosts: targets
  gather_facts: false
  tasks:
    - name: copy content
      copy: { dest: ${root}/plain.txt, content: "one\\ntwo\\n", mode: "0640", owner: ops, group: ops }
`);
    assertCounts(await play(book), 1);
    for (const r of await onAll(`stat -c '%a %U %G' ${root}/plain.txt`)) assert.equal(r.stdout.trim(), '640 ops ops', r.host);
  });

  it('file: directory, touch, link and absent, with modes; a second run of the stable states changes nothing', async () => {
    const book = ws.write('file.yaml', `
- hosts: targets
  gather_facts: false
  tasks:
    - name: directory
      file: { path: ${root}/d/sub, state: directory, mode: "0750" }
    - name: touch
      file: { path: ${root}/d/sub/t, state: touch, mode: "0604" }
    - name: link
      file: { path: ${root}/d/link, state: link, src: ${root}/d/sub/t }
    - name: doomed
      file: { path: ${root}/d/gone, state: directory }
    - name: absent
      file: { path: ${root}/d/gone, state: absent }
`);
    assertCounts(await play(book), 5);
    for (const r of await onAll(`stat -c '%a %F' ${root}/d/sub ${root}/d/sub/t; readlink ${root}/d/link; test -e ${root}/d/gone && echo present || echo gone`)) {
      assert.equal(r.stdout, `750 directory\n604 regular empty file\n${root}/d/sub/t\ngone\n`, r.host);
    }
    const stable = ws.write('file-stable.yaml', `
- hosts: targets
  gather_facts: false
  tasks:
    - name: directory
      file: { path: ${root}/d/sub, state: directory, mode: "0750" }
    - name: link
      file: { path: ${root}/d/link, state: link, src: ${root}/d/sub/t }
    - name: absent
      file: { path: ${root}/d/gone, state: absent }
`);
    assertCounts(await play(stable), 0, 3);
  });

  describe('systemd and wait_for with a real unit', () => {
    let unit: string;
    let port: number;
    before(() => {
      unit = `ferry-it-${ws.tag}`;
      port = 18000 + (parseInt(ws.tag, 16) % 1000);
      cleanups.unshift(`systemctl disable --now ${unit} >/dev/null 2>&1; rm -f /etc/systemd/system/${unit}.service; systemctl daemon-reload; systemctl reset-failed ${unit} >/dev/null 2>&1`);
      ws.write('templates/unit.hbs', unitText('ferry integration test server'));
    });
    const unitText = (description: string) =>
      `[Unit]\nDescription=${description}\n\n[Service]\nType=simple\nExecStart=/usr/bin/python3 -m http.server {{port}} --bind 127.0.0.1 --directory ${root}\n\n[Install]\nWantedBy=multi-user.target\n`;
    const unitPlay = (state: string, enabled: boolean, waitState: string) => ws.write(`unit-${state}.yaml`, `
- hosts: targets
  gather_facts: false
  vars: { port: ${port} }
  tasks:
    - name: unit file
      template: { src: unit.hbs, dest: /etc/systemd/system/${unit}.service, mode: "0644" }
    - name: service
      systemd: { name: ${unit}, daemon_reload: true, enabled: ${enabled}, state: ${state} }
    - name: port
      wait_for: { port: "{{port}}", state: ${waitState}, timeout: 10 }
`);
    const systemdSays = async () =>
      (await onAll(`systemctl is-enabled ${unit}; systemctl is-active ${unit}; systemctl show -p NeedDaemonReload --value ${unit}`)).map((r) => ({ host: r.host, says: r.stdout.trim().split('\n') }));

    it('installs, reloads, enables and starts the unit; the port opens; a second run changes nothing', async () => {
      const first = await play(unitPlay('started', true, 'started'));
      assertCounts(first, 2, 3);
      for (const r of await systemdSays()) assert.deepEqual(r.says, ['enabled', 'active', 'no'], r.host);
      for (const r of await onAll(`curl -fsS -o /dev/null -w '%{http_code}' http://127.0.0.1:${port}/ || python3 -c "import urllib.request as u; print(u.urlopen('http://127.0.0.1:${port}/').status)"`)) {
        assert.match(r.stdout, /200/, r.host);
      }
      assertCounts(await play(unitPlay('started', true, 'started')), 0, 3);
    });

    it('reloads systemd for a unit file edited while it runs, without restarting it', async () => {
      const pids = async () => (await onAll(`systemctl show -p MainPID --value ${unit}`)).map((r) => r.stdout.trim());
      const before = await pids();
      ws.write('templates/unit.hbs', unitText('ferry integration test server, edited'));
      assertCounts(await play(unitPlay('started', true, 'started')), 2, 3);
      for (const r of await onAll(`systemctl show -p Description --value ${unit}; systemctl show -p NeedDaemonReload --value ${unit}`)) {
        assert.equal(r.stdout, 'ferry integration test server, edited\nno\n', r.host);
      }
      assert.deepEqual(await pids(), before);
      assert.ok(before.every((p) => Number(p) > 0), `main pids: ${before.join(' ')}`);
    });

    it('stops and disables it; the port closes; a second run changes nothing', async () => {
      assertCounts(await play(unitPlay('stopped', false, 'stopped')), 1, 3);
      for (const r of await systemdSays()) assert.deepEqual(r.says, ['disabled', 'inactive', 'no'], r.host);
      assertCounts(await play(unitPlay('stopped', false, 'stopped')), 0, 3);
    });

    it('wait_for on a port nobody opens fails clearly after its timeout', async () => {
      const book = ws.write('wait-timeout.yaml', `
- hosts: targets
  gather_facts: false
  tasks:
    - name: never opens
      wait_for: { port: ${port}, timeout: 1 }
`);
      const started = Date.now();
      const r = await play(book);
      assert.equal(r.code, 1, describeRun(r));
      assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
      for (const h of hosts) {
        const res = hostResults(r, 'never opens').get(h.name)![0];
        assert.equal(res.status, 'failed');
        assert.match(String(res.result.msg), new RegExp(`${h.name}: timeout after 1 s waiting for port ${port} on 127.0.0.1 to be started`));
      }
    });
  });

  it('--check changes nothing on the host but reports what would change', async () => {
    const fresh = `${root}/check`;
    ws.write('templates/check.hbs', 'checked {{inventory_hostname}}\n');
    const book = ws.write('check.yaml', `
- hosts: targets
  gather_facts: false
  tasks:
    - name: dir
      file: { path: ${fresh}, state: directory }
    - name: copy
      copy: { dest: ${fresh}/c, content: "x\\n" }
    - name: template
      template: { src: check.hbs, dest: ${fresh}/t }
    - name: overwrite
      copy: { dest: ${root}/plain.txt, content: "changed\\n" }
    - name: remove
      file: { path: ${root}/motd, state: absent }
`);
    const r = await play(book, '--check');
    assertCounts(r, 5);
    for (const x of await onAll(`test -e ${fresh} && echo present || echo absent; cat ${root}/plain.txt; test -e ${root}/motd && echo motd`)) {
      assert.equal(x.stdout, 'absent\none\ntwo\nmotd\n', x.host);
    }
  });

  it('--diff shows a unified diff of a template change', async () => {
    const book = ws.write('diff.yaml', `
- hosts: targets
  gather_facts: false
  tasks:
    - name: render motd
      template: { src: motd.hbs, dest: ${root}/motd, mode: "0600" }
`);
    const r = await ferryCli(['play', book, '-i', inv, '--diff', '-e', 'motd=goodbye', '-e', 'port=2380'], { cwd: ws.dir });
    assert.equal(r.code, 0, describeRun(r));
    for (const h of hosts) {
      assert.match(r.stdout, new RegExp(`^\\s*--- .*${root}/motd`, 'm'));
      assert.match(r.stdout, new RegExp(`^\\s*-hello from ferry on ${h.name}$`, 'm'));
      assert.match(r.stdout, new RegExp(`^\\s*\\+goodbye on ${h.name}$`, 'm'));
    }
    assert.match(r.stdout, /^\s*-port=2379$/m);
    assert.match(r.stdout, /^\s*\+port=2380$/m);
    assert.match(r.stdout, /^\s*@@ -1,2 \+1,2 @@/m);
    for (const x of await onAll(`cat ${root}/motd`)) assert.equal(x.stdout, `goodbye on ${x.host}\nport=2380\n`);
  });
});
