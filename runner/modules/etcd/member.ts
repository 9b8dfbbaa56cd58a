// etcd_member: list, add (learner or voter), promote and remove members, each idempotent, so a
// rerun after any interruption continues from the cluster's real state.
import { fail, ok, type ArgsAsWritten, type Module, type ModuleContext, type ModuleResult } from '../types.js';
import { connArgsProperties } from './client.js';
import { listMembers } from './cluster.js';
import { addMember } from './member-add.js';
import { promoteMember } from './member-promote.js';
import { removeMember } from './member-remove.js';

/** Arguments of etcd_member. */
const memberArgsSchema = {
  type: 'object',
  properties: {
    ...connArgsProperties,
    state: { enum: ['list', 'present', 'promoted', 'absent'], default: 'list', description: 'list | present (add) | promoted (promote a learner) | absent (remove)' },
    peer_url: { type: 'string', pattern: '^https?://', description: 'the member, by peer URL (never by name: unstarted members have none)' },
    name: { type: 'string', pattern: '^[A-Za-z0-9._-]+$', description: 'name for the --initial-cluster string; defaults to etcd-<ip of peer_url>' },
    learner: { type: 'boolean', default: true, description: 'add as a learner; false for etcd < 3.4' },
    timeout: { type: 'number', exclusiveMinimum: 0, description: 'seconds to keep retrying transient refusals and catch-up (default 120)' },
    move_leader: { type: 'boolean', default: true, description: 'move leadership away before removing the leader' },
    learner_unit: { type: 'string', pattern: '^[A-Za-z0-9@._-]+$', description: 'promoted: the learner runs on the host the task runs for, under this systemd unit; its host is watched while it catches up (an exit stops the wait)' },
    learner_metrics_url: { type: 'string', pattern: '^($|http://)', description: "promoted, with learner_unit: etcd's --listen-metrics-urls on that host (e.g. http://127.0.0.1:2381), read through a tunnel for progress before etcd serves; '' for none" },
    learner_data_dir: { type: 'string', description: "promoted, with learner_unit: the learner's data dir; the snapshot it receives under member/snap counts as progress" },
    prefer_leader: { type: 'array', items: { type: 'string' }, description: 'peer URLs preferred as the new leader when moving it (e.g. the new members)' },
  },
  required: ['endpoints'],
  additionalProperties: false,
} as const;

/** Arguments of etcd_member (defaulted keys optional: the add/promote/remove helpers are called directly too). */
export type MemberArgs = ArgsAsWritten<typeof memberArgsSchema>;

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
  argsSchema: memberArgsSchema,
  supportsCheck: true,
  supportsDiff: false,
  controlSide: true,
  run,
};
