// etcd_member state=present: add a member (a learner by default) and return the --initial-cluster
// string it must start with. Already a member → ok, with the same string, so reruns can template.
import { fail, ok, type ModuleContext, type ModuleResult } from '../types.js';
import { listMembers } from './cluster.js';
import { ETCD_MESSAGES, etcdMessage, isClientDeadline, isTransient, says } from './errors.js';
import { defaultMemberName, findByPeerUrl, initialCluster, otherLearner, toMember, type Member, type RawMember } from './members.js';
import type { MemberArgs } from './member.js';
import { retrying } from './retry.js';

/** The result shared by every outcome of an add. */
function addResult(members: Member[], args: MemberArgs & { peer_url: string }, changed: boolean, msg: string): ModuleResult {
  const name = args.name ?? defaultMemberName(args.peer_url);
  return ok({
    changed,
    msg,
    members,
    member: findByPeerUrl(members, args.peer_url) ?? null,
    name,
    initial_cluster: initialCluster(members, args.peer_url, name),
    initial_cluster_state: 'existing',
  });
}

/** Adds the member unless its peer URL is already in the cluster. */
export async function addMember(args: MemberArgs & { peer_url: string }, ctx: ModuleContext): Promise<ModuleResult> {
  const learner = args.learner !== false;
  const listed = await listMembers(ctx, args);
  const { members } = listed;
  let conn = listed.conn;
  const existing = findByPeerUrl(members, args.peer_url);
  if (existing) {
    return addResult(members, args, false, `${args.peer_url} is already a member (${existing.id}, ${existing.isLearner ? 'learner' : 'voter'}, ${existing.started ? 'started' : 'unstarted'})`);
  }
  if (ctx.check) {
    const planned: Member = { id: '(new)', name: '', peerURLs: [args.peer_url], clientURLs: [], isLearner: learner, started: false };
    return addResult([...members, planned], args, true, `would add ${args.peer_url} as a ${learner ? 'learner' : 'voter'}`);
  }
  const what = `member add ${args.peer_url}${learner ? ' --learner' : ''}`;
  try {
    const res = await retrying(() => conn.call(what, (c) => c.cluster.memberAdd({ peerURLs: [args.peer_url], isLearner: learner })), {
      timeoutMs: (args.timeout ?? 120) * 1000,
      retryIf: isTransient,
      signal: ctx.signal,
      onRetry: async (e, n) => {
        // The member that answered may be the one that went away: the next attempt asks another.
        if (isClientDeadline(e)) conn = (await listMembers(ctx, args).catch(() => null))?.conn ?? conn;
        ctx.progress(`${what}: ${etcdMessage(e)}; retrying (attempt ${n})`);
      },
    });
    const after = (res.members as RawMember[]).map(toMember);
    const added = findByPeerUrl(after, args.peer_url);
    return addResult(after, args, true, `added ${args.peer_url} as ${added?.id ?? '?'} (${learner ? 'learner' : 'voter'})`);
  } catch (e) {
    // A retried add whose first attempt went through: the member is there, which is what we want.
    if (says(e, ETCD_MESSAGES.peerUrlExists)) {
      const again = await listMembers(ctx, args);
      return addResult(again.members, args, true, `${args.peer_url} was added (an earlier attempt went through)`);
    }
    // The server decides how many learners it allows (one in 3.4/3.5); name the one in the way.
    const blocker = otherLearner(members, args.peer_url);
    if (says(e, ETCD_MESSAGES.tooManyLearners) && blocker) {
      return fail(`cannot add ${args.peer_url} as a learner: ${blocker.name || blocker.peerURLs.join(' ')} (${blocker.id}) is still a learner; ` +
        'etcd allows one learner at a time: promote or remove it first', { members });
    }
    throw e;
  }
}
