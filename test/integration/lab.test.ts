// The lab's own checks against its real hosts: access, identity, etcd layout, sudo, network, host keys.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { run } from '../../lab/exec.js';
import { sshArgs } from '../../lab/ssh.js';
import { resetEtcd, sshRun, useLab, writeInventory } from '../helpers/lab.js';

describe('lab: real hosts', function () {
  this.timeout(60_000);
  const lab = useLab({ hosts: 6 });
  const all = async (cmd: string, user?: string) => Promise.all(lab.hosts.map((h) => sshRun(h, cmd, { user })));

  it('boots 6 hosts and writes an inventory with etcd_old, etcd_new and lab groups', () => {
    assert.equal(lab.hosts.length, 6);
    const inv = parse(readFileSync(lab.inventory, 'utf8'));
    assert.deepEqual(Object.keys(inv.all.children.etcd_old.hosts), ['host1', 'host2', 'host3']);
    assert.deepEqual(Object.keys(inv.all.children.etcd_new.hosts), ['host4', 'host5', 'host6']);
    assert.equal(Object.keys(inv.all.children.lab.hosts).length, 6);
    assert.equal(inv.all.vars.etcd_client_port, 2379);
    assert.equal(inv.all.children.lab.hosts.host1.ssh_host, lab.hosts[0].ip);
  });

  it('every host answers SSH as root with strict host keys, and systemd is running', async () => {
    const results = await all('systemctl is-system-running');
    results.forEach((r, i) => assert.equal(r.stdout.trim(), 'running', `${lab.hosts[i].name}: ${r.stdout}${r.stderr}`));
  });

  it('hostnames and machine-ids are distinct, and hostnames match the inventory', async () => {
    const results = await all('hostname; cat /etc/machine-id');
    const names = results.map((r) => r.stdout.split('\n')[0]);
    const ids = results.map((r) => r.stdout.split('\n')[1]);
    assert.deepEqual(names, lab.hosts.map((h) => h.name));
    assert.equal(new Set(ids).size, ids.length);
    const own = readFileSync('/etc/machine-id', 'utf8').trim();
    assert.ok(!ids.includes(own), 'a host shares the control machine\'s machine-id');
  });

  it('etcd is at /usr/local/sbin/etcd3, etcd.service is masked, and no etcd data is present', async () => {
    const results = await all('/usr/local/sbin/etcd3 --version | head -1; systemctl is-enabled etcd.service; ls -d /var/lib/etcd* 2>/dev/null | wc -l; systemctl is-active etcd.service');
    for (const [i, r] of results.entries()) {
      const [version, enabled, dataDirs, active] = r.stdout.trim().split('\n');
      assert.match(version, /^etcd Version: 3\.4\./, lab.hosts[i].name);
      assert.equal(enabled, 'masked');
      assert.equal(dataDirs, '0');
      assert.equal(active, 'inactive');
    }
  });

  it('root\'s shell profile is plain: a command costs well under a second', async () => {
    const started = Date.now();
    const r = await sshRun(lab.hosts[0], 'echo $PYENV_ROOT; true');
    assert.equal(r.stdout.trim(), '');
    assert.ok(Date.now() - started < 900, `took ${Date.now() - started} ms`);
  });

  it('ops has passwordless sudo except on the password host', async () => {
    const results = await all('sudo -n true && echo yes || echo no', 'ops');
    results.forEach((r, i) => {
      const expected = lab.hosts[i].name === lab.passwordHost ? 'no' : 'yes';
      assert.equal(r.stdout.trim(), expected, `${lab.hosts[i].name}: ${r.stderr}`);
    });
  });

  it('ops sudo works with the password on the password host, and not with a wrong one', async () => {
    const host = lab.passwordHost;
    const ok = await sshRun(host, "sudo -S -p '' id -u", { user: 'ops', input: `${lab.opsPassword}\n` });
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(ok.stdout.trim(), '0');
    const wrong = await sshRun(host, "sudo -S -p '' true", { user: 'ops', input: 'not-the-password\n' });
    assert.notEqual(wrong.code, 0);
  });

  it('hosts reach each other on the lab addresses (port 22)', async () => {
    const [a, b] = [lab.hosts[0], lab.hosts[5]];
    const r = await sshRun(a, `timeout 3 bash -c '</dev/tcp/${b.ip}/22' && echo open`);
    assert.equal(r.stdout.trim(), 'open', r.stderr);
    const back = await sshRun(b, `getent hosts ${a.name}`);
    assert.match(back.stdout, new RegExp(`^${a.ip.replace(/\./g, '\\.')}\\s`));
  });

  it('OpenSSH refuses a host whose known_hosts entry is wrong, before running anything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ferry-lab-'));
    const wrong = join(dir, 'known_hosts');
    const keys = readFileSync(lab.knownHosts, 'utf8').split('\n').filter(Boolean);
    // host1's address with host2's key: a changed host key.
    writeFileSync(wrong, `${lab.hosts[0].ip} ${keys[1].split(' ').slice(1).join(' ')}\n`);
    const args = sshArgs({ ip: lab.hosts[0].ip, privateKey: lab.privateKey, knownHosts: wrong });
    const r = await run('ssh', [...args, lab.hosts[0].ip, 'touch /tmp/should-not-exist']);
    assert.equal(r.code, 255);
    assert.match(r.stderr, /HOST IDENTIFICATION HAS CHANGED|Host key verification failed/);
    const check = await sshRun(lab.hosts[0], 'test -e /tmp/should-not-exist && echo ran || echo clean');
    assert.equal(check.stdout.trim(), 'clean');
  });

  it('resetEtcd stops and removes an etcd3 unit and its data', async () => {
    const h = lab.hosts[3];
    const unit = `[Service]\nExecStart=/usr/local/sbin/etcd3 --data-dir /var/lib/etcd3-test --listen-client-urls http://${h.ip}:2379 --advertise-client-urls http://${h.ip}:2379\nRestart=always\n[Install]\nWantedBy=multi-user.target\n`;
    const start = await sshRun(h, 'cat > /etc/systemd/system/etcd3.service && systemctl daemon-reload && systemctl enable --now etcd3 && sleep 1 && systemctl is-active etcd3', { input: unit });
    assert.equal(start.stdout.trim().split('\n').pop(), 'active', start.stderr);
    await resetEtcd(h);
    const after = await sshRun(h, 'systemctl is-active etcd3; ls -d /var/lib/etcd* 2>/dev/null | wc -l; test -e /etc/systemd/system/etcd3.service && echo unit || echo nounit');
    assert.deepEqual(after.stdout.trim().split('\n'), ['inactive', '0', 'nounit']);
  });

  it('writeInventory writes a subset with the suite\'s own groups', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ferry-lab-')), 'inv.yaml');
    writeInventory(lab.hosts.slice(0, 1), { etcd: ['host1'] }, file);
    const inv = parse(readFileSync(file, 'utf8'));
    assert.deepEqual(Object.keys(inv.all.children), ['etcd', 'lab']);
    assert.equal(inv.all.children.etcd.hosts.host1.ssh_private_key_file, lab.privateKey);
    assert.equal(inv.all.vars.ssh_known_hosts_file, lab.knownHosts);
  });
});
