// Every transport, registered in one map keyed on the connection type: adding a transport means
// adding its spec shape (spec.ts), its class, and one line here.
import { LocalTransport } from './local.js';
import type { SshConnectOptions } from './ssh-connect.js';
import { SshTransport } from './ssh.js';
import type { ConnectionSpec, ConnectionType, SpecOf } from './spec.js';
import type { Transport } from './types.js';

/** Run-wide settings the transports share (host key policy, agent, timeouts). */
export type TransportOptions = SshConnectOptions;

/** Builds the transport of one host from its spec. */
export type TransportBuilder<T extends ConnectionType> = (name: string, spec: SpecOf<T>, options: TransportOptions) => Transport;

/** The builder of each connection type; the type system refuses a missing one. */
export const transports: { [T in ConnectionType]: TransportBuilder<T> } = {
  ssh: (name, spec, options) => new SshTransport(name, spec, options),
  local: (name) => new LocalTransport(name),
};

/** The (not yet connected) transport for `spec`. */
export function createTransport(name: string, spec: ConnectionSpec, options: TransportOptions): Transport {
  return (transports[spec.type] as TransportBuilder<typeof spec.type>)(name, spec, options);
}
