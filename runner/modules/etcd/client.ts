// Admin-safe etcd3 clients: one per endpoint (the client shuffles hosts, so per-member calls need
// their own), reached through an SSH tunnel by default, no circuit breaker or retries, and a
// deadline on every call. Clients and tunnels are cached for the run in ctx.resources.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Etcd3, IOptions } from 'etcd3';
import { noop } from 'cockatiel';
import { TaskError } from '../../errors.js';
import type { ArgsAsWritten, ModuleContext } from '../types.js';
import type { Tunnel } from '../../transport/types.js';
import { etcdTaskError } from './errors.js';

/** JSON Schema properties of how to reach etcd, spread into each etcd module's schema. */
export const connArgsProperties = {
  endpoints: { type: 'array', items: { type: 'string', pattern: '^https?://' }, minItems: 1, description: 'client URLs as seen from the host the task runs on' },
  tunnel: { type: 'boolean', default: true, description: 'reach each endpoint through an SSH forward from that host' },
  ca_file: { type: 'string' },
  cert_file: { type: 'string' },
  key_file: { type: 'string' },
  server_name: { type: 'string', description: "TLS name to verify the server certificate against; defaults to the endpoint's host" },
  call_timeout: { type: 'number', exclusiveMinimum: 0, description: 'deadline of each gRPC call, seconds (default 5)' },
} as const;

/** How to reach etcd; shared by every etcd module (the schema's properties above). */
export type ConnArgs = ArgsAsWritten<{ type: 'object'; properties: typeof connArgsProperties; required: ['endpoints']; additionalProperties: false }>;

/** etcd3's client with the raw pool call exposed: its hashKV() calls a method gRPC names differently. */
export type AdminClient = Etcd3 & {
  /** Calls a gRPC method by its service and proto name, e.g. ('Maintenance', 'HashKV'). */
  raw<T>(service: string, method: string, payload: object): Promise<T>;
};

// etcd3 and gRPC take ~130 ms to load: only runs that reach etcd pay for them.
async function newAdminClient(options: IOptions): Promise<AdminClient> {
  const { Etcd3 } = await import('etcd3');
  const client = new Etcd3(options) as AdminClient;
  client.raw = <T>(service: string, method: string, payload: object) =>
    (client as unknown as { pool: { exec(s: string, m: string, p: object): Promise<unknown> } }).pool.exec(service, method, payload) as Promise<T>;
  return client;
}

/** A client bound to one endpoint, with the names used in error messages. */
export interface EtcdConn {
  endpoint: string;
  client: AdminClient;
  call<T>(operation: string, fn: (c: AdminClient) => Promise<T>): Promise<T>;
}

/** Reads a TLS file on the operator's machine, naming the argument when it is missing. */
function readLocal(ctx: ModuleContext, arg: string, path: string): Buffer {
  try {
    return readFileSync(resolve(ctx.baseDir, path));
  } catch (e) {
    throw new TaskError(`${arg}: cannot read ${path}: ${(e as Error).message}`, { host: ctx.host, task: ctx.task });
  }
}

/** Builds the etcd3 options for one local address, with TLS and fault handling off. */
function clientOptions(ctx: ModuleContext, args: ConnArgs, url: URL, local: string, tunneled: boolean): IOptions {
  const timeoutMs = (args.call_timeout ?? 5) * 1000;
  const opts: IOptions = {
    hosts: [`${url.protocol}//${local}`],
    dialTimeout: timeoutMs,
    faultHandling: { host: () => noop, global: noop },
    defaultCallOptions: (c) => (c.isStream ? {} : { deadline: Date.now() + timeoutMs }),
    // grpc-js's default 64 KB HTTP/2 window makes a snapshot through a tunnel crawl (69 MB: 4.8 s → 0.8 s).
    grpcOptions: { 'grpc-node.flow_control_window': 8 * 1024 * 1024 } as IOptions['grpcOptions'],
  };
  const tls = url.protocol === 'https:' || !!args.ca_file;
  if (args.ca_file) {
    opts.credentials = {
      rootCertificate: readLocal(ctx, 'ca_file', args.ca_file),
      ...(args.cert_file ? { certChain: readLocal(ctx, 'cert_file', args.cert_file) } : {}),
      ...(args.key_file ? { privateKey: readLocal(ctx, 'key_file', args.key_file) } : {}),
    };
  }
  // Through a tunnel we dial 127.0.0.1: verify the certificate against the real name instead.
  const name = args.server_name ?? (tunneled ? url.hostname.replace(/^\[|\]$/g, '') : undefined);
  if (tls && name) opts.grpcOptions = { ...opts.grpcOptions, 'grpc.ssl_target_name_override': name, 'grpc.default_authority': name };
  return opts;
}

/** Parses an endpoint URL, failing with the argument named. */
export function parseEndpoint(endpoint: string): { url: URL; host: string; port: number } {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new TaskError(`endpoints: ${endpoint} is not a URL like http://10.0.0.5:2379`, {});
  }
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  return { url, host: url.hostname.replace(/^\[|\]$/g, ''), port };
}

/** Host vars that stand in for absent TLS args, so a playbook need not repeat them on every etcd task. */
export const TLS_VARS = { ca_file: 'etcd_client_ca_file', cert_file: 'etcd_client_cert_file', key_file: 'etcd_client_key_file', server_name: 'etcd_client_server_name' } as const;

/** The args with TLS files taken from the host's vars (TLS_VARS) where the task gave none; '' means none. */
export function withTlsVars(ctx: ModuleContext, args: ConnArgs): ConnArgs {
  const out: ConnArgs = { ...args };
  for (const [arg, v] of Object.entries(TLS_VARS) as [keyof typeof TLS_VARS, string][]) {
    const value = args[arg] ?? ctx.vars?.[v];
    if (typeof value === 'string' && value !== '') out[arg] = value;
    else delete out[arg];
  }
  return out;
}

/** A client for one endpoint with its own tunnel, not cached: for what must outlive the run's cached clients (the lock's lease). */
export async function connectOwned(ctx: ModuleContext, given: ConnArgs, endpoint: string): Promise<EtcdConn & { close(): Promise<void> }> {
  const args = withTlsVars(ctx, given);
  const { url, host, port } = parseEndpoint(endpoint);
  const tunneled = args.tunnel !== false;
  const tunnel = tunneled ? await ctx.transport.openTunnel(host, port) : null;
  const local = tunnel ? `${tunnel.host.includes(':') ? `[${tunnel.host}]` : tunnel.host}:${tunnel.port}` : `${url.hostname}:${port}`;
  let client: AdminClient;
  try {
    client = await newAdminClient(clientOptions(ctx, args, url, local, tunneled));
  } catch (e) {
    // A bad TLS file: the tunnel opened for this client would otherwise stay open for good.
    await tunnel?.close();
    throw e;
  }
  return {
    endpoint,
    client,
    call: callOn(client, endpoint, ctx),
    close: async () => {
      client.close();
      await tunnel?.close();
    },
  };
}

/** An EtcdConn's `call`: runs `fn` on `client`, a failure named by endpoint, operation and host. */
function callOn(client: EtcdConn['client'], endpoint: string, ctx: ModuleContext): EtcdConn['call'] {
  return async (operation, fn) => {
    try {
      return await fn(client);
    } catch (e) {
      throw etcdTaskError(endpoint, operation, e, ctx.host);
    }
  };
}

/** A client for one endpoint, cached for the run (with its tunnel). */
export async function connect(ctx: ModuleContext, given: ConnArgs, endpoint: string): Promise<EtcdConn> {
  const args = withTlsVars(ctx, given);
  const { url, host, port } = parseEndpoint(endpoint);
  const tunneled = args.tunnel !== false;
  let local = `${url.hostname}:${port}`;
  if (tunneled) {
    const key = `etcd:tunnel:${ctx.transport.name}:${host}:${port}`;
    const t = await ctx.resources.get<Tunnel>(key, async () => {
      try {
        return await ctx.transport.openTunnel(host, port);
      } catch (e) {
        throw new TaskError(`${endpoint}: cannot open a tunnel from ${ctx.transport.name}: ${(e as Error).message}`, { host: ctx.host, task: ctx.task }, { cause: e });
      }
    }, (tun) => tun.close());
    local = `${t.host.includes(':') ? `[${t.host}]` : t.host}:${t.port}`;
  }
  const ckey = ['etcd:client', ctx.transport.name, tunneled, endpoint, args.ca_file, args.cert_file, args.key_file, args.server_name, args.call_timeout].join('|');
  const client = await ctx.resources.get(ckey, () => newAdminClient(clientOptions(ctx, args, url, local, tunneled)), (c) => c.close());
  return {
    endpoint,
    client,
    call: callOn(client, endpoint, ctx),
  };
}
