// templates/etcd.conf.hbs and templates/etcd3.service.hbs: the procedure's shape, TLS flags, safe
// defaults, and a rendered unit's ExecStart that really starts etcd.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileTemplate } from '../../../runner/template/index.js';
import { EtcdTestCluster, TestResources, freePort, testContext } from '../../helpers/etcd.js';
import { etcdMember } from '../../../runner/modules/etcd/member.js';
import type { Member } from '../../../runner/modules/etcd/members.js';

/** Renders one of the etcd templates in file mode, like the template module does. */
const render = (file: string, vars: Record<string, unknown>) =>
  compileTemplate(readFileSync(join('templates', file), 'utf8'), file, { file: true }).render(vars, 'h');

/** The env file's KEY=VALUE pairs. */
const envOf = (text: string) => Object.fromEntries(text.split('\n').filter((l) => /^[A-Z0-9_]+=/.test(l)).map((l) => l.split('=', 2) as [string, string]));

/** ExecStart as systemd would run it: continuations joined, ${VAR} expanded from the env file. */
function execStart(unit: string, env: Record<string, string>): string[] {
  const line = /^ExecStart=((?:.*\\\n)*.*)/m.exec(unit)![1]!.replace(/\\\n/g, ' ');
  return line.replace(/\$\{(\w+)\}/g, (_, k: string) => env[k] ?? `<${k}?>`).trim().split(/\s+/);
}

describe('etcd templates', () => {
  it('etcd.conf has NODE_IP, NODE<i>_IP for every host (1-based), ports', () => {
    const ips = ['192.168.195.168', '192.168.202.40', '192.168.174.117', '192.168.152.142', '192.168.198.252', '192.168.150.122'];
    const env = envOf(render('etcd.conf.hbs', { etcd_node_ip: ips[3], etcd_cluster_ips: ips }));
    assert.deepEqual(env, {
      NODE_IP: '192.168.152.142', NODE1_IP: ips[0], NODE2_IP: ips[1], NODE3_IP: ips[2], NODE4_IP: ips[3], NODE5_IP: ips[4], NODE6_IP: ips[5],
      CLIENT_PORT: '2379', PEERS_PORT: '2380',
    });
  });

  it('the unit joins with --initial-cluster-state existing and the given --initial-cluster by default', () => {
    const unit = render('etcd3.service.hbs', { etcd_initial_cluster: 'etcd-10.0.0.1=http://10.0.0.1:2380,etcd-10.0.0.4=http://10.0.0.4:2380' });
    const argv = execStart(unit, { NODE_IP: '10.0.0.4', CLIENT_PORT: '2379', PEERS_PORT: '2380' });
    assert.deepEqual(argv.slice(0, 3), ['/usr/local/sbin/etcd3', '--name', 'etcd-10.0.0.4']);
    assert.equal(argv[argv.indexOf('--initial-cluster-state') + 1], 'existing');
    assert.equal(argv[argv.indexOf('--initial-cluster') + 1], 'etcd-10.0.0.1=http://10.0.0.1:2380,etcd-10.0.0.4=http://10.0.0.4:2380');
    assert.equal(argv[argv.indexOf('--listen-client-urls') + 1], 'http://10.0.0.4:2379,http://127.0.0.1:2379');
    assert.match(unit, /^EnvironmentFile=\/etc\/etcd\.conf$/m);
    assert.match(unit, /^Restart=always$/m);
    assert.match(unit, /^RestartSec=5$/m);
    assert.doesNotMatch(unit, /cert-file|{{/);
  });

  it('fresh provisioning builds --initial-cluster from every NODE<i>_IP in the procedure shape', () => {
    const unit = render('etcd3.service.hbs', { etcd_initial_cluster_state: 'new', etcd_cluster_ips: ['a', 'b', 'c'] });
    assert.match(unit, /--initial-cluster-state new \\\n {2}--initial-cluster etcd-\$\{NODE1_IP\}=http:\/\/\$\{NODE1_IP\}:\$\{PEERS_PORT\},etcd-\$\{NODE2_IP\}=http:\/\/\$\{NODE2_IP\}:\$\{PEERS_PORT\},etcd-\$\{NODE3_IP\}=http:\/\/\$\{NODE3_IP\}:\$\{PEERS_PORT\}\n/);
  });

  it('TLS variables switch URLs to https and add client and peer TLS flags; extra flags and paths are variables', () => {
    const unit = render('etcd3.service.hbs', {
      etcd_initial_cluster: 'x=https://10.0.0.1:2380', etcd_binary: '/opt/etcd', etcd_data_dir: '/data/etcd', etcd_extra_flags: ['--auto-compaction-retention=1'],
      etcd_cert_file: '/etc/etcd/server.pem', etcd_key_file: '/etc/etcd/server.key', etcd_trusted_ca_file: '/etc/etcd/ca.pem',
      etcd_peer_cert_file: '/etc/etcd/peer.pem', etcd_peer_key_file: '/etc/etcd/peer.key', etcd_peer_trusted_ca_file: '/etc/etcd/ca.pem',
    });
    const argv = execStart(unit, { NODE_IP: '10.0.0.1', CLIENT_PORT: '2379', PEERS_PORT: '2380' });
    assert.equal(argv[0], '/opt/etcd');
    assert.equal(argv[argv.indexOf('--data-dir') + 1], '/data/etcd');
    for (const flag of ['--cert-file', '--key-file', '--trusted-ca-file', '--client-cert-auth', '--peer-cert-file', '--peer-key-file',
      '--peer-trusted-ca-file', '--peer-client-cert-auth', '--auto-compaction-retention=1']) assert.ok(argv.includes(flag), flag);
    assert.equal(argv[argv.indexOf('--advertise-client-urls') + 1], 'https://10.0.0.1:2379');
    assert.equal(argv[argv.indexOf('--initial-advertise-peer-urls') + 1], 'https://10.0.0.1:2380');
  });

  it('refuses a value with a newline (it would inject unit lines)', () => {
    assert.throws(() => render('etcd3.service.hbs', { etcd_initial_cluster: 'a=http://x:2380\nExecStartPre=/bin/evil' }), /control character/);
  });

  it("a rendered unit's ExecStart starts a real etcd that answers on 127.0.0.1 with the procedure's name", async function () {
    this.timeout(20000);
    const cluster = new EtcdTestCluster();
    const resources = new TestResources();
    try {
      const [client, peer] = [await freePort(), await freePort()];
      const vars = { etcd_node_ip: '127.0.0.2', etcd_cluster_ips: ['127.0.0.2'], etcd_client_port: client, etcd_peer_port: peer,
        etcd_binary: '/usr/bin/etcd', etcd_data_dir: join(cluster.dir, 'data'), etcd_initial_cluster_state: 'new' };
      const env = envOf(render('etcd.conf.hbs', vars));
      const [bin, ...argv] = execStart(render('etcd3.service.hbs', vars), env);
      const m = await cluster.define('rendered');
      m.clientUrl = `http://127.0.0.1:${client}`;
      cluster.startArgv(m, bin!, argv);
      await cluster.waitHealthy(m);
      const r = await etcdMember.run({ endpoints: [m.clientUrl], tunnel: false, state: 'list' }, testContext({ resources }));
      const [only] = r.members as Member[];
      assert.equal(only!.name, 'etcd-127.0.0.2');
      assert.deepEqual(only!.peerURLs, [`http://127.0.0.2:${peer}`]);
      assert.deepEqual(only!.clientURLs, [`http://127.0.0.2:${client}`]);
    } finally {
      await resources.close();
      await cluster.stopAll();
    }
  });
});
