// Where a migration stands, from an etcd_status result read from etcd itself (not a journal):
// which new hosts have joined, whether learners are used, and what must stop the run.
import { normalizeUrl, type Member } from './members.js';
import type { StatusRow } from './status.js';
import { assessDead, deadHint, quorumProblem, type DeadMember } from './topology-dead.js';
import type { PlanMember } from './topology.js';

/** The parts of an etcd_status result the assessment reads. */
export interface StatusInput {
  endpoints?: StatusRow[];
  members?: Member[];
  leader?: string | null;
}

/** A cluster member mapped to the plan. */
export interface MappedMember {
  id: string;
  host: string | null;
  role: 'old' | 'new' | 'foreign';
  peer_url: string;
  started: boolean;
  isLearner: boolean;
}

/** The assessment, set as `etcd_topo.state`. */
export interface ClusterState {
  version: string | null;
  learners: boolean;
  members: MappedMember[];
  /** New hosts that are started voters. */
  joined: string[];
  /** New hosts still to join (not members, or learners / unstarted). */
  pending: string[];
  /** New hosts that are members in any state. */
  new_members: string[];
  /** Old hosts still members. */
  old_members: string[];
  /** The members are exactly the new hosts, all started voters. */
  done: boolean;
  /** A healthy voter's client URL (the leader's when known): the one endpoint to snapshot. */
  snapshot_endpoint: string | null;
  /** Old hosts named in etcd_dead_members that etcd finds unreachable. */
  dead: DeadMember[];
  /** Peer URLs of the dead that are still members: removed before any join. */
  dead_peer_urls: string[];
  /** What could not be done on each dead host, for the operator. */
  dead_reports: string[];
  problems: string[];
  summary: string;
}

/** "3.4.23" → [3, 4, 23]; null when unparsable. */
export function parseVersion(v: string | undefined | null): number[] | null {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(String(v ?? ''));
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : null;
}

/** True when etcd `version` has learners (3.4 and later). */
export function hasLearners(version: string): boolean {
  const v = parseVersion(version);
  return !!v && (v[0] > 3 || (v[0] === 3 && v[1] >= 4));
}

function lowestVersion(rows: StatusRow[]): string | null {
  const versions = rows.map((r) => r.version).filter((v): v is string => !!parseVersion(v));
  versions.sort((a, b) => {
    const x = parseVersion(a)!;
    const y = parseVersion(b)!;
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  });
  return versions[0] ?? null;
}

/** Assesses the cluster against the plan. */
export function assessCluster(old: PlanMember[], neu: PlanMember[], status: StatusInput, learnersArg: 'auto' | boolean | 'true' | 'false', deadNames: string[] = []): ClusterState {
  const problems: string[] = [];
  const rows = status.endpoints ?? [];
  const byPeer = new Map<string, { plan: PlanMember; role: 'old' | 'new' }>();
  for (const p of old) byPeer.set(normalizeUrl(p.peer_url), { plan: p, role: 'old' });
  for (const p of neu) byPeer.set(normalizeUrl(p.peer_url), { plan: p, role: 'new' });
  const members: MappedMember[] = (status.members ?? []).map((m) => {
    const hit = m.peerURLs.map((u) => byPeer.get(normalizeUrl(u))).find(Boolean);
    return { id: m.id, host: hit?.plan.host ?? null, role: hit?.role ?? 'foreign', peer_url: m.peerURLs[0] ?? '', started: m.started, isLearner: m.isLearner };
  });
  if (members.length === 0) problems.push('no member list: no endpoint answered');
  for (const m of members) {
    const label = `${m.host ?? m.peer_url} (${m.id})`;
    if (m.role === 'foreign') problems.push(`member ${label} is in neither etcd_old nor etcd_new: add it to the inventory or remove it first`);
    if (m.role === 'old' && !m.started) problems.push(`old member ${label} is not started`);
    if (m.role === 'old' && m.isLearner) problems.push(`old member ${label} is a learner`);
  }
  const deadly = assessDead(old, deadNames, members, rows);
  problems.push(...deadly.problems);
  const deadHosts = new Set(deadly.dead.map((d) => d.host));
  for (const r of rows) {
    const member = members.find((m) => m.id === r.id) ?? members.find((m) => m.host && old.some((p) => p.host === m.host && normalizeUrl(p.client_url) === normalizeUrl(r.endpoint)));
    if (member?.host && deadHosts.has(member.host)) continue;
    const where = endpointLabel(r.endpoint, [...old, ...neu]);
    const error = r.error?.startsWith(`${r.endpoint}: `) ? r.error.slice(r.endpoint.length + 2) : r.error;
    const hint = !r.reachable && member?.role === 'old' ? ` (${deadHint(member.host!)})` : '';
    if (!r.healthy && (member?.started ?? true)) problems.push(`${where}: ${error ?? `unhealthy${r.errors?.length ? ` (${r.errors.join('; ')})` : ''}`}${hint}`);
    for (const a of r.alarms ?? []) problems.push(`${where}: alarm ${a}`);
  }
  const noQuorum = rows.some((r) => r.reachable) ? quorumProblem(members, rows) : null;
  if (noQuorum) problems.push(noQuorum);
  const version = lowestVersion(rows.filter((r) => r.reachable));
  if (!version) problems.push('the etcd version is unknown: no member answered Status');
  const forced = learnersArg === true || learnersArg === 'true' ? true : learnersArg === false || learnersArg === 'false' ? false : null;
  const learners = forced ?? (version ? hasLearners(version) : false);
  if (forced === true && version && !hasLearners(version)) problems.push(`etcd_learners is true but etcd ${version} has no learners (3.4+); use false or auto`);
  const newMembers = members.filter((m) => m.role === 'new');
  const joined = neu.filter((p) => newMembers.some((m) => m.host === p.host && m.started && !m.isLearner)).map((p) => p.host);
  const waiting = newMembers.filter((m) => !m.started || m.isLearner);
  if (waiting.length > 1) problems.push(`more than one new member is unfinished: ${waiting.map((m) => m.host).join(', ')}`);
  if (!learners) problems.push(...outOfOrderVoters(neu, joined, waiting));
  const oldMembers = members.filter((m) => m.role === 'old').map((m) => m.host as string);
  const done = members.length === neu.length && joined.length === neu.length;
  const healthyVoters = rows.filter((r) => r.healthy && !r.isLearner);
  const leaderRow = healthyVoters.find((r) => r.isLeader);
  const summary = done
    ? `migration complete: members are exactly the ${neu.length} new host(s)`
    : `${oldMembers.length} old member(s), ${joined.length}/${neu.length} new joined${waiting.length ? `, ${waiting.map((m) => `${m.host} ${m.started ? 'learner' : 'unstarted'}`).join(', ')}` : ''}; etcd ${version ?? '?'}, learners ${learners ? 'on' : 'off'}`;
  return {
    version,
    learners,
    members,
    joined,
    pending: neu.map((p) => p.host).filter((h) => !joined.includes(h)),
    new_members: newMembers.map((m) => m.host as string),
    old_members: oldMembers,
    done,
    snapshot_endpoint: (leaderRow ?? healthyVoters[0])?.endpoint ?? null,
    dead: deadly.dead,
    dead_peer_urls: deadly.dead.filter((d) => d.member).map((d) => d.peer_url),
    dead_reports: deadly.dead.map((d) => d.report),
    problems,
    summary,
  };
}

/**
 * Without learners the joins go in inventory order, one voter at a time: an unstarted voter that is
 * not the next host would stay unstarted while the next is added, two voters down at once.
 */
function outOfOrderVoters(neu: PlanMember[], joined: string[], waiting: MappedMember[]): string[] {
  const next = neu.find((p) => !joined.includes(p.host))?.host;
  return waiting.filter((m) => !m.started && !m.isLearner && m.host !== next).map((m) =>
    `with etcd_learners=false, ${m.host} (${m.id}) is an unstarted voter but ${next ?? 'no host'} is next in inventory order: ` +
    `joining ${next} now would leave two voters down; start ${m.host}'s etcd, or remove the member (etcdctl member remove ${m.id}), then rerun`);
}

// `host1 (http://10.0.0.1:2379)`: operators know their hosts by name, etcd by URL.
function endpointLabel(endpoint: string, plan: PlanMember[]): string {
  const host = plan.find((p) => normalizeUrl(p.client_url) === normalizeUrl(endpoint))?.host;
  return host ? `${host} (${endpoint})` : endpoint;
}
