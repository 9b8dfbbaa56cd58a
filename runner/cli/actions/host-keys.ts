// --known-hosts / --host-key-checking → the transport's HostKeyPolicy.
import { resolve } from 'node:path';
import { defaultHostKeyPolicy, type HostKeyPolicy } from '../../transport/host-key-policy.js';

/** The policy for the flags: strict against ~/.ssh/known_hosts (or a host's ssh_known_hosts_file) unless told otherwise. */
export function hostKeyPolicy(mode: string | undefined, knownHosts: string | undefined, cwd: string): HostKeyPolicy {
  const base = defaultHostKeyPolicy();
  return {
    ...base,
    mode: (mode ?? 'strict') as HostKeyPolicy['mode'],
    file: knownHosts ? resolve(cwd, knownHosts) : base.file,
    ...(knownHosts ? { fileFromFlag: true } : {}),
    ...(mode ? { modeFromFlag: true } : {}),
  };
}
