// How to reach a host: one shape per kind of connection, keyed on `type`. Built by the loader
// from a host's vars (runner/load/connection-vars.ts); each transport reads only its own shape.

/** Host key checking: known_hosts only (strict), record unknown hosts (accept-new), or none (off). */
export type HostKeyMode = 'strict' | 'accept-new' | 'off';

/** One SSH endpoint: the target itself, or a jump host on the way to it. */
export interface SshEndpoint {
  address: string;
  port: number;
  user: string;
  /** An explicit key file (`ssh_private_key_file`), absolute; without it, config/agent/default keys. */
  privateKeyFile?: string;
  /** IdentityFile entries of the ssh config, tried in order after `privateKeyFile`. */
  identityFiles?: string[];
  /** known_hosts for this endpoint (`ssh_known_hosts_file`, UserKnownHostsFile), absolute. */
  knownHostsFile?: string;
  /** StrictHostKeyChecking from the ssh config or `ssh_host_key_checking`; `--host-key-checking` overrides. */
  hostKeyChecking?: HostKeyMode;
  /** TCP connect + key exchange, in ms (`ssh_timeout`, ConnectTimeout). */
  connectTimeoutMs?: number;
  /** Login password (`ansible_password`); never logged. */
  password?: string;
}

/** Reaching a host over SSH, possibly through jump hosts (ProxyJump), each host-key checked. */
export interface SshSpec extends SshEndpoint {
  type: 'ssh';
  /** Jump hosts, in the order they are reached (ProxyJump a,b: a first). */
  jumps?: SshEndpoint[];
  /** How long an authenticated login may take to start its session, in ms (`ssh_session_timeout`). */
  sessionTimeoutMs?: number;
  /** ServerAliveInterval in ms; 0 turns keepalives off. */
  serverAliveIntervalMs?: number;
  /** ServerAliveCountMax: unanswered keepalives before the connection is declared dead. */
  serverAliveCountMax?: number;
  /** Where each setting came from ("inventory var ssh_port", "~/.ssh/config:4"), for error messages. */
  origins?: Record<string, string>;
}

/** The control machine itself (`localhost`, `ansible_connection: local`, `delegate_to: localhost`). */
export interface LocalSpec {
  type: 'local';
}

/** Every way ferry reaches a host; a new transport adds its shape here and its builder in registry.ts. */
export type ConnectionSpec = SshSpec | LocalSpec;

/** The kinds of connection, e.g. `ssh`. */
export type ConnectionType = ConnectionSpec['type'];

/** The spec shape of one connection type. */
export type SpecOf<T extends ConnectionType> = Extract<ConnectionSpec, { type: T }>;
