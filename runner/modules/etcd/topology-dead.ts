// Dead old members (etcd_dead_members): only a member the operator names, and that etcd also
// finds unreachable, is treated as dead; it is removed before any join (etcd refuses every add
// while a voter is down), and what needs SSH to it is skipped and reported.
import { normalizeUrl, quorum } from './members.js';
import type { StatusRow } from './status.js';
import type { MappedMember } from './topology-assess.js';
import type { PlanMember } from './topology.js';

/** A named dead host as the assessment found it. */
export interface DeadMember {
  host: string;
  peer_url: string;
  /** Still in the member list (to remove), or already removed. */
  member: boolean;
  /** What the operator must do by hand: ferry cannot reach the host. */
  report: string;
}

/** Checks the names given: old hosts only, each once. Throws the message. */
export function checkDeadNames(dead: string[], oldHosts: string[], newHosts: string[]): void {
  for (const name of dead) {
    if (newHosts.includes(name)) throw new Error(`etcd_dead_members: ${name} is in etcd_new; only old members can be named dead (drop a dead new host from etcd_new instead)`);
    if (!oldHosts.includes(name)) throw new Error(`etcd_dead_members: ${name} is not a host of etcd_old (${oldHosts.join(', ')})`);
  }
  const twice = dead.filter((n, i) => dead.indexOf(n) !== i);
  if (twice.length) throw new Error(`etcd_dead_members: ${twice.join(', ')} named twice`);
}

/** The hint for an old member that does not answer and was not named. */
export function deadHint(host: string): string {
  return `if ${host} is gone for good, rerun with -e '{"etcd_dead_members": ["${host}"]}' to remove it from the cluster`;
}

/** The named dead members against what etcd reports: which to remove, and the problems (a named member that answers). */
export function assessDead(old: PlanMember[], dead: string[], members: MappedMember[], rows: StatusRow[]): { dead: DeadMember[]; problems: string[] } {
  const problems: string[] = [];
  const found: DeadMember[] = [];
  for (const host of dead) {
    const plan = old.find((p) => p.host === host);
    if (!plan) continue;
    const member = members.find((m) => m.host === host);
    const answering = rows.find((r) => r.reachable && (normalizeUrl(r.endpoint) === normalizeUrl(plan.client_url) || (member && r.id === member.id)));
    if (answering) {
      problems.push(`${host} is named in etcd_dead_members but its etcd answers at ${answering.endpoint}: refusing to remove a live member as dead`);
      continue;
    }
    found.push({
      host,
      peer_url: plan.peer_url,
      member: !!member,
      report: `${host}: dead (no SSH, etcd unreachable)${member ? '' : ', removed from the cluster'}; its etcd3 service could not be ` +
        `stopped or disabled: run "systemctl disable --now etcd3" there before it comes back (it would restart and exit as a removed member)`,
    });
  }
  return { dead: found, problems };
}

/** A problem when the voters that answer are below quorum: etcd then refuses any membership change. */
export function quorumProblem(members: MappedMember[], rows: StatusRow[]): string | null {
  const voters = members.filter((m) => !m.isLearner);
  if (voters.length === 0) return null;
  const up = voters.filter((m) => rows.some((r) => r.id === m.id && r.healthy));
  const need = quorum(voters.length);
  if (up.length >= need) return null;
  const down = voters.filter((m) => !up.includes(m)).map((m) => m.host ?? m.peer_url);
  return `only ${up.length} of ${voters.length} voters answer (${down.join(', ')} down), below quorum ${need}: etcd refuses any membership change; restore from a snapshot instead`;
}
