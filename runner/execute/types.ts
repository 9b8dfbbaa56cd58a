// What a caller hands the engine and what it gets back.
import type { Vars } from '../model/vars.js';
import type { ConnectionSpec } from '../transport/spec.js';
import type { HostCounts } from '../report/events.js';
import type { HostKeyPolicy } from '../transport/host-key-policy.js';
import type { SshConnectOptions } from '../transport/ssh-connect.js';
import type { Transport } from '../transport/types.js';

/** The operator's answer to `--step`: run this task, skip it, or run everything from here on. */
export type StepAnswer = 'yes' | 'no' | 'continue';

/** Opens (or reuses) the connection of one host; throws ConnectError when it cannot. */
export type Connect = (host: string, spec: ConnectionSpec) => Promise<Transport>;

/** The command line's SSH settings; a host's own vars and ssh config win over all but the password. */
export type SshRunOptions = Omit<SshConnectOptions, 'hostKeys'> & { configFile?: string };

export interface RunOptions {
  /** Hosts worked on at once (default 10). */
  forks?: number;
  check?: boolean;
  diff?: boolean;
  /** A host pattern further restricting every play's hosts. */
  limit?: string;
  tags?: string[];
  skipTags?: string[];
  startAtTask?: string;
  /** Set for `--step`: asked before each task. */
  step?: (play: string, task: string) => Promise<StepAnswer>;
  extraVars?: Vars;
  verbose?: number;
  /** How hosts are reached; the default opens SSH/local connections through a ConnectionPool. */
  connect?: Connect;
  /** Called once when the run ends (the default closes the pool). */
  closeConnections?: () => Promise<void>;
  /** Host key checking for the default SSH connections (default strict against ~/.ssh/known_hosts). */
  hostKeys?: HostKeyPolicy;
  /** Run-wide SSH settings from the command line (timeouts, -k password, key passphrase, --ssh-config). */
  ssh?: SshRunOptions;
  /** -u and -c: below the remote_user/connection keywords and every inventory var, as in Ansible. */
  cliConnection?: { user?: string; connection?: 'ssh' | 'local' };
  becomePassword?: string;
  signal?: AbortSignal;
  /** True when a human can answer prompts (pause). */
  interactive?: boolean;
  prompt?: (question: string, hidden?: boolean) => Promise<string>;
}

/** The end of a run: per-host counts and whether every host came through. */
export interface Recap {
  hosts: Record<string, HostCounts>;
  durationMs: number;
  /** False when any host failed or was unreachable. */
  ok: boolean;
  /** 0 when ok, 1 otherwise (see runner/cli/exit-codes.ts). */
  exitCode: number;
}
