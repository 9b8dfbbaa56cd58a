// How to reach a host, from its merged inventory vars: `ssh_*` names first, then Ansible's.
// The one place that maps connection vars to a transport's ConnectionSpec.
import { homedir, userInfo } from 'node:os';
import { resolve } from 'node:path';
import type { ConnectionSpec } from '../transport/spec.js';
import { LOCALHOST } from './groups.js';
import type { Vars } from './types.js';

function pick(vars: Vars, ...names: string[]): unknown {
  for (const n of names) if (vars[n] !== undefined && vars[n] !== null) return vars[n];
  return undefined;
}

/**
 * How to reach `hostName`; `localhost` is local unless `ansible_connection` says otherwise.
 * Relative key and known_hosts files resolve against `baseDir` (the inventory file's folder), so an
 * inventory and its files move together.
 */
export function connectionOf(hostName: string, vars: Vars, baseDir = process.cwd()): ConnectionSpec {
  const connection = pick(vars, 'ansible_connection');
  if (connection === 'local' || (hostName === LOCALHOST && connection === undefined)) return { type: 'local' };
  const key = pick(vars, 'ssh_private_key_file', 'ansible_ssh_private_key_file');
  const knownHosts = pick(vars, 'ssh_known_hosts_file', 'ansible_ssh_known_hosts_file');
  return {
    type: 'ssh',
    address: String(pick(vars, 'ssh_host', 'ansible_host') ?? hostName),
    port: Number(pick(vars, 'ssh_port', 'ansible_port') ?? 22),
    user: String(pick(vars, 'ssh_user', 'ansible_user') ?? userInfo().username),
    ...(key === undefined ? {} : { privateKeyFile: resolve(baseDir, expandTilde(String(key))) }),
    ...(knownHosts === undefined ? {} : { knownHostsFile: resolve(baseDir, expandTilde(String(knownHosts))) }),
  };
}

// `~/x` is the home dir, as ssh reads IdentityFile and UserKnownHostsFile; resolve() would make it relative.
function expandTilde(path: string): string {
  return path === '~' || path.startsWith('~/') ? `${homedir()}${path.slice(1)}` : path;
}
