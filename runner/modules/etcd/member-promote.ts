// etcd_member state=promoted: promote a learner once it is in sync. etcd refuses until the
// learner has ~90% of the leader's log; we retry with backoff and show the catch-up meanwhile.
import { fail, ok, type ModuleContext, type ModuleResult } from '../types.js';
import type { ConnArgs } from './client.js';
import { listMembers, memberStatus, statusOf } from './cluster.js';
import { etcdMessage, isLearnerNotReady, isTransient } from './errors.js';
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

/** Reads the learner's applied index and the leader's raft index, for the progress line. */
async function catchUp(ctx: ModuleContext, args: ConnArgs, endpoint: string, peerUrl: string): Promise<string> {
  const { members } = await listMembers(ctx, args);
  const learner = findByPeerUrl(members, peerUrl);
  if (!learner) return `${peerUrl} is no longer a member`;
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
  return catchUpLine(learner, mine?.raftAppliedIndex ?? null, leaderIndex);
}

/** Promotes the learner with this peer URL; a voter already is ok. */
export async function promoteMember(args: MemberArgs & { peer_url: string }, ctx: ModuleContext): Promise<ModuleResult> {
  const { members, conn } = await listMembers(ctx, args);
  const target = findByPeerUrl(members, args.peer_url);
  // In check mode an add before this one was only planned: report the promote it would do.
  if (!target && ctx.check) return ok({ changed: true, msg: `would promote ${args.peer_url} once added and in sync`, members, member: null });
  if (!target) return fail(`${args.peer_url} is not a member: add it first (state: present)`, { members });
  if (!target.isLearner) return ok({ msg: `${target.name || target.id} is already a voting member`, members, member: target });
  if (ctx.check) return ok({ changed: true, msg: `would promote learner ${target.id} (${args.peer_url})`, members, member: target });
  const what = `member promote ${target.id}`;
  const res = await retrying(() => conn.call(what, (c) => c.cluster.memberPromote({ ID: decimalId(target.id) })), {
    timeoutMs: (args.timeout ?? 120) * 1000,
    retryIf: (e) => isLearnerNotReady(e) || isTransient(e),
    signal: ctx.signal,
    onRetry: async (e) => {
      ctx.progress(isLearnerNotReady(e) ? await catchUp(ctx, args, conn.endpoint, args.peer_url).catch(() => etcdMessage(e)) : `${what}: ${etcdMessage(e)}; retrying`);
    },
  }).catch(async (e) => {
    // A retry after a promote that went through but whose answer was lost: check the list.
    const again = await listMembers(ctx, args);
    const now = findByPeerUrl(again.members, args.peer_url);
    if (now && !now.isLearner) return { members: [] as RawMember[], recovered: again.members };
    throw e;
  });
  const after = 'recovered' in res ? res.recovered : (res.members as RawMember[]).map(toMember);
  return ok({ changed: true, msg: `promoted ${target.id} (${args.peer_url}) to a voting member`, members: after, member: findByPeerUrl(after, args.peer_url) ?? null });
}
