// A realistic playbook (template + copy + file + systemd, with a handler) run twice on 6 real hosts:
// the first run changes every host, the second changes none. In-process through runPlaybook.
import assert from 'node:assert/strict';
import { loadInventory } from '../../runner/load/inventory.js';
import { loadPlaybook } from '../../runner/load/playbook.js';
import { runPlaybook } from '../../runner/execute/engine.js';
import type { FerryEvent } from '../../runner/report/events.js';
import { sshRun, useLab } from '../helpers/lab.js';
import { labInventory, workspace, type Workspace } from '../helpers/lab-workspace.js';

describe('runner on real hosts: a playbook run twice', function () {
  this.timeout(60_000);
  const lab = useLab({ hosts: 6 });
  let ws: Workspace;
  let unit: string;
  let root: string;

  before(() => {
    ws = workspace('it-twice');
    unit = `ferry-it-app-${ws.tag}`;
    root = `/opt/ferry-it-${ws.tag}`;
    ws.write('inventory.yaml', labInventory(lab, lab.hosts.map((h) => h.name), { app_port: 18500 + (parseInt(ws.tag, 16) % 400) }));
    ws.write('templates/app.env.hbs', 'APP_NAME={{inventory_hostname}}\nAPP_PORT={{app_port}}\nPEERS={{join groups.targets ","}}\n');
    ws.write('templates/app.service.hbs', `[Unit]\nDescription=ferry test app on {{inventory_hostname}}\n\n[Service]\nType=simple\nEnvironmentFile=${root}/etc/app.env\nExecStart=/usr/bin/python3 -m http.server \${APP_PORT} --bind 127.0.0.1 --directory ${root}/www\n\n[Install]\nWantedBy=multi-user.target\n`);
    ws.write('site.yaml', `
- name: deploy the test app
  hosts: targets
  gather_facts: false
  tasks:
    - name: folders
      file: { path: "${root}/{{item}}", state: directory, mode: "0755" }
      loop: [etc, www]
    - name: env file
      template: { src: app.env.hbs, dest: ${root}/etc/app.env, mode: "0640" }
      notify: restart app
    - name: index page
      copy: { dest: ${root}/www/index.html, content: "hello\\n", mode: "0644", owner: ops }
    - name: current link
      file: { path: ${root}/current, state: link, src: ${root}/www }
    - name: unit
      template: { src: app.service.hbs, dest: /etc/systemd/system/${unit}.service }
      notify: restart app
    - name: service
      systemd: { name: ${unit}, daemon_reload: true, enabled: true, state: started }
    - name: port open
      wait_for: { port: "{{app_port}}", timeout: 10 }
  handlers:
    - name: restart app
      systemd: { name: ${unit}, state: restarted }
`);
  });
  after(async () => {
    if (lab.hosts) {
      await Promise.all(lab.hosts.map((h) =>
        sshRun(h, `systemctl disable --now ${unit} >/dev/null 2>&1; rm -rf /etc/systemd/system/${unit}.service ${root}; systemctl daemon-reload; systemctl reset-failed ${unit} >/dev/null 2>&1; true`)));
    }
    ws?.remove();
  });

  const run = async () => {
    const events: FerryEvent[] = [];
    const inventory = loadInventory(`${ws.dir}/inventory.yaml`);
    const playbook = loadPlaybook(`${ws.dir}/site.yaml`, { inventory, extraVars: {} });
    const recap = await runPlaybook(playbook, inventory, {}, (e) => events.push(e));
    return { recap, events };
  };

  it('changes every host the first time, and nothing the second time', async () => {
    const first = await run();
    assert.ok(first.recap.ok, JSON.stringify(first.events.filter((e) => e.kind === 'host_result' && e.status === 'failed')));
    for (const h of lab.hosts) assert.ok(first.recap.hosts[h.name].changed >= 7, `${h.name}: ${JSON.stringify(first.recap.hosts[h.name])}`);
    const checks = await Promise.all(lab.hosts.map((h) => sshRun(h, `systemctl is-enabled ${unit}; systemctl is-active ${unit}; cat ${root}/etc/app.env | head -1; readlink ${root}/current`)));
    checks.forEach((c, i) => assert.equal(c.stdout, `enabled\nactive\nAPP_NAME=${lab.hosts[i].name}\n${root}/www\n`, lab.hosts[i].name));

    const second = await run();
    assert.ok(second.recap.ok);
    for (const h of lab.hosts) {
      const counts = second.recap.hosts[h.name];
      const changed = second.events.filter((e) => e.kind === 'host_result' && e.host === h.name && e.status === 'changed').map((e) => (e.kind === 'host_result' ? e.task : ''));
      assert.equal(counts.changed, 0, `${h.name} changed on the second run: ${changed.join(', ')}`);
      assert.equal(counts.ok, 7, `${h.name}: ${JSON.stringify(counts)}`);
    }
    assert.ok(!second.events.some((e) => e.kind === 'handler_start'), 'a handler ran on the second run');
  });
});
