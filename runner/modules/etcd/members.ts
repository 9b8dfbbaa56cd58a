// Pure membership logic: no I/O, so every rule here is table-tested.

/** A member as ferry reports it: id in hex like etcdctl, `started` false until it first connects. */
export interface Member {
  id: string;
  name: string;
  peerURLs: string[];
  clientURLs: string[];
  isLearner: boolean;
  started: boolean;
}

/** The raw member shape of the etcd3 client (decimal uint64 ids). */
export interface RawMember {
  ID: string;
  name?: string;
  peerURLs?: string[];
  clientURLs?: string[];
  isLearner?: boolean;
}

/** Decimal uint64 string → hex as etcdctl prints it (BigInt: ids exceed 2^53). */
export function hexId(decimal: string): string {
  return BigInt(decimal).toString(16);
}

/** Hex id → decimal string for the gRPC calls. */
export function decimalId(hex: string): string {
  return BigInt(`0x${hex}`).toString(10);
}

/** Converts a client member; etcd lists an added-but-unstarted member with an empty name. */
export function toMember(raw: RawMember): Member {
  const name = raw.name ?? '';
  return {
    id: hexId(raw.ID),
    name,
    peerURLs: raw.peerURLs ?? [],
    clientURLs: raw.clientURLs ?? [],
    isLearner: !!raw.isLearner,
    started: name !== '',
  };
}

/** Normalizes a URL for comparison (scheme/host case, trailing slash). */
export function normalizeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`.toLowerCase();
  } catch {
    return url.trim().replace(/\/+$/, '').toLowerCase();
  }
}

/** Finds a member by peer URL; never by name, since unstarted members have none. */
export function findByPeerUrl(members: Member[], peerUrl: string): Member | undefined {
  const want = normalizeUrl(peerUrl);
  return members.find((m) => m.peerURLs.some((u) => normalizeUrl(u) === want));
}

/** The procedure's member name for a peer URL: `etcd-<ip>`. */
export function defaultMemberName(peerUrl: string): string {
  try {
    return `etcd-${new URL(peerUrl).hostname.replace(/^\[|\]$/g, '')}`;
  } catch {
    return `etcd-${peerUrl}`;
  }
}

/**
 * The `--initial-cluster` string a new member must start with: every member after the add.
 * Unstarted members have no name: the target gets `targetName`, others the procedure's default.
 */
export function initialCluster(members: Member[], targetPeerUrl: string, targetName: string): string {
  const target = findByPeerUrl(members, targetPeerUrl);
  const parts: string[] = [];
  for (const m of members) {
    const name = m === target ? (m.name || targetName) : (m.name || defaultMemberName(m.peerURLs[0] ?? ''));
    for (const u of m.peerURLs) parts.push(`${name}=${u}`);
  }
  return parts.join(',');
}

/** Raft quorum for `voters` voting members: floor(n/2)+1. */
export function quorum(voters: number): number {
  return Math.floor(voters / 2) + 1;
}

/** Why removing `target` would break quorum, or null when it is safe. `up` holds the ids of members seen answering. */
export function removalQuorumProblem(members: Member[], target: Member, up: ReadonlySet<string>): string | null {
  if (target.isLearner) return null; // learners do not vote: no quorum needed
  const voters = members.filter((m) => !m.isLearner && m.id !== target.id);
  if (voters.length === 0) return 'it is the last voting member';
  const started = voters.filter((m) => m.started && up.has(m.id));
  const need = quorum(voters.length);
  if (started.length >= need) return null;
  const down = voters.filter((m) => !started.includes(m)).map((m) => m.name || m.id);
  return `removing it would leave ${started.length} started voter(s) of ${voters.length}, below quorum ${need}` +
    (down.length ? ` (not answering: ${down.join(', ')})` : '');
}

/** The learner that blocks adding another one (etcd allows one at a time), if any. */
export function otherLearner(members: Member[], peerUrl: string): Member | undefined {
  const self = findByPeerUrl(members, peerUrl);
  return members.find((m) => m.isLearner && m !== self);
}

/** Picks a started voter to take leadership: one in `prefer` (peer URLs) first, else the first one. */
export function pickTransferee(members: Member[], exclude: string, prefer: string[], up: ReadonlySet<string>): Member | undefined {
  const ok = members.filter((m) => !m.isLearner && m.started && m.id !== exclude && up.has(m.id));
  const preferred = new Set(prefer.map(normalizeUrl));
  return ok.find((m) => m.peerURLs.some((u) => preferred.has(normalizeUrl(u)))) ?? ok[0];
}
