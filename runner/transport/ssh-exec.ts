// One command on one ssh2 channel, with raw Buffers for stdin and output, an exit code or
// signal, and a kill on timeout or abort. Never resolves a dead channel as success.
import type { Client, ClientChannel } from 'ssh2';

/** A command's raw outcome; `rc` is null when the channel died or the process was killed. */
export interface RawExecResult {
  rc: number | null;
  stdout: Buffer;
  stderr: Buffer;
  signal?: string;
  timedOut?: boolean;
}

export interface RawExecOptions {
  stdin?: Buffer;
  timeoutMs?: number;
  signal?: AbortSignal;
  onOutput?: (stream: 'stdout' | 'stderr', chunk: Buffer) => void;
}

/** The channel could not be opened: the command never started, so retrying it is safe. */
export class ChannelOpenError extends Error {
  override name = 'ChannelOpenError';
}

/** Runs `command` on a new exec channel of `client`. Rejects only with ChannelOpenError. */
export function execOnChannel(client: Client, command: string, options: RawExecOptions = {}): Promise<RawExecResult> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      resolve({ rc: null, stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), signal: 'ABORTED' });
      return;
    }
    let opened = false;
    try {
      client.exec(command, (err, channel) => {
        if (err) {
          reject(new ChannelOpenError(err.message, { cause: err }));
          return;
        }
        opened = true;
        collect(channel, options).then(resolve, reject);
      });
    } catch (err) {
      // ssh2 throws synchronously when the socket is already gone.
      if (!opened) reject(new ChannelOpenError((err as Error).message, { cause: err }));
    }
  });
}

function collect(channel: ClientChannel, options: RawExecOptions): Promise<RawExecResult> {
  return new Promise((resolve) => {
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let rc: number | null = null;
    let exitSignal: string | undefined;
    let killedBy: 'timeout' | 'abort' | undefined;

    channel.on('data', (chunk: Buffer) => {
      stdout.push(chunk);
      options.onOutput?.('stdout', chunk);
    });
    channel.stderr.on('data', (chunk: Buffer) => {
      stderr.push(chunk);
      options.onOutput?.('stderr', chunk);
    });
    channel.on('exit', (code: number | null, signalName?: string) => {
      if (typeof code === 'number') rc = code;
      else if (signalName) exitSignal = signalName;
    });
    // A stream error (socket reset) must not escape as an uncaught exception; 'close' follows.
    channel.on('error', () => {});

    const kill = (why: 'timeout' | 'abort') => {
      killedBy = why;
      sendKill(channel);
      channel.close();
      // A peer that ignores both must not hold the run: give up on the channel shortly after.
      setTimeout(finish, 2000).unref();
    };
    const timer = options.timeoutMs ? setTimeout(() => kill('timeout'), options.timeoutMs) : undefined;
    const onAbort = () => kill('abort');
    options.signal?.addEventListener('abort', onAbort, { once: true });

    let done = false;
    function finish(): void {
      if (done) return;
      done = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      const result: RawExecResult = { rc: killedBy ? null : rc, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr) };
      if (killedBy === 'timeout') Object.assign(result, { signal: 'SIGKILL', timedOut: true });
      else if (killedBy === 'abort') result.signal = 'ABORTED';
      else if (exitSignal) result.signal = exitSignal;
      else if (rc === null) result.signal = 'CHANNEL_CLOSED';
      resolve(result);
    }
    channel.on('close', finish);

    channel.end(options.stdin ?? undefined);
  });
}

/**
 * Sends a KILL "signal" request (sshd killpg()s the session's process group). ssh2's own
 * channel.signal() sends nothing once stdin is ended, which ferry always does, so go one level down.
 */
function sendKill(channel: ClientChannel): void {
  const c = channel as unknown as { outgoing?: { id: number; state: string }; _client?: { _protocol?: { signal(id: number, name: string): void } } };
  try {
    if (c.outgoing && c.outgoing.state !== 'closed') c._client?._protocol?.signal(c.outgoing.id, 'KILL');
  } catch {
    // The channel is already closing.
  }
}
