// The local transport, for `localhost` and `delegate_to: localhost`: `sh -c` through
// child_process, files through fs with an atomic rename, and no tunnels needed.
import { spawn } from 'node:child_process';
import { chmod, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { TaskError, tail } from '../errors.js';
import { BecomeProbe, becomeStdin, explainBecomeFailure, wrapBecome } from './become.js';
import { describeExit } from './exit.js';
import { getFileCommand, MISSING_FILE_RC, putFileCommand, tempPathFor } from './remote-files.js';
import type { BecomeSpec, ExecOptions, ExecResult, Transport, Tunnel } from './types.js';

/** A Transport that runs commands on the control machine. */
export class LocalTransport implements Transport {
  private readonly probe = new BecomeProbe((command) => this.spawnShell(command, {}));

  constructor(readonly name: string = 'localhost') {}

  async connect(): Promise<void> {}

  async exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    const become = await this.probe.effective(options.become);
    const wrapped = wrapBecome(command, become);
    const raw = await this.spawnShell(wrapped.command, { ...options, stdin: becomeStdin(wrapped, options.stdin) });
    const result: ExecResult = { ...raw, stdout: raw.stdout.toString('utf8'), stderr: raw.stderr.toString('utf8') };
    if (result.rc === 1) {
      const why = explainBecomeFailure(result.stderr, this.name, become);
      if (why) throw new TaskError(why, { host: this.name, command });
    }
    return result;
  }

  async putFile(path: string, content: Buffer | string, options: { mode?: string; become?: BecomeSpec } = {}): Promise<void> {
    // Writing as another user needs sudo; the shell path does that the same way SSH does.
    if (options.become) {
      const command = putFileCommand(path, tempPathFor(path), options.mode);
      const r = await this.exec(command, { stdin: Buffer.from(content), become: options.become });
      if (r.rc !== 0) throw new TaskError(`${this.name}: cannot write ${path} (${describeExit(r)}): ${tail(r.stderr)}`, { host: this.name, command });
      return;
    }
    const tmp = tempPathFor(path);
    try {
      const old = await stat(path).catch(() => undefined);
      await writeFile(tmp, content, { mode: 0o600 });
      await chmod(tmp, options.mode ? parseInt(options.mode, 8) : old ? old.mode & 0o7777 : 0o644);
      await rename(tmp, path);
    } catch (err) {
      await rm(tmp, { force: true });
      throw new TaskError(`${this.name}: cannot write ${path}: ${(err as Error).message}`, { host: this.name }, { cause: err });
    }
  }

  async getFile(path: string, options: { become?: BecomeSpec } = {}): Promise<Buffer | null> {
    if (options.become) {
      const command = getFileCommand(path);
      const wrapped = wrapBecome(command, await this.probe.effective(options.become));
      const raw = await this.spawnShell(wrapped.command, { stdin: becomeStdin(wrapped) });
      if (raw.rc === MISSING_FILE_RC) return null;
      if (raw.rc !== 0) throw new TaskError(`${this.name}: cannot read ${path} (${describeExit(raw)}): ${tail(raw.stderr.toString())}`, { host: this.name, command });
      return raw.stdout;
    }
    try {
      return await readFile(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new TaskError(`${this.name}: cannot read ${path}: ${(err as Error).message}`, { host: this.name }, { cause: err });
    }
  }

  /** The host is the control machine, so the address is already reachable. */
  async openTunnel(remoteHost: string, remotePort: number): Promise<Tunnel> {
    return { host: remoteHost, port: remotePort, close: async () => {} };
  }

  async close(): Promise<void> {}

  private spawnShell(command: string, options: Omit<ExecOptions, 'become' | 'stdin'> & { stdin?: Buffer }): Promise<{ rc: number | null; stdout: Buffer; stderr: Buffer; signal?: string; timedOut?: boolean }> {
    return new Promise((resolve) => {
      // A process group of its own, so a timeout kills the whole pipeline, not just sh.
      const child = spawn('sh', ['-c', command], { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      const decoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
      let killedBy: 'timeout' | 'abort' | undefined;
      let spawnError: Error | undefined;
      child.stdout.on('data', (c: Buffer) => {
        out.push(c);
        options.onOutput?.('stdout', decoders.stdout.write(c));
      });
      child.stderr.on('data', (c: Buffer) => {
        err.push(c);
        options.onOutput?.('stderr', decoders.stderr.write(c));
      });
      const kill = (why: 'timeout' | 'abort') => {
        killedBy = why;
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      };
      const timer = options.timeoutMs ? setTimeout(() => kill('timeout'), options.timeoutMs) : undefined;
      const onAbort = () => kill('abort');
      if (options.signal?.aborted) kill('abort');
      options.signal?.addEventListener('abort', onAbort, { once: true });
      child.on('error', (e) => (spawnError = e));
      // A command that does not read its stdin closes the pipe early; that is not an error.
      child.stdin.on('error', () => {});
      child.stdin.end(options.stdin);
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        const stderr = Buffer.concat(spawnError ? [...err, Buffer.from(spawnError.message)] : err);
        const result = { rc: killedBy ? null : code, stdout: Buffer.concat(out), stderr } as Awaited<ReturnType<LocalTransport['spawnShell']>>;
        if (killedBy === 'timeout') Object.assign(result, { signal: 'KILL', timedOut: true });
        else if (killedBy === 'abort') result.signal = 'ABORTED';
        else if (signal) result.signal = signal;
        resolve(result);
      });
    });
  }
}
