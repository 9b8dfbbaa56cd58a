// Reads of cluster state shared by the modules: the member list from the first endpoint that
// answers, per-member Status over each member's own client URL, and who leads.
import { TaskError } from '../../errors.js';
import type { ModuleContext } from '../types.js';
import { connect, type ConnArgs, type EtcdConn } from './client.js';
import { describeEtcdError } from './errors.js';
import { hexId, toMember, type Member, type RawMember } from './members.js';

/** Status of one member as ferry reports it (ids hex). */
export interface MemberStatus {
  endpoint: string;
  id: string;
  leader: string;
  version: string;
  dbSize: number;
  raftTerm: number;
  raftIndex: number;
  raftAppliedIndex: number;
  isLearner: boolean;
  errors: string[];
}

/** The member list from the first endpoint that answers, with the connection that gave it and the cluster ID (hex). */
export async function listMembers(ctx: ModuleContext, args: ConnArgs): Promise<{ members: Member[]; conn: EtcdConn; clusterId: string }> {
  const problems: string[] = [];
  for (const ep of args.endpoints) {
    try {
      const conn = await connect(ctx, args, ep);
      const res = await conn.call('member list', (c) => c.cluster.memberList({ linearizable: true }));
      return { members: (res.members as RawMember[]).map(toMember), conn, clusterId: hexId(res.header.cluster_id) };
    } catch (e) {
      problems.push(e instanceof Error ? e.message : String(e));
    }
  }
  throw new TaskError(`no endpoint answered member list:\n  ${problems.join('\n  ')}`, { host: ctx.host, task: ctx.task });
}

/** Status of the member behind one endpoint (learners answer it too). */
export async function statusOf(ctx: ModuleContext, args: ConnArgs, endpoint: string): Promise<MemberStatus> {
  const conn = await connect(ctx, args, endpoint);
  const s = await conn.call('status', (c) => c.maintenance.status());
  return {
    endpoint,
    id: hexId(s.header.member_id),
    leader: hexId(s.leader),
    version: s.version,
    dbSize: Number(s.dbSize),
    raftTerm: Number(s.raftTerm),
    raftIndex: Number(s.raftIndex),
    raftAppliedIndex: Number(s.raftAppliedIndex),
    isLearner: !!s.isLearner,
    errors: s.errors ?? [],
  };
}

/** `member M advertises URL, which answers as member X` when the etcd behind a member's URL is another member; else null. */
export function identityProblem(endpoint: string, expected: { id: string; name?: string }, answeredId: string): string | null {
  if (answeredId === expected.id) return null;
  const who = `${expected.name ? `${expected.name} ` : ''}(${expected.id})`;
  return `member ${who} advertises ${endpoint}, which answers as member ${answeredId}: not known to be up (a wrong advertised client URL, or an address reused)`;
}

/** Status of a member through its advertised client URLs; null when none answers as that member (another member's answer is not its). */
export async function memberStatus(ctx: ModuleContext, args: ConnArgs, m: Member): Promise<MemberStatus | null> {
  for (const url of m.clientURLs) {
    try {
      const s = await statusOf(ctx, args, url);
      if (!identityProblem(url, m, s.id)) return s;
    } catch {
      // try its next URL; a member that answers on none counts as down
    }
  }
  return null;
}

/** Statuses of every started member, keyed by hex id; members that do not answer are absent. */
export async function memberStatuses(ctx: ModuleContext, args: ConnArgs, members: Member[]): Promise<Map<string, MemberStatus>> {
  const rows = await Promise.all(members.filter((m) => m.started).map(async (m) => [m.id, await memberStatus(ctx, args, m)] as const));
  return new Map(rows.filter((r): r is [string, MemberStatus] => r[1] !== null));
}

/** The current leader's id (hex) as the answering members see it, by majority of reports. */
export function leaderOf(statuses: Iterable<MemberStatus>): string | undefined {
  const votes = new Map<string, number>();
  for (const s of statuses) if (s.leader !== '0') votes.set(s.leader, (votes.get(s.leader) ?? 0) + 1);
  return [...votes].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** Formats a failure of a named endpoint without a stack. */
export function endpointProblem(endpoint: string, operation: string, err: unknown): string {
  return err instanceof TaskError ? err.message : describeEtcdError(endpoint, operation, err);
}
