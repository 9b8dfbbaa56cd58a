// How to reach a host: one shape per kind of connection, keyed on `type`. Built by the loader
// from a host's vars (runner/load/connection-vars.ts); each transport reads only its own shape.

/** Reaching a host over SSH. */
export interface SshSpec {
  type: 'ssh';
  address: string;
  port: number;
  user: string;
  privateKeyFile?: string;
  /** known_hosts for this host (`ssh_known_hosts_file`), absolute; `--known-hosts` overrides it. */
  knownHostsFile?: string;
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
