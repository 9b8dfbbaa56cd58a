// Real etcd processes on loopback for the etcd module tests: distinct ports per member, data
// dirs in a temp dir, PIDs tracked so only what we started is ever stopped. Every wait polls.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, openSync, closeSync, readFileSync, writeFileSync } from 'node:fs';
import { connect as tcpConnect, createServer, type Server, type Socket } from 'node:net';
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ModuleContext, RunResources } from '../../runner/modules/types.js';
import type { Transport, Tunnel } from '../../runner/transport/types.js';

const ETCD_BIN = process.env.ETCD_BIN ?? '/usr/bin/etcd';

/** One etcd member we may start; urls are loopback with ports reserved for it. */
export interface TestMember {
  name: string;
  peerUrl: string;
  clientUrl: string;
  dataDir: string;
  logFile: string;
  /** Client TLS files (server side); peers stay plain http. */
  tls?: TestCerts;
  proc?: ChildProcess;
}

/** A test CA with a server cert valid for DNS:localhost only, and a client cert. */
export interface TestCerts {
  ca: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
}

/** Generates the certificates with openssl in `dir`. */
export function makeCerts(dir: string): TestCerts {
  const f = (n: string) => join(dir, n);
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=ferry-test-ca', '-keyout', 'ca.key', '-out', 'ca.pem');
  writeFileSync(f('server.ext'), 'subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\n');
  writeFileSync(f('client.ext'), 'extendedKeyUsage=clientAuth\n');
  for (const who of ['server', 'client']) {
    ssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${who === 'server' ? 'localhost' : 'ferry'}`, '-keyout', `${who}.key`, '-out', `${who}.csr`);
    ssl('x509', '-req', '-in', `${who}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '1', '-extfile', `${who}.ext`, '-out', `${who}.pem`);
  }
  return { ca: f('ca.pem'), serverCert: f('server.pem'), serverKey: f('server.key'), clientCert: f('client.pem'), clientKey: f('client.key') };
}

/** Asks the kernel for a free loopback port (released right away; good enough for tests). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Polls `cond` every `everyMs` until it is truthy or `timeoutMs` passes. */
export async function waitFor<T>(what: string, cond: () => Promise<T> | T, timeoutMs = 15000, everyMs = 50): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await cond();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** A set of etcd members under one temp dir; `stopAll()` kills only the PIDs it spawned. */
export class EtcdTestCluster {
  private tmp?: string;
  /** The temp dir, made on first use so a filtered-out suite leaves nothing behind. */
  get dir(): string {
    return (this.tmp ??= mkdtempSync(join(tmpdir(), 'ferry-etcd-')));
  }
  readonly members: TestMember[] = [];
  private counter = 0;

  /** Reserves ports and a data dir for a new member (not started). */
  async define(name = `m${++this.counter}`, tls?: TestCerts): Promise<TestMember> {
    const [peer, client] = [await freePort(), await freePort()];
    const m: TestMember = {
      name,
      tls,
      peerUrl: `http://127.0.0.1:${peer}`,
      // With TLS the certificate names only "localhost": clients must verify against that name.
      clientUrl: tls ? `https://localhost:${client}` : `http://127.0.0.1:${client}`,
      dataDir: join(this.dir, name),
      logFile: join(this.dir, `${name}.log`),
    };
    this.members.push(m);
    return m;
  }

  /** Starts a fresh cluster of `n` voters with `--initial-cluster-state new`, and waits for a leader. */
  async bootstrap(n: number, tls?: TestCerts): Promise<TestMember[]> {
    const ms: TestMember[] = [];
    for (let i = 0; i < n; i++) ms.push(await this.define(undefined, tls));
    const initial = ms.map((m) => `${m.name}=${m.peerUrl}`).join(',');
    for (const m of ms) this.start(m, initial, 'new');
    await Promise.all(ms.map((m) => this.waitHealthy(m)));
    return ms;
  }

  /** Starts a member's process with the given --initial-cluster (omitted when restarting on existing data). */
  start(m: TestMember, initialCluster?: string, state: 'new' | 'existing' = 'existing'): void {
    const listen = m.clientUrl.replace('//localhost:', '//127.0.0.1:');
    const args = [
      '--name', m.name, '--data-dir', m.dataDir,
      '--listen-client-urls', listen, '--advertise-client-urls', m.clientUrl,
      '--listen-peer-urls', m.peerUrl, '--initial-advertise-peer-urls', m.peerUrl,
      '--heartbeat-interval', '50', '--election-timeout', '500',
      '--logger', 'zap', '--log-outputs', 'stderr',
    ];
    if (m.tls) {
      args.push('--cert-file', m.tls.serverCert, '--key-file', m.tls.serverKey, '--trusted-ca-file', m.tls.ca, '--client-cert-auth');
    }
    if (initialCluster) args.push('--initial-cluster', initialCluster, '--initial-cluster-state', state);
    const fd = openSync(m.logFile, 'a');
    m.proc = spawn(ETCD_BIN, args, { stdio: ['ignore', fd, fd] });
    closeSync(fd);
  }

  /** Starts a member with a full argv (e.g. a rendered unit's ExecStart), tracked like the others. */
  startArgv(m: TestMember, bin: string, argv: string[]): void {
    const fd = openSync(m.logFile, 'a');
    m.proc = spawn(bin, argv, { stdio: ['ignore', fd, fd] });
    closeSync(fd);
  }

  /** Stops one member by its own PID and waits until the process has exited. */
  async stop(m: TestMember, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const p = m.proc;
    m.proc = undefined;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    const exited = new Promise<void>((r) => p.once('exit', () => r()));
    p.kill(signal);
    const timer = setTimeout(() => p.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }

  /** True when the member's process is still alive. */
  running(m: TestMember): boolean {
    return !!m.proc && m.proc.exitCode === null && m.proc.signalCode === null;
  }

  /** Polls /health until the member answers healthy (a voter with a leader). */
  async waitHealthy(m: TestMember, timeoutMs = 15000): Promise<void> {
    await waitFor(`${m.name} healthy`, async () => {
      if (!this.running(m)) throw new Error(`${m.name} exited: ${this.logTail(m)}`);
      const body = await this.httpGet(m, '/health');
      return (JSON.parse(body) as { health?: string }).health === 'true';
    }, timeoutMs);
  }

  /** Polls until the member's client port answers (a learner is never "healthy"). */
  async waitServing(m: TestMember, timeoutMs = 15000): Promise<void> {
    await waitFor(`${m.name} serving`, async () => {
      if (!this.running(m)) throw new Error(`${m.name} exited: ${this.logTail(m)}`);
      return (await this.httpGet(m, '/version')).length > 0;
    }, timeoutMs);
  }

  /** GET on the member's client URL, with the client certificate when it uses TLS. */
  private httpGet(m: TestMember, path: string): Promise<string> {
    const url = new URL(path, m.clientUrl);
    const tls = m.tls ? { ca: readFileSync(m.tls.ca), cert: readFileSync(m.tls.clientCert), key: readFileSync(m.tls.clientKey) } : {};
    return new Promise((resolve, reject) => {
      const req = (url.protocol === 'https:' ? httpsGet : httpGet)(url, { ...tls, timeout: 1000 }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => (res.statusCode === 200 ? resolve(body) : reject(new Error(`HTTP ${res.statusCode}: ${body}`))));
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', reject);
    });
  }

  /** The last lines of a member's log, for failure messages. */
  logTail(m: TestMember, n = 5): string {
    try {
      return readFileSync(m.logFile, 'utf8').trimEnd().split('\n').slice(-n).join('\n');
    } catch {
      return '';
    }
  }

  /** Stops every process this cluster started (by PID) and removes the temp dir. */
  async stopAll(): Promise<void> {
    // SIGKILL: the data dirs are thrown away, and a graceful stop of all at once waits on elections.
    await Promise.all(this.members.map((m) => this.stop(m, 'SIGKILL')));
    if (this.tmp) rmSync(this.tmp, { recursive: true, force: true });
  }
}

/** A transport stub: tunnels are the address itself; anything else is a test bug. */
export function stubTransport(name = 'local'): Transport & { tunnels: string[] } {
  const tunnels: string[] = [];
  const no = (): never => {
    throw new Error('stub transport: not used by etcd modules');
  };
  return {
    name,
    tunnels,
    connect: async () => undefined,
    exec: async () => no(),
    putFile: async () => no(),
    getFile: async () => no(),
    openTunnel: async (host: string, port: number): Promise<Tunnel> => {
      tunnels.push(`${host}:${port}`);
      return { host, port, close: async () => undefined };
    },
    close: async () => undefined,
  };
}

/** A transport whose tunnels are real local TCP forwards (like an SSH forward, minus SSH). */
export function forwardingTransport(name = 'fwd'): Transport & { tunnels: string[] } {
  const base = stubTransport(name);
  return {
    ...base,
    openTunnel: async (host: string, port: number): Promise<Tunnel> => {
      base.tunnels.push(`${host}:${port}`);
      const open = new Set<Socket>();
      const server: Server = createServer((sock) => {
        const up = tcpConnect(port, host);
        for (const x of [sock, up]) {
          open.add(x);
          x.on('close', () => open.delete(x));
        }
        sock.pipe(up).pipe(sock);
        up.on('error', () => sock.destroy());
        sock.on('error', () => up.destroy());
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      const addr = server.address();
      return { host: '127.0.0.1', port: typeof addr === 'object' && addr ? addr.port : 0, close: () => new Promise<void>((r) => {
        server.close(() => r());
        for (const x of open) x.destroy();
      }) };
    },
  };
}

/** A run-scoped resource cache like the engine's; `close()` disposes in reverse order. */
export class TestResources implements RunResources {
  private items = new Map<string, { value: Promise<unknown>; dispose: (v: any) => Promise<void> | void }>();
  async get<T>(key: string, create: () => Promise<T>, dispose: (value: T) => Promise<void> | void): Promise<T> {
    const hit = this.items.get(key);
    if (hit) return hit.value as Promise<T>;
    const value = create();
    this.items.set(key, { value, dispose });
    value.catch(() => this.items.delete(key));
    return value;
  }
  get size(): number {
    return this.items.size;
  }
  async close(): Promise<void> {
    for (const [key, { value, dispose }] of [...this.items].reverse()) {
      this.items.delete(key);
      const v = await value.catch(() => undefined);
      if (v !== undefined) await dispose(v);
    }
  }
}

/** A ModuleContext stand-in that records progress lines. */
export function testContext(opts: { check?: boolean; resources?: TestResources; transport?: Transport } = {}): ModuleContext & { progressLines: string[] } {
  const progressLines: string[] = [];
  return {
    host: 'localhost',
    task: 'test',
    transport: opts.transport ?? stubTransport(),
    check: opts.check ?? false,
    diff: false,
    vars: {},
    render: () => {
      throw new Error('render not used');
    },
    baseDir: process.cwd(),
    progress: (msg: string) => progressLines.push(msg),
    output: () => undefined,
    resources: opts.resources ?? new TestResources(),
    signal: new AbortController().signal,
    interactive: false,
    progressLines,
  };
}
