// etcd_status: one row per endpoint (reachable, health, leader, raft indexes, db size, version,
// learner flag, alarms), the key count and revision, and optionally HashKV consistency.
import { ok, type ArgsAsWritten, type Module, type ModuleContext, type ModuleResult } from '../types.js';
import { connArgsProperties, connect, type ConnArgs } from './client.js';
import { endpointProblem, identityProblem, leaderOf, listMembers, statusOf, type MemberStatus } from './cluster.js';
import { hashKvAt, hashMismatch, type Consistency } from './consistency.js';
import { hexId, normalizeUrl, type Member } from './members.js';
import { humanBytes, renderTable } from './table.js';

/** Arguments of etcd_status. */
const statusArgsSchema = {
  type: 'object',
  properties: {
    ...connArgsProperties,
    consistency: { type: 'boolean', default: false, description: 'HashKV of every voter at one revision must be equal' },
    expect_members: { type: 'array', items: { type: 'string' }, description: 'peer URLs the member list must equal exactly' },
    fail_on_unhealthy: { type: 'boolean', default: true, description: 'fail when an endpoint is unreachable or unhealthy, or an alarm is raised' },
    settle: {
      type: 'number',
      minimum: 0,
      maximum: 600,
      default: 0,
      description: 'seconds to keep polling while a member is unreachable or unhealthy (systemd restarts a killed etcd after RestartSec); the last poll is reported',
    },
    settle_except: { type: 'array', items: { type: 'string' }, description: 'peer URLs of members not waited for (the ones declared dead)' },
    members_from_list: {
      type: 'boolean',
      default: false,
      description: 'check every member of the member list (read through endpoints) at its advertised client URL instead of the given endpoints; an unstarted member is an unhealthy row',
    },
  },
  required: ['endpoints'],
  additionalProperties: false,
} as const;

/** Arguments of etcd_status, as the module receives them. */
export type StatusArgs = ArgsAsWritten<typeof statusArgsSchema>;

/** One endpoint's row. Health is a linearizable read on voters; learners only answer Status. */
export interface StatusRow extends Partial<MemberStatus> {
  endpoint: string;
  /** The member's peer URLs, when the row is for a listed member. */
  peerURLs?: string[];
  reachable: boolean;
  healthy: boolean;
  isLeader: boolean;
  alarms: string[];
  error?: string;
}

/** Range over the whole keyspace; `countOnly` gives the key count and the revision. */
const ALL_KEYS = { key: Buffer.from([0]), range_end: Buffer.from([0]), count_only: true };

/** Status plus a health read of one endpoint; never throws. */
async function row(ctx: ModuleContext, args: ConnArgs, endpoint: string): Promise<StatusRow> {
  let s: MemberStatus;
  try {
    s = await statusOf(ctx, args, endpoint);
  } catch (e) {
    return { endpoint, reachable: false, healthy: false, isLeader: false, alarms: [], error: endpointProblem(endpoint, 'status', e) };
  }
  const base = { ...s, reachable: true, isLeader: s.leader === s.id, alarms: [] as string[] };
  if (s.isLearner) return { ...base, healthy: s.errors.length === 0 };
  try {
    const conn = await connect(ctx, args, endpoint);
    await conn.call('health (linearizable get)', (c) => c.raw('KV', 'range', { key: Buffer.from('health') }));
    return { ...base, healthy: s.errors.length === 0 };
  } catch (e) {
    return { ...base, healthy: false, error: endpointProblem(endpoint, 'health', e) };
  }
}

/** The row, unhealthy when the endpoint answered as another member than the one it is listed for. */
function asMember(r: StatusRow, m: Member | undefined): StatusRow {
  const problem = m && r.reachable && r.id ? identityProblem(r.endpoint, m, r.id) : null;
  const named = m ? { ...r, peerURLs: m.peerURLs } : r;
  return problem ? { ...named, healthy: false, error: problem } : named;
}

/** The listed member that advertises `endpoint` as a client URL. */
function advertiser(members: Member[], endpoint: string): Member | undefined {
  return members.find((m) => m.clientURLs.some((u) => normalizeUrl(u) === normalizeUrl(endpoint)));
}

/** Rows for every listed member: its first client URL (answering as that member), or an unhealthy row when it has not started. */
async function memberRows(ctx: ModuleContext, args: ConnArgs): Promise<StatusRow[]> {
  const { members } = await listMembers(ctx, args);
  return Promise.all(members.map((m) => m.clientURLs[0]
    ? row(ctx, args, m.clientURLs[0]).then((r) => asMember(r, m))
    : Promise.resolve<StatusRow>({ endpoint: m.peerURLs[0] ?? m.id, peerURLs: m.peerURLs, id: m.id, reachable: false, healthy: false, isLeader: false, isLearner: m.isLearner, alarms: [], error: `member ${m.id} (${m.peerURLs.join(' ')}) has not started` })));
}

/** The etcdctl-style table of the rows. */
export function statusTable(rows: StatusRow[]): string {
  const headers = ['ENDPOINT', 'ID', 'VERSION', 'DB SIZE', 'IS LEADER', 'IS LEARNER', 'RAFT TERM', 'RAFT INDEX', 'RAFT APPLIED INDEX', 'HEALTH', 'ERRORS'];
  const cells = rows.map((r) => r.reachable
    ? [r.endpoint.replace(/^https?:\/\//, ''), r.id ?? '', r.version ?? '', humanBytes(r.dbSize ?? 0), String(r.isLeader), String(r.isLearner),
      String(r.raftTerm), String(r.raftIndex), String(r.raftAppliedIndex), r.healthy ? 'true' : 'false', [...(r.errors ?? []), ...r.alarms, r.error ?? ''].filter(Boolean).join('; ')]
    : [r.endpoint.replace(/^https?:\/\//, ''), '', '', '', '', '', '', '', '', 'false', r.error ?? 'unreachable']);
  return renderTable(headers, cells);
}

/** Problems with the member list against the expected peer URLs. */
function memberProblems(members: Member[], expected: string[]): string[] {
  const have = new Set(members.flatMap((m) => m.peerURLs.map(normalizeUrl)));
  const want = new Set(expected.map(normalizeUrl));
  const missing = [...want].filter((u) => !have.has(u));
  const extra = [...have].filter((u) => !want.has(u));
  return [...(missing.length ? [`missing members: ${missing.join(', ')}`] : []), ...(extra.length ? [`unexpected members: ${extra.join(', ')}`] : [])];
}

/** One poll: a row per member (members_from_list) or per endpoint. */
async function pollRows(ctx: ModuleContext, args: StatusArgs): Promise<StatusRow[]> {
  if (args.members_from_list) return memberRows(ctx, args);
  const rows = await Promise.all(args.endpoints.map((ep) => row(ctx, args, ep)));
  // An endpoint some member advertises must answer as that member.
  const listed = await listMembers(ctx, args).catch(() => null);
  return listed ? rows.map((r) => asMember(r, advertiser(listed.members, r.endpoint))) : rows;
}

/** The unhealthy rows worth waiting for: not a member the operator declared dead. */
function waitingFor(rows: StatusRow[], except: string[]): StatusRow[] {
  const skip = new Set(except.map(normalizeUrl));
  return rows.filter((r) => !r.healthy && !(r.peerURLs ?? []).some((u) => skip.has(normalizeUrl(u))));
}

/** Polls until every member not excepted is healthy, or `settle` seconds pass; the last poll. */
async function settledRows(ctx: ModuleContext, args: StatusArgs): Promise<StatusRow[]> {
  const deadline = Date.now() + (args.settle ?? 0) * 1000;
  let said = false;
  for (;;) {
    const rows = await pollRows(ctx, args).catch((e: unknown) => {
      if (Date.now() >= deadline) throw e;
      return null;
    });
    const waiting = rows ? waitingFor(rows, args.settle_except ?? []) : [];
    if (rows && (waiting.length === 0 || Date.now() >= deadline)) return rows;
    if (!said && rows) {
      ctx.progress(`waiting up to ${args.settle} s for ${waiting.map((r) => r.endpoint).join(', ')} to answer healthy`);
      said = true;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Runs etcd_status. */
async function run(args: StatusArgs, ctx: ModuleContext): Promise<ModuleResult> {
  const rows = await settledRows(ctx, args);
  const problems = rows.filter((r) => !r.healthy).map((r) => r.error ?? `${r.endpoint}: unhealthy (${(r.errors ?? []).join('; ')})`);
  const voter = rows.find((r) => r.healthy && !r.isLearner);
  let members: Member[] | undefined;
  let clusterId: string | undefined;
  let revision: number | undefined;
  let keyCount: number | undefined;
  let consistency: Consistency | undefined;
  // Expectations (members, hashes) fail regardless of fail_on_unhealthy.
  const mismatches: string[] = [];
  if (voter) {
    const conn = await connect(ctx, args, voter.endpoint);
    const alarms = await conn.call('alarm list', (c) => c.maintenance.alarm({ action: 'Get', memberID: 0, alarm: 'None' }));
    for (const a of alarms.alarms ?? []) {
      const owner = rows.find((r) => r.id === hexId(a.memberID));
      owner?.alarms.push(String(a.alarm));
      problems.push(`alarm ${a.alarm} on member ${hexId(a.memberID)}`);
    }
    const counted = await conn.call('count keys', (c) => c.raw<{ header: { revision: string }; count: string }>('KV', 'range', ALL_KEYS));
    revision = Number(counted.header.revision);
    keyCount = Number(counted.count);
    ({ members, clusterId } = await listMembers(ctx, { ...args, endpoints: [voter.endpoint] }));
    if (args.expect_members) mismatches.push(...memberProblems(members, args.expect_members));
    if (args.consistency) {
      consistency = await hashKvAt(ctx, args, rows.filter((r) => r.healthy && !r.isLearner).map((r) => r.endpoint), revision);
      if (!consistency.equal) mismatches.push(hashMismatch(consistency));
    }
  } else {
    problems.push('no healthy voting member answered');
  }
  const leaderId = leaderOf(rows.filter((r): r is StatusRow & MemberStatus => r.reachable));
  const table = statusTable(rows);
  const failed = mismatches.length > 0 || (problems.length > 0 && args.fail_on_unhealthy !== false);
  const all = [...mismatches, ...problems];
  return ok({
    failed,
    healthy: all.length === 0,
    msg: all.length ? all.join('\n') : `${rows.length} endpoint(s) healthy${consistency ? `, HashKV equal at revision ${revision}` : ''}`,
    endpoints: rows,
    leader: leaderId ?? null,
    revision: revision ?? null,
    key_count: keyCount ?? null,
    ...(members ? { members } : {}),
    cluster_id: clusterId ?? null,
    ...(consistency ? { consistency } : {}),
    table,
  });
}

/** The etcd_status module. */
export const etcdStatus: Module<StatusArgs> = {
  name: 'etcd_status',
  description: 'Health, leader, raft indexes, db size, version, learner flag and alarms per endpoint; optional HashKV consistency',
  argsSchema: statusArgsSchema,
  supportsCheck: true,
  supportsDiff: false,
  controlSide: true,
  run,
};
