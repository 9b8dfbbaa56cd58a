// etcd_member: list, add (learner or voter), promote and remove members, each idempotent, so a
// rerun after any interruption continues from the cluster's real state.
import { fail, ok, type Module, type ModuleContext, type ModuleResult } from '../types.js';
import { connArgsProperties, type ConnArgs } from './client.js';
import { listMembers } from './cluster.js';
import { addMember } from './member-add.js';
import { promoteMember } from './member-promote.js';
import { removeMember } from './member-remove.js';

/** Arguments of etcd_member. */
export interface MemberArgs extends ConnArgs {
  /** list (default) | present (add) | promoted (promote a learner) | absent (remove). */
  state?: 'list' | 'present' | 'promoted' | 'absent';
  /** The member, by peer URL (never by name: unstarted members have none). */
  peer_url?: string;
  /** Name for the --initial-cluster string; defaults to etcd-<ip of peer_url>. */
  name?: string;
  /** Add as a learner (default true); false for etcd < 3.4. */
  learner?: boolean;
  /** Seconds to keep retrying transient refusals and catch-up (default 120). */
  timeout?: number;
  /** Move leadership away before removing the leader (default true). */
  move_leader?: boolean;
  /** Peer URLs preferred as the new leader when moving it (e.g. the new members). */
  prefer_leader?: string[];
}

/** Runs etcd_member. */
async function run(args: MemberArgs, ctx: ModuleContext): Promise<ModuleResult> {
  const state = args.state ?? 'list';
  if (state === 'list') {
    const { members } = await listMembers(ctx, args);
    return ok({ members, msg: `${members.length} member(s)` });
  }
  if (!args.peer_url) return fail(`state=${state} needs peer_url (members are found by peer URL)`);
  try {
    new URL(args.peer_url);
  } catch {
    return fail(`peer_url: ${args.peer_url} is not a URL like http://10.0.0.5:2380`);
  }
  if (state === 'present') return addMember(args as MemberArgs & { peer_url: string }, ctx);
  if (state === 'promoted') return promoteMember(args as MemberArgs & { peer_url: string }, ctx);
  return removeMember(args as MemberArgs & { peer_url: string }, ctx);
}

/** The etcd_member module. */
export const etcdMember: Module<MemberArgs> = {
  name: 'etcd_member',
  description: 'Lists, adds (learner or voter), promotes and removes etcd members by peer URL; idempotent',
  argsSchema: {
    type: 'object',
    properties: {
      ...connArgsProperties,
      state: { enum: ['list', 'present', 'promoted', 'absent'], default: 'list' },
      peer_url: { type: 'string', pattern: '^https?://' },
      name: { type: 'string', pattern: '^[A-Za-z0-9._-]+$' },
      learner: { type: 'boolean', default: true },
      timeout: { type: 'number', exclusiveMinimum: 0 },
      move_leader: { type: 'boolean', default: true },
      prefer_leader: { type: 'array', items: { type: 'string' } },
    },
    required: ['endpoints'],
    additionalProperties: false,
  },
  supportsCheck: true,
  supportsDiff: false,
  controlSide: true,
  run,
};
