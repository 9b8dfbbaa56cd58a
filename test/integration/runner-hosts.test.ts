// ferry against real lab hosts, through its CLI: ad-hoc commands, changed host keys, unreachable hosts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describeRun, ferryCli, hostResults, recapOf } from '../helpers/ferry-cli.js';
import { sshRun, useLab } from '../helpers/lab.js';
import { labInventory, unusedLabAddress, workspace, type Workspace } from '../helpers/lab-workspace.js';

describe('runner on real hosts: reaching them', function () {
  this.timeout(60_000);
  const lab = useLab({ hosts: 6 });
  let ws: Workspace;
  before(() => (ws = workspace('it-hosts')));
  after(() => ws?.remove());

  it('ad-hoc over 6 hosts: each host answers with its own hostname (inventory known_hosts, no --known-hosts)', async () => {
    const r = await ferryCli(['adhoc', 'all', '-i', lab.inventory, '-a', 'uname -n', '--json']);
    assert.equal(r.code, 0, describeRun(r));
    const results = hostResults(r);
    assert.deepEqual([...results.keys()].sort(), lab.hosts.map((h) => h.name));
    for (const [host, [res]] of results) {
      assert.equal(res.status, 'changed');
      assert.equal(res.result.rc, 0);
      assert.equal(String(res.result.stdout).trim(), host);
    }
    const recap = recapOf(r);
    for (const h of lab.hosts) assert.deepEqual([recap[h.name].ok, recap[h.name].failed, recap[h.name].unreachable], [1, 0, 0], h.name);
  });

  it('ad-hoc plain output shows every host\'s own output under its name', async () => {
    const r = await ferryCli(['adhoc', 'lab', '-i', lab.inventory, '-a', 'cat /etc/hostname']);
    assert.equal(r.code, 0, describeRun(r));
    for (const h of lab.hosts) assert.match(r.stdout, new RegExp(`\\[${h.name}\\] ${h.name}$`, 'm'));
    assert.match(r.stdout, /RECAP/);
  });

  it('a failing ad-hoc command on one host: that host failed with its rc and stderr, the others ok, exit 1', async () => {
    const target = lab.hosts[1].name;
    const r = await ferryCli(['adhoc', 'lab', '-i', lab.inventory, '-m', 'shell', '-a', `test "$(hostname)" != ${target} || { echo boom-${target} >&2; exit 3; }`, '--json']);
    assert.equal(r.code, 1, describeRun(r));
    const results = hostResults(r);
    const bad = results.get(target)![0];
    assert.equal(bad.status, 'failed');
    assert.equal(bad.result.rc, 3);
    assert.match(String(bad.result.stderr), new RegExp(`boom-${target}`));
    for (const h of lab.hosts.filter((x) => x.name !== target)) assert.equal(results.get(h.name)![0].status, 'changed', h.name);
  });

  it('a host whose key changed is refused before anything runs on it; the others proceed', async () => {
    const [h1, h2, h3] = lab.hosts;
    const marker = `/tmp/ferry-it-key-${ws.tag}`;
    // host2's line gets host3's (valid, but wrong) key.
    const lines = readFileSync(lab.knownHosts, 'utf8').split('\n');
    const keyOf = (ip: string) => lines.find((l) => l.split(' ')[0].split(',').includes(ip))!.split(' ').slice(1).join(' ');
    const swapped = lines.map((l) => (l.split(' ')[0].split(',').includes(h2.ip) ? `${l.split(' ')[0]} ${keyOf(h3.ip)}` : l)).join('\n');
    const knownHosts = ws.write('known_hosts.changed', swapped);
    const inv = ws.write('inv-key.yaml', labInventory(lab, [h1.name, h2.name, h3.name], { ssh_known_hosts_file: knownHosts }));
    ws.write('touch.yaml', `- hosts: targets\n  tasks:\n    - name: touch marker\n      file: { path: ${marker}, state: touch }\n`);
    try {
      const r = await ferryCli(['play', 'touch.yaml', '-i', inv, '--json'], { cwd: ws.dir });
      assert.equal(r.code, 1, describeRun(r));
      const recap = recapOf(r);
      assert.equal(recap[h2.name].unreachable, 1, describeRun(r));
      assert.equal(recap[h2.name].changed, 0);
      for (const h of [h1, h3]) assert.deepEqual([recap[h.name].changed, recap[h.name].unreachable], [1, 0], h.name);
      const refused = hostResults(r).get(h2.name)![0];
      assert.match(String(refused.result.msg), /REMOTE HOST IDENTIFICATION HAS CHANGED/);
      assert.match(String(refused.result.msg), /known_hosts\.changed/);
      assert.equal((await sshRun(h2, `test -e ${marker}`)).code, 1, 'the marker exists on the refused host');
      for (const h of [h1, h3]) assert.equal((await sshRun(h, `test -e ${marker}`)).code, 0, h.name);
    } finally {
      await Promise.all([h1, h2, h3].map((h) => sshRun(h, `rm -f ${marker}`)));
    }
  });

  it('--known-hosts on the command line overrides the inventory\'s ssh_known_hosts_file', async () => {
    const inv = ws.write('inv-badkh.yaml', labInventory(lab, [lab.hosts[0].name], { ssh_known_hosts_file: ws.write('empty_known_hosts', '') }));
    const refused = await ferryCli(['adhoc', 'all', '-i', inv, '-a', 'true', '--json']);
    assert.equal(refused.code, 1, describeRun(refused));
    assert.match(String(hostResults(refused).get(lab.hosts[0].name)![0].result.msg), /is not in .*empty_known_hosts/);
    const ok = await ferryCli(['adhoc', 'all', '-i', inv, '-a', 'true', '--known-hosts', lab.knownHosts, '--json']);
    assert.equal(ok.code, 0, describeRun(ok));
  });

  it('an unreachable host is reported unreachable in the recap, exit non-zero; reachable hosts still run', async () => {
    const ghost = { name: 'ghost', vars: { ssh_host: unusedLabAddress(lab) } };
    const inv = ws.write('inv-ghost.yaml', labInventory(lab, [lab.hosts[0].name, ghost]));
    const r = await ferryCli(['adhoc', 'all', '-i', inv, '-a', 'uname -n']);
    assert.notEqual(r.code, 0, describeRun(r));
    assert.match(r.stdout, /^ghost\s+: .*unreachable=1/m, describeRun(r));
    assert.match(r.stdout, new RegExp(`^${lab.hosts[0].name}\\s+: ok=1 .*unreachable=0`, 'm'));
    assert.match(r.stdout + r.stderr, new RegExp(`ghost.*${unusedLabAddress(lab).replace(/\./g, '\\.')}`));
    assert.ok(!/\n\s+at .+:\d+:\d+\)?\n/.test(r.stdout + r.stderr), 'no stack trace');
  });
});
