// etcd_member state=promoted: promote a learner once it is in sync. etcd refuses until the
// learner has ~90% of the leader's log; we retry for as long as the learner's catch-up makes
// progress (applied index or db size growing), show it, and give up only once it stalls.
import { TaskError } from '../../errors.js';
import { fail, ok, type ModuleContext, type ModuleResult } from '../types.js';
import type { ConnArgs, EtcdConn } from './client.js';
import { listMembers, memberStatus, statusOf } from './cluster.js';
import { etcdMessage, isClientDeadline, isLearnerNotReady, isTransient } from './errors.js';
import { decimalId, findByPeerUrl, toMember, type Member, type RawMember } from './members.js';
import type { MemberArgs } from './member.js';
import { retrying } from './retry.js';

/** A progress line like `learner 4a5820… applied 1200/5000 (24%)`. */
export function catchUpLine(learner: Member, applied: number | null, leaderIndex: number | null): string {
  const who = `learner ${learner.id.slice(0, 6)}…${learner.name ? ` (${learner.name})` : ''}`;
  if (applied === null) return `${who} not answering Status yet (not started?)`;
  if (!leaderIndex) return `${who} applied ${applied}`;
  return `${who} applied ${applied}/${leaderIndex} (${Math.min(100, Math.floor((applied * 100) / leaderIndex))}%)`;
}

/** What one look at the learner found. */
export interface CatchUp {
  line: string;
  applied: number | null;
  dbSize: number | null;
}

/** Tracks the best catch-up seen; `advanced` says whether this sample moved past it. */
export class CatchUpProgress {
  private applied = -1;
  private dbSize = -1;
  lastProgressAt = Date.now();
  /** Records a sample; true (and the clock reset) when the learner applied more or stored more than ever before. */
  record(s: CatchUp, now = Date.now()): boolean {
    const advanced = (s.applied ?? -1) > this.applied || (s.dbSize ?? -1) > this.dbSize;
    this.applied = Math.max(this.applied, s.applied ?? -1);
    this.dbSize = Math.max(this.dbSize, s.dbSize ?? -1);
    if (advanced) this.lastProgressAt = now;
    return advanced;
  }
}

/** Reads the learner's applied index and db size, and the leader's raft index, for the progress line. */
async function catchUp(ctx: ModuleContext, args: ConnArgs, endpoint: string, peerUrl: string): Promise<CatchUp> {
  const { members } = await listMembers(ctx, args);
  const learner = findByPeerUrl(members, peerUrl);
  if (!learner) return { line: `${peerUrl} is no longer a member`, applied: null, dbSize: null };
  const mine = await memberStatus(ctx, args, learner);
  let leaderIndex: number | null = null;
  try {
    const via = await statusOf(ctx, args, endpoint);
    const leader = members.find((m) => m.id === via.leader);
    const ls = leader && leader.id !== via.id ? await memberStatus(ctx, args, leader) : via;
    leaderIndex = ls?.raftIndex ?? via.raftIndex;
  } catch {
    // the line still shows the learner's side
  }
  return { line: catchUpLine(learner, mine?.raftAppliedIndex ?? null, leaderIndex), applied: mine?.raftAppliedIndex ?? null, dbSize: mine?.dbSize ?? null };
}

/** Promotes the learner with this peer URL; a voter already is ok. */
export async function promoteMember(args: MemberArgs & { peer_url: string }, ctx: ModuleContext): Promise<ModuleResult> {
  const listed = await listMembers(ctx, args);
  const { members } = listed;
  let conn: EtcdConn = listed.conn;
  const target = findByPeerUrl(members, args.peer_url);
  // In check mode an add before this one was only planned: report the promote it would do.
  if (!target && ctx.check) return ok({ changed: true, msg: `would promote ${args.peer_url} once added and in sync`, members, member: null });
  if (!target) return fail(`${args.peer_url} is not a member: add it first (state: present)`, { members });
  if (!target.isLearner) return ok({ msg: `${target.name || target.id} is already a voting member`, members, member: target });
  if (ctx.check) return ok({ changed: true, msg: `would promote learner ${target.id} (${args.peer_url})`, members, member: target });
  const what = `member promote ${target.id}`;
  const stallMs = (args.timeout ?? 120) * 1000;
  const progress = new CatchUpProgress();
  let last: CatchUp | undefined;
  let shown = '';
  const res = await retrying(() => conn.call(what, (c) => c.cluster.memberPromote({ ID: decimalId(target.id) })), {
    timeoutMs: stallMs,
    since: () => progress.lastProgressAt,
    retryIf: (e) => isLearnerNotReady(e) || isTransient(e),
    signal: ctx.signal,
    onRetry: async (e) => {
      // The member answering may be the one that went away (a leader killed): ask the next one.
      if (isClientDeadline(e)) conn = (await listMembers(ctx, args).catch(() => null))?.conn ?? conn;
      if (!isLearnerNotReady(e)) return ctx.progress(`${what}: ${etcdMessage(e)}; retrying`);
      last = await catchUp(ctx, args, conn.endpoint, args.peer_url).catch(() => last);
      if (last) progress.record(last);
      const idle = Math.floor((Date.now() - progress.lastProgressAt) / 1000);
      const line = `${last?.line ?? etcdMessage(e)}${idle >= 5 ? `; no progress for ${idle}s (gives up after ${stallMs / 1000}s)` : ''}`;
      if (line !== shown) ctx.progress((shown = line));
    },
  }).catch(async (e) => {
    // A retry after a promote that went through but whose answer was lost: check the list.
    const again = await listMembers(ctx, args);
    const now = findByPeerUrl(again.members, args.peer_url);
    if (now && !now.isLearner) return { members: [] as RawMember[], recovered: again.members };
    if (isLearnerNotReady(e)) {
      throw new TaskError(`learner ${target.id} (${args.peer_url}) stopped catching up: no progress for ${stallMs / 1000}s (${last?.line ?? 'no Status answer'}); promote gave up`, {}, { cause: e });
    }
    throw e;
  });
  const after = 'recovered' in res ? res.recovered : (res.members as RawMember[]).map(toMember);
  return ok({ changed: true, msg: `promoted ${target.id} (${args.peer_url}) to a voting member`, members: after, member: findByPeerUrl(after, args.peer_url) ?? null });
}
