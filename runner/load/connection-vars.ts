// How to reach a host, from its merged inventory vars: `ssh_*` names first, then Ansible's. The one
// place that maps connection vars to a transport's ConnectionSpec, recording where each setting
// came from so a bad value or a failed connection can name it.
import { homedir, userInfo } from 'node:os';
import { resolve } from 'node:path';
import { ConnectError } from '../errors.js';
import type { ConnectionSpec, HostKeyMode, SshSpec } from '../transport/spec.js';
import { LOCALHOST } from './groups.js';
import type { Vars } from './types.js';

/** Each setting's var names, in order of preference. */
export const CONNECTION_VARS = {
  address: ['ssh_host', 'ansible_host', 'ansible_ssh_host'],
  port: ['ssh_port', 'ansible_port', 'ansible_ssh_port'],
  user: ['ssh_user', 'ansible_user', 'ansible_ssh_user'],
  privateKeyFile: ['ssh_private_key_file', 'ansible_ssh_private_key_file', 'ansible_private_key_file'],
  knownHostsFile: ['ssh_known_hosts_file', 'ansible_ssh_known_hosts_file'],
  hostKeyChecking: ['ssh_host_key_checking', 'ansible_host_key_checking', 'ansible_ssh_host_key_checking'],
  password: ['ssh_password', 'ansible_password', 'ansible_ssh_pass', 'ansible_ssh_password'],
  connectTimeoutMs: ['ssh_timeout', 'ansible_ssh_timeout', 'ansible_timeout'],
  sessionTimeoutMs: ['ssh_session_timeout'],
  serverAliveIntervalMs: ['ssh_server_alive_interval'],
  serverAliveCountMax: ['ssh_server_alive_count_max'],
} as const;

type Setting = keyof typeof CONNECTION_VARS;

/** A setting's value and the var it came from. */
function pick(vars: Vars, setting: Setting): { value: unknown; from: string } | undefined {
  for (const n of CONNECTION_VARS[setting]) if (vars[n] !== undefined && vars[n] !== null) return { value: vars[n], from: n };
  return undefined;
}

/**
 * How to reach `hostName`; `localhost` is local unless `ansible_connection` says otherwise.
 * Relative key and known_hosts files resolve against `baseDir` (the inventory file's folder), so an
 * inventory and its files move together. Throws ConnectError naming the var of a bad value.
 */
export function connectionOf(hostName: string, vars: Vars, baseDir = process.cwd()): ConnectionSpec {
  const connection = vars.ansible_connection;
  if (connection === 'local' || (hostName === LOCALHOST && (connection === undefined || connection === null))) return { type: 'local' };
  const origins: Record<string, string> = {};
  const get = (setting: Setting) => {
    const found = pick(vars, setting);
    if (found) origins[setting] = `inventory var ${found.from}`;
    return found;
  };
  const bad = (setting: Setting, what: string, value: unknown): never => {
    throw new ConnectError(hostName, `${pick(vars, setting)!.from}: ${JSON.stringify(value)} is not ${what} (${origins[setting]})`);
  };
  const number = (setting: Setting, what: string, min: number, max: number, scale = 1) => {
    const found = get(setting);
    if (!found) return undefined;
    const n = typeof found.value === 'string' && found.value.trim() !== '' ? Number(found.value) : found.value;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) return bad(setting, what, found.value);
    return n * scale;
  };
  const file = (setting: Setting) => {
    const found = get(setting);
    return found ? resolve(baseDir, expandTilde(String(found.value))) : undefined;
  };
  const spec: SshSpec = {
    type: 'ssh',
    address: String(get('address')?.value ?? hostName),
    port: number('port', 'a port (1-65535)', 1, 65535) ?? 22,
    user: String(get('user')?.value ?? userInfo().username),
  };
  const optional = {
    privateKeyFile: file('privateKeyFile'),
    knownHostsFile: file('knownHostsFile'),
    hostKeyChecking: hostKeyChecking(get('hostKeyChecking')?.value, (v) => bad('hostKeyChecking', 'true, false, strict, accept-new or off', v)),
    password: get('password')?.value === undefined ? undefined : String(pick(vars, 'password')!.value),
    connectTimeoutMs: number('connectTimeoutMs', 'a number of seconds (1-3600)', 1, 3600, 1000),
    sessionTimeoutMs: number('sessionTimeoutMs', 'a number of seconds (1-86400)', 1, 86400, 1000),
    serverAliveIntervalMs: number('serverAliveIntervalMs', 'a number of seconds (0-3600; 0 turns keepalives off)', 0, 3600, 1000),
    serverAliveCountMax: number('serverAliveCountMax', 'a count (1-1000)', 1, 1000),
  };
  for (const [k, v] of Object.entries(optional)) if (v !== undefined) Object.assign(spec, { [k]: v });
  if (Object.keys(origins).length > 0) spec.origins = origins;
  return spec;
}

// Ansible's host_key_checking is a boolean; OpenSSH's StrictHostKeyChecking words are accepted too.
function hostKeyChecking(value: unknown, bad: (v: unknown) => never): HostKeyMode | undefined {
  if (value === undefined) return undefined;
  if (value === true || value === 'true' || value === 'yes' || value === 'strict') return 'strict';
  if (value === false || value === 'false' || value === 'no' || value === 'off') return 'off';
  if (value === 'accept-new') return 'accept-new';
  return bad(value);
}

// `~/x` is the home dir, as ssh reads IdentityFile and UserKnownHostsFile; resolve() would make it relative.
function expandTilde(path: string): string {
  return path === '~' || path.startsWith('~/') ? `${homedir()}${path.slice(1)}` : path;
}
