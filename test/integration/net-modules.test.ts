// get_url and uri on real lab hosts against an HTTP server on the control machine, bound to the
// lab bridge's gateway address (the hosts' only way out): what lands on each host, what the server
// received, and that a second run fetches nothing.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { GATEWAY_IP } from '../../lab/config.js';
import { describeRun, ferryCli, hostResults } from '../helpers/ferry-cli.js';
import { sshRun, useLab, type LabHost } from '../helpers/lab.js';
import { labInventory, workspace, type Workspace } from '../helpers/lab-workspace.js';

describe('get_url and uri on lab hosts, from a server on the controller', function () {
  this.timeout(120_000);
  const lab = useLab({ hosts: 6 });
  let ws: Workspace;
  let hosts: LabHost[];
  let inv: string;
  let server: Server;
  let base = '';
  const gets: string[] = [];
  const posts: string[] = [];
  const payload = Buffer.from('etcd-v3.4.30-linux-amd64 stand-in\n'.repeat(4096));
  const sha256 = createHash('sha256').update(payload).digest('hex');
  const dest = '/tmp/ferry-it-get_url.tar.gz';

  before(async () => {
    ws = workspace('it-net');
    hosts = lab.hosts.slice(0, 2);
    inv = ws.write('inventory.yaml', labInventory(lab, hosts.map((h) => h.name)));
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        if (req.method === 'GET' && req.url === '/etcd.tar.gz') {
          gets.push(req.socket.remoteAddress ?? '');
          return void res.end(payload);
        }
        if (req.method === 'POST' && req.url === '/register') {
          posts.push(body);
          res.writeHead(201, { 'Content-Type': 'application/json' });
          return void res.end(JSON.stringify({ registered: JSON.parse(body).host }));
        }
        res.writeHead(404).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, GATEWAY_IP, r));
    const addr = server.address();
    base = `http://${GATEWAY_IP}:${typeof addr === 'object' && addr ? addr.port : 0}`;
  });
  after(async () => {
    server?.close();
    if (hosts) await Promise.all(hosts.map((h) => sshRun(h, `rm -f ${dest}`)));
    ws?.remove();
  });

  it('get_url downloads with a checksum once per host; uri posts JSON and reads the JSON answer', async () => {
    const book = ws.write('net.yaml', `
- hosts: targets
  gather_facts: false
  tasks:
    - name: download
      get_url: { url: "${base}/etcd.tar.gz", dest: ${dest}, checksum: "sha256:${sha256}", mode: "0640" }
    - name: register
      uri:
        url: "${base}/register"
        method: POST
        body_format: json
        body: { host: "{{ inventory_hostname }}" }
        status_code: 201
      register: reg
    - name: the answer was parsed
      assert: { that: "eq reg.json.registered inventory_hostname" }
`);
    const first = await ferryCli(['play', book, '-i', inv, '--json'], { cwd: ws.dir });
    assert.equal(first.code, 0, describeRun(first));
    for (const h of hosts) {
      const on = await sshRun(h, `stat -c %a ${dest}; sha256sum < ${dest}`);
      assert.equal(on.stdout, `640\n${sha256}  -\n`, h.name);
      assert.deepEqual((hostResults(first).get(h.name) ?? []).map((x) => x.status), ['changed', 'ok', 'ok'], describeRun(first));
    }
    assert.deepEqual(gets.sort(), hosts.map((h) => h.ip).sort(), 'each host fetched once, from its own address');
    assert.deepEqual(posts.map((p) => JSON.parse(p).host).sort(), hosts.map((h) => h.name).sort());
    const again = await ferryCli(['play', book, '-i', inv, '--json'], { cwd: ws.dir });
    assert.equal(again.code, 0, describeRun(again));
    for (const h of hosts) assert.equal(hostResults(again).get(h.name)?.[0]?.status, 'ok', describeRun(again));
    assert.equal(gets.length, hosts.length, 'a dest that matched its checksum was fetched again');
  });
});
