// etcd_leader: move leadership to a chosen member. MoveLeader must be sent to the current leader,
// so we find it through Status first, then poll until the new leader is in place.
import { TaskError } from '../../errors.js';
import { ok, fail, type ArgsOf, type Module, type ModuleContext, type ModuleResult } from '../types.js';
import { connArgsProperties, connect, type ConnArgs } from './client.js';
import { leaderOf, listMembers, memberStatus, memberStatuses } from './cluster.js';
import { isTransient } from './errors.js';
import { decimalId, findByPeerUrl, type Member } from './members.js';
import { retrying } from './retry.js';

/** Arguments of etcd_leader. */
const leaderArgsSchema = {
  type: 'object',
  properties: {
    ...connArgsProperties,
    target: { type: 'string', description: 'peer URL of the member that should lead' },
    timeout: { type: 'number', exclusiveMinimum: 0, description: 'seconds to wait for the move (default 30)' },
  },
  required: ['endpoints', 'target'],
  additionalProperties: false,
} as const;

/** Arguments of etcd_leader, as the module receives them. */
export type LeaderArgs = ArgsOf<typeof leaderArgsSchema>;

/** Finds the leader among the members (by their own Status answers). */
export async function findLeader(ctx: ModuleContext, args: ConnArgs, members: Member[]): Promise<Member | undefined> {
  const id = leaderOf((await memberStatuses(ctx, args, members)).values());
  return members.find((m) => m.id === id);
}

/** Moves leadership from `leader` to `target` and waits until `target` reports itself leader. */
export async function moveLeader(ctx: ModuleContext, args: ConnArgs, leader: Member, target: Member, timeoutMs: number): Promise<void> {
  const endpoint = leader.clientURLs[0];
  if (!endpoint) throw new TaskError(`leader ${leader.name || leader.id} has no client URL to send MoveLeader to`, { host: ctx.host });
  const conn = await connect(ctx, args, endpoint);
  ctx.progress(`moving leadership from ${leader.name || leader.id} to ${target.name || target.id}`);
  await retrying(() => conn.call('move leader', (c) => c.maintenance.moveLeader({ targetID: decimalId(target.id) })), {
    timeoutMs, retryIf: isTransient, signal: ctx.signal,
  });
  await retrying(async () => {
    const s = await memberStatus(ctx, args, target);
    if (s?.leader !== target.id) throw new TaskError(`leadership not yet on ${target.name || target.id}`, {});
  }, { timeoutMs, retryIf: () => true, signal: ctx.signal, initialDelayMs: 50, maxDelayMs: 500 });
}

/** Runs etcd_leader. */
async function run(args: LeaderArgs, ctx: ModuleContext): Promise<ModuleResult> {
  const { members } = await listMembers(ctx, args);
  const target = findByPeerUrl(members, args.target);
  if (!target) return fail(`target ${args.target} is not a member (members: ${members.map((m) => m.peerURLs.join(' ')).join(', ')})`);
  if (target.isLearner || !target.started) return fail(`target ${args.target} is ${target.isLearner ? 'a learner' : 'not started'}: only a started voter can lead`);
  const leader = await findLeader(ctx, args, members);
  if (!leader) return fail('no member reports a leader: the cluster may be without quorum');
  if (leader.id === target.id) return ok({ msg: `${target.name} already leads`, leader: target.id });
  if (ctx.check) return ok({ changed: true, msg: `would move leadership from ${leader.name} to ${target.name}`, leader: leader.id });
  await moveLeader(ctx, args, leader, target, (args.timeout ?? 30) * 1000);
  return ok({ changed: true, msg: `leadership moved from ${leader.name} to ${target.name}`, leader: target.id, previous_leader: leader.id });
}

/** The etcd_leader module. */
export const etcdLeader: Module<LeaderArgs> = {
  name: 'etcd_leader',
  description: 'Moves etcd leadership to the member with the given peer URL (no-op when it already leads)',
  argsSchema: leaderArgsSchema,
  supportsCheck: true,
  supportsDiff: false,
  controlSide: true,
  run,
};
