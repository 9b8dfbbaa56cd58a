// Key exchanges in flight are bounded and a host's connect timeout starts with its own handshake,
// so a large -f never turns a reachable host unreachable. The server side is a real sshd behind a
// proxy that serves one new connection at a time, 200 ms each, as a busy single core would: the
// k-th of many simultaneous connections gets its first byte only after k × 200 ms.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { createServer, connect as netConnect, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { Semaphore } from '../../runner/semaphore.js';
import { ConnectionPool } from '../../runner/transport/pool.js';
import type { SshSpec } from '../../runner/transport/spec.js';
import { sshdAvailable, startSshd, type TestSshd } from './sshd-harness.js';

const STEP_MS = 200;
const HOSTS = 16;
const CONNECT_TIMEOUT_MS = 2000;

/** A TCP proxy to `port` that starts forwarding each new connection STEP_MS after the previous one started. */
function serialProxy(port: number): Promise<{ server: Server; port: number; sockets: Set<Socket> }> {
  let nextStart = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    sockets.add(client);
    client.pause();
    const start = Math.max(Date.now(), nextStart) + STEP_MS;
    nextStart = start;
    setTimeout(() => {
      const upstream = netConnect(port, '127.0.0.1', () => client.resume());
      sockets.add(upstream);
      client.pipe(upstream).pipe(client);
      const end = () => (client.destroy(), upstream.destroy());
      client.on('error', end).on('close', end);
      upstream.on('error', end).on('close', end);
    }, start - Date.now());
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port, sockets })));
}

describe('ssh-connect: key exchanges in flight (real sshd behind a one-at-a-time proxy)', function () {
  this.timeout(60_000);
  let sshd: TestSshd;

  before(async function () {
    if (!sshdAvailable()) {
      if (process.env.CI === 'true') throw new Error('sshd is required under CI=true (install openssh-server, run as root)');
      this.skip();
    }
    sshd = await startSshd();
  });
  after(async () => {
    await sshd?.stop();
  });

  /** Connects HOSTS hosts at once through one pool and a fresh proxy; the names of those that came up, and the errors. */
  async function connectAll(handshakes: Semaphore | undefined): Promise<{ up: string[]; failed: string[] }> {
    const proxy = await serialProxy(sshd.port);
    const knownHosts = join(sshd.dir, `known_hosts-${proxy.port}`);
    writeFileSync(knownHosts, `[127.0.0.1]:${proxy.port} ${sshd.hostKeyLine}\n`);
    const pool = new ConnectionPool({ hostKeys: { mode: 'strict', file: knownHosts }, agent: '', connectTimeoutMs: CONNECT_TIMEOUT_MS, handshakes });
    const spec: SshSpec = { type: 'ssh', address: '127.0.0.1', port: proxy.port, user: sshd.user, privateKeyFile: sshd.clientKey };
    const names = Array.from({ length: HOSTS }, (_, i) => `h${i + 1}`);
    let held = 0;
    const watch = handshakes && setInterval(() => (held = Math.max(held, handshakes.inUse)), 5);
    const outcomes = await Promise.allSettled(names.map((n) => pool.get(n, spec)));
    clearInterval(watch);
    await pool.closeAll();
    for (const s of proxy.sockets) s.destroy();
    await new Promise((r) => proxy.server.close(r));
    if (handshakes) assert.ok(held <= handshakes.limit, `at most ${handshakes.limit} key exchanges in flight (saw ${held})`);
    return { up: names.filter((_, i) => outcomes[i].status === 'fulfilled'), failed: outcomes.flatMap((o) => (o.status === 'rejected' ? [String((o.reason as Error).message)] : [])) };
  }

  it('unbounded, the last hosts wait past their connect timeout: the slowness this guards against is real here', async () => {
    const r = await connectAll(undefined);
    assert.ok(r.failed.length > 0, `some of ${HOSTS} simultaneous connects time out at ${CONNECT_TIMEOUT_MS} ms (all came up: the proxy is not slow enough)`);
  });

  it('bounded at 4 in flight, with each timeout from its own handshake, every host comes up', async () => {
    const r = await connectAll(new Semaphore(4));
    assert.deepEqual(r.failed, []);
    assert.equal(r.up.length, HOSTS);
  });
});
