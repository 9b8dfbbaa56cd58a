// Real etcd processes on loopback for the etcd module tests: distinct ports per member, data
// dirs in a temp dir, PIDs tracked so only what we started is ever stopped. Every wait polls.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, openSync, closeSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
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
  proc?: ChildProcess;
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
  readonly dir = mkdtempSync(join(tmpdir(), 'ferry-etcd-'));
  readonly members: TestMember[] = [];
  private counter = 0;

  /** Reserves ports and a data dir for a new member (not started). */
  async define(name = `m${++this.counter}`): Promise<TestMember> {
    const [peer, client] = [await freePort(), await freePort()];
    const m: TestMember = {
      name,
      peerUrl: `http://127.0.0.1:${peer}`,
      clientUrl: `http://127.0.0.1:${client}`,
      dataDir: join(this.dir, name),
      logFile: join(this.dir, `${name}.log`),
    };
    this.members.push(m);
    return m;
  }

  /** Starts a fresh cluster of `n` voters with `--initial-cluster-state new`, and waits for a leader. */
  async bootstrap(n: number): Promise<TestMember[]> {
    const ms: TestMember[] = [];
    for (let i = 0; i < n; i++) ms.push(await this.define());
    const initial = ms.map((m) => `${m.name}=${m.peerUrl}`).join(',');
    for (const m of ms) this.start(m, initial, 'new');
    await Promise.all(ms.map((m) => this.waitHealthy(m)));
    return ms;
  }

  /** Starts a member's process with the given --initial-cluster (omitted when restarting on existing data). */
  start(m: TestMember, initialCluster?: string, state: 'new' | 'existing' = 'existing'): void {
    const args = [
      '--name', m.name, '--data-dir', m.dataDir,
      '--listen-client-urls', m.clientUrl, '--advertise-client-urls', m.clientUrl,
      '--listen-peer-urls', m.peerUrl, '--initial-advertise-peer-urls', m.peerUrl,
      '--heartbeat-interval', '50', '--election-timeout', '500',
      '--logger', 'zap', '--log-outputs', 'stderr',
    ];
    if (initialCluster) args.push('--initial-cluster', initialCluster, '--initial-cluster-state', state);
    const fd = openSync(m.logFile, 'a');
    m.proc = spawn(ETCD_BIN, args, { stdio: ['ignore', fd, fd] });
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
      const r = await fetch(`${m.clientUrl}/health`, { signal: AbortSignal.timeout(1000) });
      return r.ok && ((await r.json()) as { health?: string }).health === 'true';
    }, timeoutMs);
  }

  /** Polls until the member's client port answers (a learner is never "healthy"). */
  async waitServing(m: TestMember, timeoutMs = 15000): Promise<void> {
    await waitFor(`${m.name} serving`, async () => {
      if (!this.running(m)) throw new Error(`${m.name} exited: ${this.logTail(m)}`);
      const r = await fetch(`${m.clientUrl}/version`, { signal: AbortSignal.timeout(1000) });
      return r.ok;
    }, timeoutMs);
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
    rmSync(this.dir, { recursive: true, force: true });
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
