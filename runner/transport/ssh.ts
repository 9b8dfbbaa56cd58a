// The SSH transport: one connection per host for the whole run, up to 8 channels at once,
// become through sudo, atomic file writes, tunnels, and one safe reconnect after a drop.
import { StringDecoder } from 'node:string_decoder';
import type { Client } from 'ssh2';
import { ConnectError, TaskError, tail } from '../errors.js';
import type { SshSpec } from './spec.js';
import { describeExit } from './exit.js';
import { BecomeProbe, becomeStdin, explainBecomeFailure, wrapBecome } from './become.js';
import { LOCAL_GRACE_MS, remoteTimeoutFired, withRemoteTimeout } from './remote-timeout.js';
import { getFileCommand, MISSING_FILE_RC, putFileCommand, tempPathFor } from './remote-files.js';
import { Semaphore } from '../semaphore.js';
import { openSsh, type OpenSsh, type SshConnectOptions, type WaitListener } from './ssh-connect.js';
import { ChannelOpenError, execOnChannel, type RawExecOptions, type RawExecResult } from './ssh-exec.js';
import { openForwardTunnel } from './tunnel.js';
import type { BecomeSpec, ConnectWatch, ExecOptions, ExecResult, Transport, Tunnel } from './types.js';

/** sshd's MaxSessions is 10; keep headroom for tunnels and a stray sftp. */
export const MAX_CHANNELS = 8;

/** Waits between attempts to open a channel a busy sshd refused. */
const OPEN_RETRY_MS = [10, 25, 50, 100, 200, 400];

/** A Transport over one node-ssh (ssh2) connection. */
export class SshTransport implements Transport {
  /** Caps concurrent exec channels; exposed so tests can watch the cap hold. */
  readonly channels = new Semaphore(MAX_CHANNELS);
  private open?: OpenSsh;
  /** Where waits for a slow session start are reported (the latest connect's watcher). */
  private onWait?: WaitListener;
  private client?: Client;
  private connecting?: Promise<Client>;
  /** Set when connecting (or reconnecting) failed: later calls fail fast with it. */
  private failure?: ConnectError;
  private closed = false;
  private readonly probe = new BecomeProbe((command) => this.run(command, {}));

  constructor(readonly name: string, readonly spec: SshSpec, private readonly opts: SshConnectOptions) {}

  async connect(watch?: ConnectWatch): Promise<void> {
    if (watch?.onWait) this.onWait = watch.onWait;
    await this.ensureClient();
  }

  sessionStarted(): Promise<void> {
    return this.open?.started ?? Promise.resolve();
  }

  /** The live client, connecting or reconnecting (after a drop) as needed. */
  private ensureClient(): Promise<Client> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(new ConnectError(this.name, 'connection already closed'));
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= openSsh(this.name, this.spec, this.opts, (client) => this.onDrop(client), (msg) => this.onWait?.(msg)).then(
      (open) => {
        this.open = open;
        const client = open.client;
        this.client = client;
        this.connecting = undefined;
        // A host that logs in but never starts the session is unreachable, with the login's reason:
        // later calls fail fast with it, and a command in flight ends with it (see run).
        open.started.catch((err: unknown) => {
          this.failure ??= err instanceof ConnectError ? err : new ConnectError(this.name, String(err), { cause: err });
        });
        return client;
      },
      (err: unknown) => {
        this.failure = err instanceof ConnectError ? err : new ConnectError(this.name, String(err), { cause: err });
        this.connecting = undefined;
        throw this.failure;
      },
    );
    return this.connecting;
  }

  private onDrop(client: Client): void {
    if (this.client === client) this.client = undefined;
  }

  async exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    const become = await this.effectiveBecome(options.become);
    const timeoutMs = options.timeoutMs;
    const wrapped = wrapBecome(timeoutMs ? withRemoteTimeout(command, timeoutMs) : command, become);
    const decoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
    const started = Date.now();
    const raw = await this.run(wrapped.command, {
      stdin: becomeStdin(wrapped, options.stdin),
      timeoutMs: timeoutMs && timeoutMs + LOCAL_GRACE_MS,
      signal: options.signal,
      onOutput: options.onOutput && ((stream, chunk) => options.onOutput!(stream, decoders[stream].write(chunk))),
    });
    const result: ExecResult = { rc: raw.rc, stdout: raw.stdout.toString('utf8'), stderr: raw.stderr.toString('utf8') };
    if (raw.signal) result.signal = raw.signal;
    if (raw.timedOut || (timeoutMs && remoteTimeoutFired(raw, Date.now() - started, timeoutMs))) {
      Object.assign(result, { rc: null, signal: 'SIGKILL', timedOut: true });
    }
    this.checkBecome(result, command, become);
    return result;
  }

  async putFile(path: string, content: Buffer | string, options: { mode?: string; become?: BecomeSpec } = {}): Promise<void> {
    const become = await this.effectiveBecome(options.become);
    const command = putFileCommand(path, tempPathFor(path), options.mode);
    const wrapped = wrapBecome(command, become);
    const raw = await this.run(wrapped.command, { stdin: becomeStdin(wrapped, Buffer.from(content)) });
    const stderr = raw.stderr.toString('utf8');
    this.checkBecome({ rc: raw.rc, stdout: '', stderr }, command, become);
    if (raw.rc !== 0) {
      throw new TaskError(`${this.name}: cannot write ${path} (${describeExit(raw)}): ${tail(stderr)}`, { host: this.name, command });
    }
  }

  async getFile(path: string, options: { become?: BecomeSpec } = {}): Promise<Buffer | null> {
    const become = await this.effectiveBecome(options.become);
    const command = getFileCommand(path);
    const wrapped = wrapBecome(command, become);
    const raw = await this.run(wrapped.command, { stdin: becomeStdin(wrapped) });
    const stderr = raw.stderr.toString('utf8');
    this.checkBecome({ rc: raw.rc, stdout: '', stderr }, command, become);
    if (raw.rc === MISSING_FILE_RC) return null;
    if (raw.rc !== 0) {
      throw new TaskError(`${this.name}: cannot read ${path} (${describeExit(raw)}): ${tail(stderr)}`, { host: this.name, command });
    }
    return raw.stdout;
  }

  async openTunnel(remoteHost: string, remotePort: number): Promise<Tunnel> {
    await this.ensureClient();
    return openForwardTunnel(() => this.ensureClient(), remoteHost, remotePort);
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    await new Promise<void>((resolve) => {
      client.once('close', () => resolve());
      client.end();
      // A dead peer may never answer the disconnect; do not hold the run open for it.
      setTimeout(resolve, 1000).unref();
    });
    this.open?.close();
  }

  /** Runs a wrapped command within the channel cap; reconnects once if the connection was already gone. */
  private run(command: string, options: RawExecOptions): Promise<RawExecResult> {
    return this.channels.run(async () => {
      let client = await this.ensureClient();
      let reconnected = false;
      for (let attempt = 0; ; attempt++) {
        try {
          const raw = await execOnChannel(client, command, options);
          // The channel died with the connection because the session never started: say why.
          if (raw.rc === null && this.failure && !isAlive(client)) throw this.failure;
          return raw;
        } catch (err) {
          if (!(err instanceof ChannelOpenError)) throw err;
          // The command never started, so trying again is safe.
          if (this.client === client && isAlive(client)) {
            // A live connection refusing a channel: sshd frees a session slot only after reaping
            // the command's process, a moment after the channel closed. Wait and retry.
            if (attempt >= OPEN_RETRY_MS.length) {
              throw new TaskError(`${this.name}: cannot open an SSH channel: ${err.message}`, { host: this.name, command }, { cause: err });
            }
            await new Promise((r) => setTimeout(r, OPEN_RETRY_MS[attempt]));
            continue;
          }
          if (reconnected) {
            throw new ConnectError(this.name, `connection lost and a reconnect did not help: ${err.message}`, { cause: err });
          }
          this.onDrop(client);
          client = await this.ensureClient();
          reconnected = true;
        }
      }
    });
  }

  private effectiveBecome(become?: BecomeSpec): Promise<BecomeSpec | undefined> {
    return this.probe.effective(become);
  }

  private checkBecome(result: ExecResult, command: string, become?: BecomeSpec): void {
    if (result.rc !== 1) return;
    const why = explainBecomeFailure(result.stderr, this.name, become);
    if (why) throw new TaskError(why, { host: this.name, command });
  }
}

function isAlive(client: Client): boolean {
  const sock = (client as unknown as { _sock?: { destroyed?: boolean; writable?: boolean } })._sock;
  return !!sock && !sock.destroyed && sock.writable !== false;
}
