// etcd_topology: the migration's facts from the inventory alone (old/new members with ip, name,
// peer and client URL; endpoint lists; the final --initial-cluster), and, given an etcd_status
// result, where the cluster stands (which new hosts joined, learners or not, what is wrong).
// Pure: reads ctx.vars (groups, hostvars) and its args, sends nothing anywhere. Register the result.
import { ok, fail, type ArgsOf, type Module, type ModuleContext, type ModuleResult } from '../types.js';
import { normalizeUrl, type Member } from './members.js';
import { assessCluster, type StatusInput } from './topology-assess.js';
import { checkDeadNames } from './topology-dead.js';

/** One etcd host of the plan. */
export interface PlanMember {
  host: string;
  ip: string;
  name: string;
  peer_url: string;
  client_url: string;
  peer_port: number;
  client_port: number;
}

/** Arguments of etcd_topology. */
const topologyArgsSchema = {
  type: 'object',
  properties: {
    old_group: { type: 'string' },
    new_group: { type: 'string' },
    learners: { enum: ['auto', true, false, 'true', 'false'], description: 'auto (from the version etcd reports: learners from 3.4), or forced' },
    status: { type: 'object', description: 'an etcd_status result (with members); adds `state` to the facts' },
    dead_members: { type: 'array', items: { type: 'string' }, description: 'old hosts the operator declares dead (etcd_dead_members): removed if etcd also finds them unreachable' },
  },
  additionalProperties: false,
} as const;

/** Arguments of etcd_topology; `status` is read as the etcd_status result it must be. */
export type TopologyArgs = Omit<ArgsOf<typeof topologyArgsSchema>, 'status'> & { status?: StatusInput };

type Vars = Record<string, unknown>;

/** A host's etcd address and URLs from its vars (etcd_ip, then ssh_host/ansible_host, then its name). */
export function planMember(host: string, hv: Vars): PlanMember {
  const ip = String(hv.etcd_ip ?? hv.ssh_host ?? hv.ansible_host ?? host);
  const clientScheme = hv.etcd_cert_file ? 'https' : 'http';
  const peerScheme = hv.etcd_peer_cert_file ? 'https' : 'http';
  const clientPort = Number(hv.etcd_client_port ?? 2379);
  const peerPort = Number(hv.etcd_peer_port ?? 2380);
  return {
    host,
    ip,
    name: `etcd-${ip}`,
    peer_url: `${peerScheme}://${ip}:${peerPort}`,
    client_url: `${clientScheme}://${ip}:${clientPort}`,
    peer_port: peerPort,
    client_port: clientPort,
  };
}

/** Plans old → new from `groups` and `hostvars`; throws a message when the groups are unusable. */
export function planTopology(groups: Record<string, string[]>, hostvars: Record<string, Vars>, oldGroup = 'etcd_old', newGroup = 'etcd_new', dead: string[] = []): Vars {
  // One group for both: a fresh cluster (provisioning, health), planned as "new" only.
  const fresh = oldGroup === newGroup;
  const oldHosts = fresh ? [] : groups[oldGroup] ?? [];
  const newHosts = groups[newGroup] ?? [];
  if (newHosts.length === 0) throw new Error(`inventory group '${newGroup}' is empty or missing`);
  if (oldHosts.length === 0 && !fresh) throw new Error(`inventory group '${oldGroup}' is empty or missing`);
  const both = oldHosts.filter((h) => newHosts.includes(h));
  if (both.length > 0) throw new Error(`hosts in both ${oldGroup} and ${newGroup}: ${both.join(', ')}`);
  checkDeadNames(dead, oldHosts, newHosts);
  const old = oldHosts.map((h) => planMember(h, hostvars[h] ?? {}));
  // The dead last: every call tries endpoints in order, and a dead one costs a timeout.
  const live = old.filter((m) => !dead.includes(m.host));
  const gone = old.filter((m) => dead.includes(m.host));
  const neu = newHosts.map((h) => planMember(h, hostvars[h] ?? {}));
  const ips = [...old, ...neu].map((m) => m.ip);
  const dup = ips.filter((ip, i) => ips.indexOf(ip) !== i);
  if (dup.length > 0) throw new Error(`two etcd hosts share an address: ${[...new Set(dup)].join(', ')}`);
  return {
    old,
    new: neu,
    old_hosts: oldHosts,
    new_hosts: newHosts,
    old_ips: old.map((m) => m.ip),
    new_ips: neu.map((m) => m.ip),
    all_ips: ips,
    old_client_urls: old.map((m) => m.client_url),
    new_client_urls: neu.map((m) => m.client_url),
    new_peer_urls: neu.map((m) => m.peer_url),
    /** Old first: while joining, the old members are the ones that answer. */
    client_urls: [...live, ...neu, ...gone].map((m) => m.client_url),
    /** New first: while removing and after, the new members answer. */
    client_urls_new_first: [...neu, ...live, ...gone].map((m) => m.client_url),
    dead_hosts: gone.map((m) => m.host),
    dead_peer_urls: gone.map((m) => m.peer_url),
    new_size_odd: neu.length % 2 === 1,
    final_initial_cluster: neu.map((m) => `${m.name}=${m.peer_url}`).join(','),
    /** The host etcd calls tunnel through when no host is natural: it exists before, during and after. */
    runner: newHosts[0],
    probe_host: live[0]?.host ?? newHosts[0],
  };
}

/** The --initial-cluster `me` would get at its add, had every new host before it joined (for --check). */
export function plannedInitialCluster(members: Member[], neu: PlanMember[], me: PlanMember): string {
  const parts = members.map((m) => `${m.name || `etcd-${hostOf(m.peerURLs[0] ?? '')}`}=${m.peerURLs[0] ?? ''}`);
  const have = new Set(members.flatMap((m) => m.peerURLs.map(normalizeUrl)));
  for (const p of neu.slice(0, neu.indexOf(me) + 1)) if (!have.has(normalizeUrl(p.peer_url))) parts.push(`${p.name}=${p.peer_url}`);
  return parts.join(',');
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

/** Runs etcd_topology. */
async function run(args: TopologyArgs, ctx: ModuleContext): Promise<ModuleResult> {
  const groups = (ctx.vars.groups ?? {}) as Record<string, string[]>;
  const hostvars = (ctx.vars.hostvars ?? {}) as Record<string, Vars>;
  let topo: Vars;
  try {
    topo = planTopology(groups, hostvars, args.old_group, args.new_group, args.dead_members ?? []);
  } catch (e) {
    return fail(`etcd_topology: ${(e as Error).message}`);
  }
  const all = [...(topo.old as PlanMember[]), ...(topo.new as PlanMember[])];
  topo.me = all.find((m) => m.host === ctx.host) ?? null;
  if (args.status) {
    topo.state = assessCluster(topo.old as PlanMember[], topo.new as PlanMember[], args.status, args.learners ?? 'auto', args.dead_members ?? []);
    const me = topo.me as (PlanMember & { join_initial_cluster?: string }) | null;
    if (me && (topo.new as PlanMember[]).includes(me)) me.join_initial_cluster = plannedInitialCluster(args.status.members ?? [], topo.new as PlanMember[], me);
  }
  const state = topo.state as { summary?: string } | undefined;
  // Registered (`register: etcd_topo`), so the loader knows the name: fields sit at the top level.
  return ok({ ...topo, msg: state?.summary ?? `${(topo.old as unknown[]).length} old → ${(topo.new as unknown[]).length} new` });
}

/** The etcd_topology module. */
export const etcdTopology: Module<TopologyArgs> = {
  name: 'etcd_topology',
  description: 'Migration facts from the inventory (old/new members, URLs, endpoint lists, final initial-cluster) and, given etcd_status, where the cluster stands',
  argsSchema: topologyArgsSchema,
  supportsCheck: true,
  supportsDiff: false,
  controlSide: true,
  run,
};
