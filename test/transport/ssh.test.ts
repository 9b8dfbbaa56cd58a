// SshTransport against a real sshd on loopback (see sshd-harness.ts).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, connect as netConnect, type Server, Socket } from 'node:net';
import { join } from 'node:path';
import { ConnectError, HostKeyError } from '../../runner/errors.js';
import type { SshSpec } from '../../runner/transport/spec.js';
import { SshTransport } from '../../runner/transport/ssh.js';
import { MAX_CHANNELS } from '../../runner/transport/ssh.js';
import { sshdAvailable, startSshd, type TestSshd } from './sshd-harness.js';

describe('SshTransport (real sshd on loopback)', function () {
  this.timeout(30_000);
  let sshd: TestSshd;
  let knownHosts: string;
  let t: SshTransport;

  const spec = (): SshSpec => ({ type: 'ssh', address: '127.0.0.1', port: sshd.port, user: sshd.user, privateKeyFile: sshd.clientKey });
  const transport = (mode: 'strict' | 'accept-new' | 'off', file = knownHosts) => new SshTransport('db1', spec(), { hostKeys: { mode, file }, agent: '' });

  before(async function () {
    if (!sshdAvailable()) {
      if (process.env.CI === 'true') throw new Error('sshd is required under CI=true (install openssh-server, run as root)');
      console.log('    (skipped: /usr/sbin/sshd not installed or not root)');
      this.skip();
    }
    sshd = await startSshd();
    knownHosts = join(sshd.dir, 'known_hosts');
    writeFileSync(knownHosts, `[127.0.0.1]:${sshd.port} ${sshd.hostKeyLine}\n`);
    t = transport('strict');
    await t.connect();
  });
  after(async () => {
    await t?.close();
    await sshd?.stop();
  });

  it('runs a command and returns rc, stdout and stderr', async () => {
    const r = await t.exec('echo out; echo err >&2; exit 7');
    assert.deepEqual({ rc: r.rc, stdout: r.stdout, stderr: r.stderr }, { rc: 7, stdout: 'out\n', stderr: 'err\n' });
  });

  it('sets TCP_NODELAY on the connection (Nagle plus delayed ACKs would add ~40 ms per command; npm run bench measures it)', async () => {
    const set: Array<boolean | undefined> = [];
    const original = Socket.prototype.setNoDelay;
    Socket.prototype.setNoDelay = function (this: Socket, noDelay?: boolean) {
      set.push(noDelay);
      return original.call(this, noDelay);
    };
    const fresh = transport('strict');
    try {
      await fresh.connect();
    } finally {
      Socket.prototype.setNoDelay = original;
      await fresh.close();
    }
    assert.ok(set.includes(true), `setNoDelay(true) called (calls: ${JSON.stringify(set)})`);
    assert.equal((await t.exec('true')).rc, 0);
  });

  it('feeds stdin and streams output', async () => {
    const chunks: string[] = [];
    const r = await t.exec('cat; echo done', { stdin: 'hello\n', onOutput: (_s, c) => chunks.push(c) });
    assert.equal(r.stdout, 'hello\ndone\n');
    assert.equal(chunks.join(''), 'hello\ndone\n');
  });

  it('runs 20 commands in parallel over one connection within the channel cap', async () => {
    let peak = 0;
    const timer = setInterval(() => (peak = Math.max(peak, t.channels.inUse)), 1);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => t.exec(`sleep 0.2; echo ${i}`)));
    clearInterval(timer);
    assert.deepEqual(results.map((r) => r.stdout.trim()), Array.from({ length: 20 }, (_, i) => String(i)));
    assert.ok(results.every((r) => r.rc === 0));
    assert.ok(peak <= MAX_CHANNELS && peak >= 2, `peak ${peak}`);
  });

  it('reports a command killed mid-way as rc null with the signal, never success', async () => {
    const r = await t.exec('echo started; kill -9 $$');
    assert.equal(r.rc, null);
    assert.match(r.signal ?? '', /KILL/);
    assert.notEqual(r.timedOut, true);
  });

  it('kills a command at its timeout', async () => {
    const start = Date.now();
    const r = await t.exec('sleep 5.4321; echo late', { timeoutMs: 300 });
    assert.equal(r.rc, null);
    assert.equal(r.timedOut, true);
    assert.ok(Date.now() - start < 1500);
    // Killed on the host too, not just abandoned.
    assert.equal((await t.exec('ps -eo args | grep -c "[s]leep 5.4321"')).stdout.trim(), '0');
  });

  it('round-trips binary content through putFile/getFile, atomically and with the mode', async () => {
    const path = join(sshd.dir, 'blob.bin');
    const content = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7) % 256));
    await t.putFile(path, content, { mode: '0640' });
    const back = await t.getFile(path);
    assert.ok(back && back.equals(content));
    assert.equal((await t.exec(`stat -c %a ${path}; ls -a ${sshd.dir} | grep -c ferry-tmp || true`)).stdout, '640\n0\n');
    assert.equal(await t.getFile(join(sshd.dir, 'missing')), null);
  });

  it('tunnels a local port to a TCP server reachable from the host', async () => {
    const echo: Server = createServer((s) => s.pipe(s));
    await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
    const port = (echo.address() as { port: number }).port;
    const tunnel = await t.openTunnel('127.0.0.1', port);
    const reply = await new Promise<string>((resolve, reject) => {
      const s = netConnect(tunnel.port, tunnel.host, () => s.write('ping'));
      s.on('data', (d) => {
        resolve(d.toString());
        s.destroy();
      });
      s.on('error', reject);
    });
    assert.equal(reply, 'ping');
    await tunnel.close();
    await new Promise((r) => echo.close(r));
  });

  it('refuses an unknown host key under strict, with nothing run', async () => {
    const other = transport('strict', join(sshd.dir, 'empty_known_hosts'));
    await assert.rejects(other.exec('touch /tmp/never'), (e: Error) => e instanceof HostKeyError && /is not in .*empty_known_hosts/.test(e.message));
  });

  it('refuses a changed host key, naming the file and line of the old key', async () => {
    const file = join(sshd.dir, 'changed_known_hosts');
    const marker = join(sshd.dir, 'must-not-exist');
    writeFileSync(file, `# old\n[127.0.0.1]:${sshd.port} ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n`);
    const other = transport('accept-new', file);
    await assert.rejects(other.exec(`touch ${marker}`), (e: Error) => e instanceof HostKeyError && e.message.includes('REMOTE HOST IDENTIFICATION HAS CHANGED') && e.message.includes(`${file}:2`));
    assert.equal((await t.exec(`test -e ${marker}`)).rc, 1);
  });

  it('records an unknown key under accept-new, then accepts it under strict', async () => {
    const file = join(sshd.dir, 'new_known_hosts');
    const first = transport('accept-new', file);
    assert.equal((await first.exec('true')).rc, 0);
    await first.close();
    assert.equal(readFileSync(file, 'utf8'), `[127.0.0.1]:${sshd.port} ${sshd.hostKeyLine}\n`);
    const second = transport('strict', file);
    assert.equal((await second.exec('true')).rc, 0);
    await second.close();
  });

  it('checks against the host\'s own known_hosts file (ssh_known_hosts_file) unless --known-hosts was given', async () => {
    const own = new SshTransport('db1', { ...spec(), knownHostsFile: knownHosts }, { hostKeys: { mode: 'strict', file: join(sshd.dir, 'absent') }, agent: '' });
    assert.equal((await own.exec('true')).rc, 0);
    await own.close();
    const flagged = new SshTransport('db1', { ...spec(), knownHostsFile: knownHosts }, { hostKeys: { mode: 'strict', file: join(sshd.dir, 'absent'), fileFromFlag: true }, agent: '' });
    await assert.rejects(flagged.connect(), (e: Error) => e instanceof HostKeyError && e.message.includes(join(sshd.dir, 'absent')));
  });

  it('names host, user and key file when authentication fails', async () => {
    const bad = new SshTransport('db1', { ...spec(), privateKeyFile: join(sshd.dir, 'host_ed25519') }, { hostKeys: { mode: 'strict', file: knownHosts }, agent: '' });
    await assert.rejects(bad.connect(), (e: Error) => e instanceof ConnectError && e.message.includes(`authentication failed for user ${sshd.user}`) && e.message.includes('host_ed25519'));
  });

  it('reconnects once when the connection dropped between commands', async () => {
    const own = transport('strict');
    assert.equal((await own.exec('true')).rc, 0);
    // Cut the TCP connection under the transport: no command is running, so a reconnect is safe.
    (own as unknown as { client: { _sock: { destroy(): void } } }).client._sock.destroy();
    await new Promise((r) => setTimeout(r, 50));
    assert.equal((await own.exec('echo again')).stdout, 'again\n');
    await own.close();
  });

  it('fails (rc null), never re-runs, a command whose connection died mid-way', async () => {
    const own = transport('strict');
    const counter = join(sshd.dir, 'runs');
    await own.connect();
    const running = own.exec(`echo x >> ${counter}; sleep 5`);
    while (!existsSync(counter)) await new Promise((r) => setTimeout(r, 20));
    (own as unknown as { client: { _sock: { destroy(): void } } }).client._sock.destroy();
    const r = await running;
    assert.equal(r.rc, null);
    assert.equal(readFileSync(counter, 'utf8'), 'x\n');
    await own.close();
  });

  it('survives the server side dying (reset socket): no uncaught error, rc null, then a reconnect', async () => {
    const own = transport('strict');
    assert.equal((await own.exec('true')).rc, 0);
    const localPort = (own as unknown as { client: { _sock: { localPort: number } } }).client._sock.localPort;
    // The sshd process serving this one connection: a child of the sshd this test started.
    const ss = execFileSync('ss', ['-tnpH', 'state', 'established', `( sport = :${sshd.port} and dport = :${localPort} )`]).toString();
    const pid = Number(/pid=(\d+)/.exec(ss)?.[1]);
    assert.ok(pid > 0, ss);
    const running = own.exec('sleep 5');
    await new Promise((r) => setTimeout(r, 200));
    process.kill(pid, 'SIGKILL');
    const r = await running;
    assert.equal(r.rc, null);
    assert.equal((await own.exec('echo back')).stdout, 'back\n');
    await own.close();
  });
});
