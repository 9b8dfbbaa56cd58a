// etcd_member state=absent: remove a member. A voter is removed only if the started voters left
// still make quorum; the leader hands over leadership first. Learners need no quorum (rollback).
import { fail, ok, type ModuleContext, type ModuleResult } from '../types.js';
import { connect, type EtcdConn } from './client.js';
import { leaderOf, listMembers, memberStatuses, statusOf } from './cluster.js';
import { etcdMessage, isClientDeadline, isTransient } from './errors.js';
import { moveLeader } from './leader.js';
import { decimalId, findByPeerUrl, pickTransferee, removalQuorumProblem, toMember, type Member, type RawMember } from './members.js';
import type { MemberArgs } from './member.js';
import { retrying } from './retry.js';

/** The given endpoints, then the other members' advertised client URLs: the member leaving may be the only one given. */
function endpointsBesides(args: MemberArgs, members: Member[], target: Member): string[] {
  return [...new Set([...args.endpoints, ...members.filter((m) => m.id !== target.id && m.started).flatMap((m) => m.clientURLs)])];
}

/** A connection to a member other than `target`, so the answer does not come from the one leaving. */
async function otherEndpoint(ctx: ModuleContext, args: MemberArgs, target: Member, fallback: EtcdConn, members: Member[]): Promise<EtcdConn> {
  for (const ep of endpointsBesides(args, members, target)) {
    try {
      const s = await statusOf(ctx, args, ep);
      if (s.id !== target.id && !s.isLearner) return await connect(ctx, args, ep);
    } catch {
      // try the next endpoint
    }
  }
  return fallback;
}

/** Removes the member with this peer URL; one already gone is ok. */
export async function removeMember(args: MemberArgs & { peer_url: string }, ctx: ModuleContext): Promise<ModuleResult> {
  const timeoutMs = (args.timeout ?? 120) * 1000;
  const { members, conn } = await listMembers(ctx, args);
  const target = findByPeerUrl(members, args.peer_url);
  if (!target) return ok({ msg: `${args.peer_url} is not a member (already removed)`, members, member: null });
  const label = `${target.name || '(unstarted)'} ${target.id}`;
  let moved: string | undefined;
  if (!target.isLearner) {
    const statuses = await memberStatuses(ctx, args, members);
    const problem = removalQuorumProblem(members, target, new Set(statuses.keys()));
    if (problem) return fail(`refusing to remove ${label}: ${problem}`, { members, member: target });
    if (leaderOf(statuses.values()) === target.id && args.move_leader !== false) {
      const to = pickTransferee(members, target.id, args.prefer_leader ?? [], new Set(statuses.keys()));
      if (!to) return fail(`refusing to remove leader ${label}: no started voter answers to take over leadership`, { members, member: target });
      moved = to.name || to.id;
      if (!ctx.check) await moveLeader(ctx, args, target, to, timeoutMs);
    }
  }
  const then = moved ? ` after moving leadership to ${moved}` : '';
  if (ctx.check) return ok({ changed: true, msg: `would remove ${label}${then}`, members, member: target });
  let via = await otherEndpoint(ctx, args, target, conn, members);
  const what = `member remove ${target.id}`;
  let after: Member[];
  try {
    const res = await retrying(() => via.call(what, (c) => c.cluster.memberRemove({ ID: decimalId(target.id) })), {
      timeoutMs,
      retryIf: isTransient,
      signal: ctx.signal,
      onRetry: async (e, n) => {
        if (isClientDeadline(e)) via = await otherEndpoint(ctx, args, target, via, members);
        ctx.progress(`${what}: ${etcdMessage(e)}; retrying (attempt ${n})`);
      },
    });
    after = (res.members as RawMember[]).map(toMember);
  } catch (e) {
    // The answer can be lost though the remove went through (a retried first attempt: `member not
    // found`; a member shutting down as the change applied: `server stopped`): the member list decides.
    const now = await listMembers(ctx, { ...args, endpoints: endpointsBesides(args, members, target) }).catch(() => null);
    if (!now || findByPeerUrl(now.members, args.peer_url)) throw e;
    after = now.members;
  }
  return ok({ changed: true, msg: `removed ${label} (${args.peer_url})${then}`, members: after, member: target, ...(moved ? { moved_leader_to: moved } : {}) });
}
