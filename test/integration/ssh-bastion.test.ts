// Hosts that only a bastion reaches: the control machine's route to three lab hosts is cut (a
// blackhole route for each of their lab addresses), while the bastion, on the lab bridge, still
// reaches them. ferry gets there through ProxyJump (ansible_ssh_common_args, or an ssh config with a
// chained jump), each hop host-key checked, and runs an etcd play through the tunnels.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { run } from '../../lab/exec.js';
import { describeRun, ferryCli } from '../helpers/ferry-cli.js';
import { failureText, ferryPlay } from '../helpers/ferry-run.js';
import { resetEtcd, sshRun, useLab, type LabHost } from '../helpers/lab.js';
import { labInventory, workspace, type Workspace } from '../helpers/lab-workspace.js';
import { PROVISION } from '../fixtures/integration/migrate/playbook.js';
import { migrateInventory } from '../fixtures/integration/migrate/support.js';

async function route(action: 'add' | 'del', ip: string): Promise<void> {
  const r = await run('ip', ['route', action, 'blackhole', `${ip}/32`]);
  if (action === 'add' && r.code !== 0) throw new Error(`ip route add blackhole ${ip}: ${r.stderr}`);
}

describe('ssh: hosts reachable only through a bastion', function () {
  this.timeout(180_000);
  const lab = useLab({ hosts: 6 });
  let ws: Workspace;
  let bastion: LabHost;
  let second: LabHost;
  let behind: LabHost[];

  before(async function () {
    this.timeout(60_000);
    ws = workspace('it-bastion');
    [bastion, second] = [lab.hosts[0]!, lab.hosts[1]!];
    behind = lab.hosts.slice(3, 6);
    await Promise.all(behind.map((h) => resetEtcd(h)));
    for (const h of behind) await route('add', h.ip);
  });
  after(async function () {
    this.timeout(60_000);
    for (const h of behind ?? []) await route('del', h.ip);
    await Promise.all((behind ?? []).map((h) => resetEtcd(h).catch(() => {})));
    ws?.remove();
  });

  it('direct connections fail: the route really is cut', async () => {
    const inv = ws.write('direct.yaml', labInventory(lab, behind.map((h) => h.name)));
    const r = await ferryCli(['adhoc', 'all', '-i', inv, '-a', 'true', '-T', '3']);
    assert.equal(r.code, 1, describeRun(r));
    for (const h of behind) assert.match(r.stdout, new RegExp(`^${h.name} : .*unreachable=1`, 'm'));
  });

  it('ansible_ssh_common_args -o ProxyJump: every host answers through the bastion', async () => {
    const inv = ws.write('jump.yaml', labInventory(lab, behind.map((h) => h.name), { ansible_ssh_common_args: `-o ProxyJump=root@${bastion.ip}` }));
    const r = await ferryCli(['adhoc', 'all', '-i', inv, '-a', 'cat /etc/hostname']);
    assert.equal(r.code, 0, describeRun(r));
    for (const h of behind) assert.match(r.stdout, new RegExp(`^  \\[${h.name}\\] ${h.name}$`, 'm'));
  });

  it('a chained ProxyJump from an ssh config (--ssh-config): bastion, then a second hop, then the host', async () => {
    const config = ws.write('ssh_config', [
      'Host hop1', `  HostName ${bastion.ip}`, '  User root',
      'Host hop2', `  HostName ${second.ip}`, '  User root',
      'Host 10.*', '  ProxyJump hop1,hop2',
    ].join('\n') + '\n');
    const inv = ws.write('chain.yaml', labInventory(lab, [behind[0]!.name]));
    const r = await ferryCli(['adhoc', 'all', '-i', inv, '-m', 'shell', '-a', 'echo $SSH_CLIENT', '--ssh-config', config]);
    assert.equal(r.code, 0, describeRun(r));
    // The host sees the connection coming from the last hop.
    assert.match(r.stdout, new RegExp(`^  \\[${behind[0]!.name}\\] ${second.ip.replace(/\./g, '\\.')} `, 'm'));
  });

  it('each hop is host-key checked: an unknown bastion key refuses the connection, naming the jump host', async () => {
    const empty = ws.write('empty_known_hosts', '');
    const config = ws.write('ssh_config_strict', ['Host hop1', `  HostName ${bastion.ip}`, '  User root', `  UserKnownHostsFile ${empty}`].join('\n') + '\n');
    const inv = ws.write('strict.yaml', labInventory(lab, [behind[0]!.name], { ssh_proxy_jump: 'hop1', ssh_config_file: config }));
    const r = await ferryCli(['adhoc', 'all', '-i', inv, '-a', 'true']);
    assert.equal(r.code, 1, describeRun(r));
    assert.match(r.stdout, new RegExp(`${behind[0]!.name}: \\(jump host ${bastion.ip.replace(/\./g, '\\.')}:22\\): host key of ${bastion.ip.replace(/\./g, '\\.')} .* is not in ${empty}`));
  });

  it('an etcd play through the bastion: provision-etcd.yml bootstraps the three hosts, its etcd calls tunnelled over the jumps', async () => {
    const inv = migrateInventory(behind, [], join(ws.dir, 'etcd.yaml'), { ansible_ssh_common_args: `-J root@${bastion.ip}` });
    const r = await ferryPlay(PROVISION, { inventory: inv, timeoutMs: 150_000 });
    assert.equal(r.code, 0, failureText(r));
    // Seen from the bastion (the controller cannot reach them): one cluster of exactly these members.
    const list = await sshRun(bastion, `ETCDCTL_API=3 etcdctl --endpoints http://${behind[0]!.ip}:2379 -w json member list`);
    assert.equal(list.code, 0, list.stderr);
    const ips = (JSON.parse(list.stdout.replace(/"(\w+)":(\d{15,})/g, '"$1":"$2"')).members as Array<{ peerURLs: string[] }>).map((m) => new URL(m.peerURLs[0]!).hostname).sort();
    assert.deepEqual(ips, behind.map((h) => h.ip).sort());
  });
});
