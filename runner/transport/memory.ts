// An in-memory transport for unit tests: scripted command replies, a fake file system,
// and a record of every command, so tests assert on what would be sent to a host.
import type { ExecOptions, ExecResult, Transport, Tunnel } from './types.js';

/** One scripted reply: the first rule whose `match` fits the command answers it. */
export interface ScriptedReply {
  match: string | RegExp;
  rc?: number | null;
  stdout?: string;
  stderr?: string;
  /** Answer only this many times, then fall through to later rules. */
  times?: number;
}

export interface MemoryTransportOptions {
  replies?: ScriptedReply[];
  files?: Record<string, string | Buffer>;
  /** Throw a ConnectError-like failure on connect. */
  connectError?: Error;
  /** Reply for commands no rule matches (default rc 0, empty output). */
  fallback?: Omit<ScriptedReply, 'match' | 'times'>;
}

/** A Transport that runs nothing; see MemoryTransportOptions. */
export class MemoryTransport implements Transport {
  readonly commands: Array<{ command: string; stdin?: string; become?: string }> = [];
  readonly files = new Map<string, Buffer>();
  readonly modes = new Map<string, string>();
  connected = false;
  closed = false;
  private readonly replies: ScriptedReply[];

  constructor(readonly name: string, private readonly options: MemoryTransportOptions = {}) {
    this.replies = (options.replies ?? []).map((r) => ({ ...r }));
    for (const [path, content] of Object.entries(options.files ?? {})) {
      this.files.set(path, Buffer.from(content));
    }
  }

  async connect(): Promise<void> {
    if (this.options.connectError) throw this.options.connectError;
    this.connected = true;
  }

  async exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    await this.connect();
    this.commands.push({
      command,
      stdin: options.stdin === undefined ? undefined : options.stdin.toString(),
      become: options.become?.user,
    });
    const rule = this.replies.find((r) => (r.times === undefined || r.times > 0) && matches(r.match, command));
    if (rule && rule.times !== undefined) rule.times--;
    const reply = rule ?? this.options.fallback ?? {};
    const stdout = reply.stdout ?? '';
    const stderr = reply.stderr ?? '';
    if (stdout) options.onOutput?.('stdout', stdout);
    if (stderr) options.onOutput?.('stderr', stderr);
    return { rc: reply.rc === undefined ? 0 : reply.rc, stdout, stderr };
  }

  async putFile(path: string, content: Buffer | string, options: { mode?: string } = {}): Promise<void> {
    await this.connect();
    this.commands.push({ command: `<put ${path}>` });
    this.files.set(path, Buffer.from(content));
    if (options.mode) this.modes.set(path, options.mode);
  }

  async getFile(path: string): Promise<Buffer | null> {
    await this.connect();
    return this.files.get(path) ?? null;
  }

  async openTunnel(remoteHost: string, remotePort: number): Promise<Tunnel> {
    return { host: remoteHost, port: remotePort, close: async () => {} };
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

function matches(pattern: string | RegExp, command: string): boolean {
  return typeof pattern === 'string' ? command.includes(pattern) : pattern.test(command);
}
