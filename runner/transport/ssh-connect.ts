// Opens one authenticated, host-key-checked SSH connection with ssh2, through any jump hosts.
// Two clocks, as OpenSSH has: the connect timeout covers TCP and the key exchange; once the key
// exchange is done, login and the start of the session get the (much longer) session timeout, and
// the wait is reported as it happens, because a slow PAM session or a stopping user manager makes
// sshd silent for minutes on hosts that are perfectly reachable.
import { homedir } from 'node:os';
import ssh2, { type Client } from 'ssh2';
import type { Duplex } from 'node:stream';
import { ConnectError } from '../errors.js';
import type { Semaphore } from '../semaphore.js';
import { decideHostKey, hostKeyPolicyFor, preferredHostKeyAlgorithms, type HostKeyPolicy } from './host-key-policy.js';
import { authHandler, planAuth, type Credentials } from './ssh-auth.js';
import { explainLoginError, originNote, type LoginContext } from './ssh-errors.js';
import { ping, startKeepalive } from './ssh-liveness.js';
import type { SshEndpoint, SshSpec } from './spec.js';

/** Defaults: OpenSSH waits forever for a session; ferry waits 5 minutes, telling the user meanwhile. */
export const SSH_DEFAULTS = { connectTimeoutMs: 20_000, sessionTimeoutMs: 300_000, serverAliveIntervalMs: 15_000, serverAliveCountMax: 4 };

/** Key exchanges in flight at once per run: beyond this, a large `-f` only makes every handshake slower
 * (the controller's and, on shared machines, the servers' CPU), until reachable hosts time out. */
export const MAX_HANDSHAKES = 32;

/** First "waiting" notice after this long, then one every WAIT_NOTICE_EVERY_MS. */
const WAIT_NOTICE_AFTER_MS = 5_000;
const WAIT_NOTICE_EVERY_MS = 10_000;

/** Run-wide SSH settings; a host's own settings (its spec) win over these. */
export interface SshConnectOptions extends Credentials {
  hostKeys: HostKeyPolicy;
  /** `--timeout`, in ms. */
  connectTimeoutMs?: number;
  /** `--session-timeout`, in ms. */
  sessionTimeoutMs?: number;
  /** Bounds the key exchanges and logins in flight (one for all of a run's connections); a host's connect timeout starts once it has a slot. */
  handshakes?: Semaphore;
}

/** Told while a host that accepted the login has not started the session yet. */
export type WaitListener = (msg: string) => void;

/** An open connection: the target's client, and a close that also ends the jump hosts. */
export interface OpenSsh {
  client: Client;
  close(): void;
  /**
   * Settles once the host has started the session after the login (it answered a keepalive), or
   * rejects with the ConnectError that says why not (the session timeout, a close right after login).
   * The client is usable before: a first command sent meanwhile waits in sshd, and is not a round
   * trip behind the keepalive.
   */
  started: Promise<void>;
}

/** A logged-in client and the promise of its session start (see OpenSsh.started). */
interface LoggedIn {
  client: Client;
  started: Promise<void>;
}

/** Expands a leading `~/` to the home directory, as ssh does for IdentityFile. */
export function expandHome(path: string): string {
  return path === '~' ? homedir() : path.startsWith('~/') ? `${homedir()}${path.slice(1)}` : path;
}

/**
 * Connects to `spec` (through its jump hosts, each host-key checked) with TCP_NODELAY set and
 * ServerAlive keepalives running. `onDrop` is called once if the connection later errors or closes.
 */
export async function openSsh(name: string, spec: SshSpec, opts: SshConnectOptions, onDrop: (client: Client) => void, onWait: WaitListener = () => {}): Promise<OpenSsh> {
  const hops = [...(spec.jumps ?? []), spec];
  const clients: Client[] = [];
  const closeAll = () => clients.forEach((c) => c.end());
  let sock: Duplex | undefined;
  let started: Promise<void> = Promise.resolve();
  try {
    for (const [i, hop] of hops.entries()) {
      const last = i === hops.length - 1;
      const label = last ? name : `${name} (jump host ${hop.address}:${hop.port})`;
      const hopLogin = await login(name, { label, endpoint: hop, origins: last ? spec.origins ?? {} : jumpOrigins(spec), tried: [] }, spec, opts, sock, onWait);
      const client = hopLogin.client;
      clients.push(client);
      // A jump host must have started its session before it forwards; the target's is awaited by its first use.
      if (last) started = hopLogin.started;
      else await hopLogin.started;
      if (i === 0) client.setNoDelay(true);
      const next = hops[i + 1];
      if (next) sock = await forward(name, label, client, next);
    }
  } catch (err) {
    closeAll();
    throw err;
  }
  const client = clients.at(-1)!;
  let dropped = false;
  client.on('close', () => {
    if (dropped) return;
    dropped = true;
    closeAll();
    onDrop(client);
  });
  const alive = { intervalMs: spec.serverAliveIntervalMs ?? SSH_DEFAULTS.serverAliveIntervalMs, countMax: spec.serverAliveCountMax ?? SSH_DEFAULTS.serverAliveCountMax };
  // Keepalives start with the session: until then the session timeout is the limit (sshd answers
  // nothing while PAM or systemd's user manager is busy, for longer than the keepalives would allow).
  started.then(() => startKeepalive(client, alive, () => client.destroy()), closeAll);
  return { client, close: closeAll, started };
}

function jumpOrigins(spec: SshSpec): Record<string, string> {
  const from = spec.origins?.jumps;
  return from ? { address: from, port: from, user: from } : {};
}

// Opens a direct-tcpip channel from a jump host to the next hop.
function forward(name: string, label: string, client: Client, next: SshEndpoint): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    client.forwardOut('127.0.0.1', 0, next.address, next.port, (err, stream) => {
      if (err) reject(new ConnectError(name, `${label.slice(name.length).trim()} cannot reach ${next.address}:${next.port}: ${err.message}`, { cause: err }));
      else resolve(stream);
    });
  });
}

/**
 * One endpoint: key exchange under the connect timeout; login and session start under the session
 * timeout. Resolves once authenticated; `started` then follows the session start (a keepalive
 * answered), with a notice while the host takes its time.
 */
async function login(name: string, ctx: LoginContext, spec: SshSpec, opts: SshConnectOptions, sock: Duplex | undefined, onWait: WaitListener): Promise<LoggedIn> {
  const e = ctx.endpoint;
  const plan = await planAuth(name, e, opts);
  const policy = hostKeyPolicyFor(opts.hostKeys, e);
  const serverHostKey = await preferredHostKeyAlgorithms(policy, e.address, e.port);
  const connectMs = e.connectTimeoutMs ?? opts.connectTimeoutMs ?? SSH_DEFAULTS.connectTimeoutMs;
  const sessionMs = spec.sessionTimeoutMs ?? opts.sessionTimeoutMs ?? SSH_DEFAULTS.sessionTimeoutMs;
  const client = new ssh2.Client();
  // Waiting for a slot is not the host's fault: its connect timeout starts when its handshake does.
  const release = opts.handshakes ? await opts.handshakes.acquire() : () => {};
  let startedOk!: () => void;
  let startedFailed!: (err: Error) => void;
  const started = new Promise<void>((res, rej) => {
    startedOk = res;
    startedFailed = rej;
  });
  // Nobody may be waiting for it yet (no command sent): the rejection is still handled, by openSsh.
  started.catch(() => {});
  return new Promise<LoggedIn>((resolve, reject) => {
    const timers: NodeJS.Timeout[] = [];
    let loggedIn = false;
    let settled = false;
    let lastError: Error | undefined;
    // Ends the login: before `ready` it rejects the login itself, after it the session start.
    const settle = (err?: Error) => {
      if (settled) return;
      settled = true;
      release();
      timers.forEach((t) => clearTimeout(t));
      if (!err) return startedOk();
      // Rejected before the client is destroyed: a command in flight then fails with this reason.
      const explained = explainLoginError(name, ctx, err);
      if (loggedIn) startedFailed(explained);
      else reject(explained);
      client.destroy();
    };
    const after = (ms: number, fn: () => void) => timers.push(setTimeout(fn, ms));
    after(connectMs, () => settle(new ConnectError(name,
      `no SSH handshake from ${e.address}:${e.port} within ${seconds(connectMs)}` +
      `${originNote({ 'connect timeout': ctx.origins.connectTimeoutMs ?? '--timeout or the default' }, 'connect timeout')}`)));
    client.on('handshake', () => {
      timers.forEach((t) => clearTimeout(t));
      after(sessionMs, () => settle(new ConnectError(name,
        `${e.address}:${e.port} accepted the connection but did not start a session within ${seconds(sessionMs)}` +
        `${originNote({ 'session timeout': spec.origins?.sessionTimeoutMs ?? '--session-timeout or the default' }, 'session timeout')}`)));
    });
    client.on('ready', () => {
      // Held through login too: sshd drops unauthenticated connections past its MaxStartups (10 by default).
      release();
      loggedIn = true;
      resolve({ client, started });
      const loggedInAt = Date.now();
      const notice = () => onWait(`${ctx.label}: logged in, waiting ${Math.round((Date.now() - loggedInAt) / 1000)} s for the host to start the session`);
      after(WAIT_NOTICE_AFTER_MS, () => {
        notice();
        timers.push(setInterval(notice, WAIT_NOTICE_EVERY_MS));
      });
      void ping(client).then((alive) => (alive ? settle() : settle(lastError ?? new Error('the connection closed right after login'))));
    });
    client.on('error', (err: Error) => {
      lastError = err;
      settle(err);
    });
    client.on('close', () => settle(lastError ?? new Error('the connection closed during login')));
    client.connect({
      host: e.address,
      port: e.port,
      username: e.user,
      ...(sock ? { sock } : {}),
      authHandler: authHandler(plan, ctx.tried),
      readyTimeout: 0,
      keepaliveInterval: 0,
      ...(serverHostKey ? { algorithms: { serverHostKey: serverHostKey as never } } : {}),
      hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => {
        decideHostKey(policy, e.address, e.port, key).then(
          (d) => {
            ctx.decision = d;
            verify(d.accept);
          },
          (err: Error) => {
            ctx.decision = { accept: false, reason: `cannot check the host key against ${policy.file}: ${err.message}` };
            verify(false);
          },
        );
      },
    });
  });
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}
