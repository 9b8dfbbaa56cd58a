// How to reach a host, from its merged inventory vars: `ssh_*` names first, then Ansible's. The one
// place that maps connection vars to a transport's ConnectionSpec, recording where each setting
// came from so a bad value or a failed connection can name it.
import { homedir, userInfo } from 'node:os';
import { resolve } from 'node:path';
import type { ConnectionSpec, HostKeyMode, SshSpec } from '../transport/spec.js';
import { FerryError } from '../errors.js';
import { type ConnectionProblem, type Ctx, fail } from './connection-problems.js';
import { LOCALHOST } from './groups.js';
import { parseSshArgs } from './ssh-args.js';
import { sshConfigFor, type HostSshConfig } from './ssh-config.js';
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
  jumps: ['ssh_proxy_jump'],
} as const;

/** The OpenSSH option (ssh config, `-o`) each setting also reads, after the inventory vars. */
const SSH_OPTION: Partial<Record<Setting, string>> = {
  address: 'hostname', port: 'port', user: 'user', privateKeyFile: 'identityfile', knownHostsFile: 'userknownhostsfile',
  hostKeyChecking: 'stricthostkeychecking', connectTimeoutMs: 'connecttimeout', serverAliveIntervalMs: 'serveraliveinterval',
  serverAliveCountMax: 'serveralivecountmax', jumps: 'proxyjump',
};

/** Run-wide inputs: the --ssh-config file, the home dir for ~/.ssh/config; `problems` collects instead of throwing (validate). */
export interface ConnectionOptions {
  sshConfigFile?: string;
  home?: string;
  problems?: ConnectionProblem[];
  /** The `connection` keyword: used when the host's vars name none. */
  connection?: 'ssh' | 'local';
  /** The `remote_user` keyword: the login user when no inventory var names one (as in Ansible). */
  remoteUser?: string;
  /** `-u`: below the remote_user keyword and the inventory vars (Ansible's command-line rank). */
  cliUser?: string;
  /** `-c`: below the connection keyword and ansible_connection. */
  cliConnection?: 'ssh' | 'local';
}

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
export function connectionOf(hostName: string, vars: Vars, baseDir = process.cwd(), options: ConnectionOptions = {}): ConnectionSpec {
  const connection = vars.ansible_connection ?? options.connection ?? options.cliConnection;
  if (connection === 'local' || (hostName === LOCALHOST && (connection === undefined || connection === null))) return { type: 'local' };
  const ctx: Ctx = { host: hostName, problems: options.problems };
  const args = sshArgsOf(ctx, vars);
  const destination = String(pick(vars, 'address')?.value ?? hostName);
  const configFile = configFileOf(vars, args, baseDir, options);
  const config = readConfig(ctx, configFile, destination);
  const endpoint = readEndpoint(ctx, vars, args, config, baseDir, destination, true);
  const jumpsAt = lookup(vars, args, config, 'jumps');
  const jumps = jumpsAt && String(jumpsAt.value).toLowerCase() !== 'none'
    ? String(jumpsAt.value).split(',').flatMap((j) => jumpEndpoint(ctx, j.trim(), jumpsAt, endpoint.spec, baseDir, configFile) ?? [])
    : [];
  const spec: SshSpec = { type: 'ssh', ...endpoint.spec, ...(jumps.length ? { jumps } : {}) };
  if (jumpsAt) endpoint.origins.jumps = jumpsAt.origin;
  const keywordUser = options.remoteUser ? { user: options.remoteUser, origin: 'remote_user keyword' } : options.cliUser ? { user: options.cliUser, origin: '-u' } : undefined;
  if (keywordUser && !pick(vars, 'user')) {
    spec.user = keywordUser.user;
    endpoint.origins.user = keywordUser.origin;
  }
  if (Object.keys(endpoint.origins).length > 0) spec.origins = endpoint.origins;
  return spec;
}

// varValue: the var as written, when it holds more than this value (ansible_ssh_common_args).
type Found = { value: unknown; values?: string[]; origin: string; name: string; varName?: string; varValue?: unknown; configAt?: string };

// A setting from the inventory vars, else from ansible_ssh_common_args, else from the ssh config.
function lookup(vars: Vars | undefined, args: Map<string, string> | undefined, config: HostSshConfig, setting: Setting): Found | undefined {
  const own = vars && pick(vars, setting);
  if (own) return { value: own.value, origin: `inventory var ${own.from}`, name: own.from, varName: own.from };
  const option = SSH_OPTION[setting];
  if (!option) return undefined;
  const arg = args?.get(option);
  if (arg !== undefined) {
    const varName = typeof vars?.ansible_ssh_common_args === 'string' && vars.ansible_ssh_common_args.includes(arg) ? 'ansible_ssh_common_args' : 'ansible_ssh_extra_args';
    return { value: arg, values: [arg], origin: `ansible_ssh_common_args (${option})`, name: option, varName, varValue: vars?.[varName] };
  }
  const c = config.get(option);
  return c && { value: c.value, values: c.values, origin: `ssh config ${c.origin}`, name: c.option, configAt: c.origin.replace(/ \(.*$/, '') };
}

function sshArgsOf(ctx: Ctx, vars: Vars): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of ['ansible_ssh_common_args', 'ansible_ssh_extra_args']) {
    const text = vars[name];
    if (typeof text !== 'string' || text.trim() === '') continue;
    try {
      for (const [k, v] of parseSshArgs(text, name)) if (!out.has(k)) out.set(k, v);
    } catch (err) {
      fail(ctx, { message: (err as Error).message, varName: name, value: text });
    }
  }
  return out;
}

/** Which ssh config a host reads, and whether it must exist (it was named, not the default). */
interface ConfigFile {
  path: string;
  required: boolean;
  origin?: string;
  /** The var's value as written, when named by ssh_config_file. */
  value?: unknown;
}

// ssh_config_file, then -F in the args, then --ssh-config, then ~/.ssh/config if it exists.
function configFileOf(vars: Vars, args: Map<string, string>, baseDir: string, options: ConnectionOptions): ConfigFile {
  if (vars.ssh_config_file !== undefined && vars.ssh_config_file !== null) {
    return { path: resolve(baseDir, expandTilde(String(vars.ssh_config_file))), required: true, origin: 'inventory var ssh_config_file', value: vars.ssh_config_file };
  }
  const f = args.get('configfile');
  if (f !== undefined) return { path: resolve(baseDir, expandTilde(f)), required: true, origin: 'ansible_ssh_common_args -F' };
  if (options.sshConfigFile) return { path: options.sshConfigFile, required: true, origin: '--ssh-config' };
  return { path: resolve(options.home ?? homedir(), '.ssh', 'config'), required: false };
}

function readConfig(ctx: Ctx, file: ConfigFile, name: string): HostSshConfig {
  try {
    return sshConfigFor(file.path, name, file.required);
  } catch (err) {
    if (!(err instanceof FerryError)) throw err;
    const configAt = /^ssh config (\S+:\d+):/.exec(err.message)?.[1];
    fail(ctx, { message: `${err.message}${file.origin ? ` (${file.origin})` : ''}`, ...(configAt ? { configAt } : file.origin === 'inventory var ssh_config_file' ? { varName: 'ssh_config_file', value: file.value } : {}) });
    return new Map();
  }
}

// One endpoint's settings with their origins; `full` adds the settings only the target has.
function readEndpoint(ctx: Ctx, vars: Vars | undefined, args: Map<string, string> | undefined, config: HostSshConfig, baseDir: string, destination: string, full: boolean) {
  const origins: Record<string, string> = {};
  const get = (setting: Setting) => {
    const found = lookup(vars, args, config, setting);
    if (found) origins[setting] = found.origin;
    return found;
  };
  const bad = (setting: Setting, what: string, found: Found): undefined => {
    delete origins[setting];
    return fail(ctx, { message: `${found.name}: ${JSON.stringify(found.value)} is not ${what} (${found.origin})`, varName: found.varName, value: found.varValue ?? found.value, configAt: found.configAt });
  };
  const number = (setting: Setting, what: string, min: number, max: number, scale = 1) => {
    const found = get(setting);
    if (!found) return undefined;
    const n = typeof found.value === 'string' && found.value.trim() !== '' ? Number(found.value) : found.value;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) return bad(setting, what, found);
    return n * scale;
  };
  const file = (value: unknown) => resolve(baseDir, expandTilde(String(value)));
  const address = get('address');
  const key = get('privateKeyFile');
  const known = get('knownHostsFile');
  const checking = get('hostKeyChecking');
  const spec: Omit<SshSpec, 'type'> = {
    address: address ? String(address.value).replace(/%h/g, destination).replace(/%%/g, '%') : destination,
    port: number('port', 'a port (1-65535)', 1, 65535) ?? 22,
    user: String(get('user')?.value ?? userInfo().username),
  };
  const password = full && vars ? pick(vars, 'password') : undefined;
  const optional = {
    ...(key?.origin.startsWith('inventory var') ? { privateKeyFile: file(key.value) } : key ? { identityFiles: (key.values ?? [String(key.value)]).map(file) } : {}),
    knownHostsFile: known ? file(String(known.value).split(/\s+/)[0]) : undefined,
    hostKeyChecking: checking ? hostKeyChecking(checking.value, () => bad('hostKeyChecking', 'true, false, yes, no, strict, accept-new or off', checking)) : undefined,
    password: password === undefined ? undefined : String(password.value),
    connectTimeoutMs: number('connectTimeoutMs', 'a number of seconds (1-3600)', 1, 3600, 1000),
    ...(full ? {
      sessionTimeoutMs: number('sessionTimeoutMs', 'a number of seconds (1-86400)', 1, 86400, 1000),
      serverAliveIntervalMs: number('serverAliveIntervalMs', 'a number of seconds (0-3600; 0 turns keepalives off)', 0, 3600, 1000),
      serverAliveCountMax: number('serverAliveCountMax', 'a count (1-1000)', 1, 1000),
    } : {}),
  };
  for (const [k, v] of Object.entries(optional)) if (v !== undefined) Object.assign(spec, { [k]: v });
  return { spec, origins };
}

// A ProxyJump entry `[user@]host[:port]`, completed from the ssh config's block for that host, as
// ssh does; a jump host without its own key or known_hosts file uses the target's.
function jumpEndpoint(ctx: Ctx, entry: string, at: Found, target: Omit<SshSpec, 'type'>, baseDir: string, file: ConfigFile) {
  const m = /^(?:([^@]+)@)?(\[[^\]]+\]|[^:@\s]+)(?::(\d+))?$/.exec(entry);
  const port = m?.[3] === undefined ? undefined : Number(m[3]);
  if (!m || (port !== undefined && (port < 1 || port > 65535))) {
    return fail(ctx, { message: `ProxyJump entry "${entry}" is not [user@]host[:port] (${at.origin})`, varName: at.varName, value: at.varValue ?? at.value, configAt: at.configAt });
  }
  const name = m[2]!.replace(/^\[|\]$/g, '');
  const jump = readEndpoint(ctx, undefined, undefined, readConfig(ctx, file, name), baseDir, name, false).spec;
  if (m[1]) jump.user = m[1];
  if (m[3]) jump.port = Number(m[3]);
  if (!jump.privateKeyFile && !jump.identityFiles) Object.assign(jump, target.privateKeyFile ? { privateKeyFile: target.privateKeyFile } : target.identityFiles ? { identityFiles: target.identityFiles } : {});
  if (!jump.knownHostsFile && target.knownHostsFile) jump.knownHostsFile = target.knownHostsFile;
  return jump;
}

// Ansible's host_key_checking is a boolean; OpenSSH's StrictHostKeyChecking words are accepted too.
function hostKeyChecking(value: unknown, bad: (v: unknown) => undefined): HostKeyMode | undefined {
  if (value === undefined) return undefined;
  if (value === true || value === 'true' || value === 'yes' || value === 'strict' || value === 'ask') return 'strict'; // ask: no one to ask
  if (value === false || value === 'false' || value === 'no' || value === 'off') return 'off';
  if (value === 'accept-new') return 'accept-new';
  return bad(value);
}

// `~/x` is the home dir, as ssh reads IdentityFile and UserKnownHostsFile; resolve() would make it relative.
function expandTilde(path: string): string {
  return path === '~' || path.startsWith('~/') ? `${homedir()}${path.slice(1)}` : path;
}
