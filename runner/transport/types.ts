// The contract between the engine/modules and a way of reaching a host.

/** How to become another user for one command. */
export interface BecomeSpec {
  user: string;
  /** sudo (default) or su; su runs only where it asks no password (the login user is root). */
  method?: 'sudo' | 'su';
  /** sudo password; absent means `sudo -n` (passwordless). Never logged. */
  password?: string;
}

export interface ExecOptions {
  /** Bytes fed to the command's stdin, then stdin is closed. */
  stdin?: string | Buffer;
  become?: BecomeSpec;
  /** Kill the command (failure, rc null) after this many ms. */
  timeoutMs?: number;
  /** Live output, for `-v` streaming. */
  onOutput?: (stream: 'stdout' | 'stderr', chunk: string) => void;
  signal?: AbortSignal;
}

export interface ExecResult {
  /** Exit code; null when the command was killed or its channel died (always a failure). */
  rc: number | null;
  stdout: string;
  stderr: string;
  /** Signal name when the remote process was killed. */
  signal?: string;
  /** True when ferry killed the command because `timeoutMs` passed. */
  timedOut?: boolean;
}

/** A local TCP endpoint that forwards to `remoteHost:remotePort` as seen from the host. */
export interface Tunnel {
  host: string;
  port: number;
  close(): Promise<void>;
}

/** What a caller of connect() wants to hear while it waits. */
export interface ConnectWatch {
  /** A host accepted the login but is slow to start the session ("db1: logged in, waiting 35 s ..."). */
  onWait?: (msg: string) => void;
}

/** One host's connection. Commands are shell command lines run by the login user's `sh -c`. */
export interface Transport {
  readonly name: string;
  /** Opens the connection (idempotent). Throws ConnectError / HostKeyError. */
  connect(watch?: ConnectWatch): Promise<void>;
  /**
   * Settles once the host has started the session that connect() logged in to (ssh: sshd answered a
   * keepalive; until then `watch.onWait` may still hear of the wait), or rejects with the ConnectError
   * saying why it never did. Commands may be sent before: they wait in the host. Absent: at once.
   */
  sessionStarted?(): Promise<void>;
  exec(command: string, options?: ExecOptions): Promise<ExecResult>;
  /** Writes a file atomically (temp file + rename); honours become. */
  putFile(path: string, content: Buffer | string, options?: { mode?: string; become?: BecomeSpec }): Promise<void>;
  /** Reads a file; null when it does not exist. */
  getFile(path: string, options?: { become?: BecomeSpec }): Promise<Buffer | null>;
  /** Forwards a local port to an address reachable from the host (etcd client port, API servers). */
  openTunnel(remoteHost: string, remotePort: number): Promise<Tunnel>;
  close(): Promise<void>;
}
