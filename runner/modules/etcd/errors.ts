// etcd server errors come as gRPC errors whose message is `<code> <STATUS>: etcdserver: ...`.
// etcd has no typed membership errors, so we match the server's message strings (ETCD-FACTS).
import { TaskError } from '../../errors.js';

/** The server messages ferry reacts to, exactly as etcd sends them. */
export const ETCD_MESSAGES = {
  unhealthy: 'etcdserver: unhealthy cluster',
  learnerNotReady: 'etcdserver: can only promote a learner member which is in sync with leader',
  notLearner: 'etcdserver: can only promote a learner member',
  tooManyLearners: 'etcdserver: too many learner members in cluster',
  learnerRpc: 'etcdserver: rpc not supported for learner',
  memberNotFound: 'etcdserver: member not found',
  idRemoved: 'etcdserver: ID removed',
  peerUrlExists: 'etcdserver: Peer URLs already exists',
  notEnoughStarted: 'etcdserver: re-configuration failed due to not enough started members',
  noLeader: 'etcdserver: no leader',
  leaderChanged: 'etcdserver: leader changed',
  notLeader: 'etcdserver: not leader',
  timeout: 'etcdserver: request timed out',
} as const;

/** Extra words for messages a user may not understand on their own. */
const HINTS: [string, string][] = [
  [ETCD_MESSAGES.tooManyLearners, 'etcd allows one learner at a time: promote or remove the existing learner first'],
  [ETCD_MESSAGES.notEnoughStarted, 'removing or adding this member would leave fewer started voters than quorum'],
  [ETCD_MESSAGES.learnerRpc, 'learners answer only Status and serializable reads'],
];

/** Hints for transport-level failures, matched on the raw text. */
const TRANSPORT_HINTS: [RegExp, string][] = [
  [/ERR_TLS_CERT_ALTNAME_INVALID|does not match certificate's altnames/, 'the certificate does not name the server: check server_name'],
  [/alert bad certificate|certificate required/, 'the server refused the client certificate: check cert_file and key_file'],
  [/unable to verify the first certificate|self[- ]signed certificate|UNABLE_TO_VERIFY/i, 'the server certificate is not signed by ca_file'],
  [/wrong version number|packet length too long/i, 'TLS spoken to a plain endpoint, or the other way round: check http:// vs https://'],
];

/** Removes gRPC's `9 FAILED_PRECONDITION: ` prefix and etcd3's `GRPC...Error: ` class-name prefix. */
export function stripGrpcPrefix(message: string): string {
  let m = message.trim();
  m = m.replace(/^(?:[A-Za-z]*Error:\s*)+/, '');
  m = m.replace(/^\d+\s+[A-Z_]+:\s*/, '');
  return m;
}

/** The plain message of any thrown value, gRPC prefix removed, first line only (no stack). */
export function etcdMessage(err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err);
  return stripGrpcPrefix(raw.split('\n')[0] ?? raw);
}

/** True when the error is etcd's transient refusal right after a membership change or restart. */
export function isUnhealthyCluster(err: unknown): boolean {
  return etcdMessage(err).includes(ETCD_MESSAGES.unhealthy);
}

/** True when promote was refused only because the learner has not caught up yet. */
export function isLearnerNotReady(err: unknown): boolean {
  return etcdMessage(err).includes(ETCD_MESSAGES.learnerNotReady);
}

/** True for errors that pass on their own: unhealthy cluster, no leader during an election, timeouts, client deadlines. */
export function isTransient(err: unknown): boolean {
  const m = etcdMessage(err);
  return [ETCD_MESSAGES.unhealthy, ETCD_MESSAGES.noLeader, ETCD_MESSAGES.leaderChanged, ETCD_MESSAGES.timeout, ETCD_MESSAGES.notLeader]
    .some((s) => m.includes(s)) || isClientDeadline(err);
}

/** gRPC statuses the client itself produces when a member is slow or briefly gone (a leader killed, a link down). */
const CLIENT_DEADLINE = /^(?:[A-Za-z]*Error:\s*)*(?:4 DEADLINE_EXCEEDED|14 UNAVAILABLE)\b/;
const CLIENT_DEADLINE_CLASSES = new Set(['GRPCDeadlineExceededError', 'GRPCUnavailableError']);

/** True for DEADLINE_EXCEEDED or UNAVAILABLE, on the error or any error in its `cause` chain (ferry wraps etcd3's). */
export function isClientDeadline(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (CLIENT_DEADLINE_CLASSES.has((e as object).constructor?.name)) return true;
    if (e instanceof Error && CLIENT_DEADLINE.test(e.message)) return true;
  }
  return false;
}

/** True when the message says the given substring (for idempotency checks on known refusals). */
export function says(err: unknown, text: string): boolean {
  return etcdMessage(err).includes(text);
}

/** A user-facing message: `<endpoint>: <operation>: <etcd message>[ (hint)]`. */
export function describeEtcdError(endpoint: string, operation: string, err: unknown): string {
  const raw = etcdMessage(err);
  let m = raw;
  if (/deadline exceeded/i.test(m)) m = `no answer in time (${m})`;
  if (/ECONNREFUSED|No connection established|failed to connect/i.test(m)) m = `not reachable (${connectCause(m)})`;
  // Hints read the whole message: a TLS failure's detail sits in the part shortened away.
  const hint = HINTS.find(([k]) => raw.includes(k))?.[1] ?? TRANSPORT_HINTS.find(([re]) => re.test(raw))?.[1];
  return `${endpoint}: ${operation}: ${m}${hint ? ` (${hint})` : ''}`;
}

/** Wraps an etcd failure as a TaskError naming the endpoint and operation, keeping the cause. */
export function etcdTaskError(endpoint: string, operation: string, err: unknown, host?: string): TaskError {
  return new TaskError(describeEtcdError(endpoint, operation, err), { host, command: `etcd ${operation}` }, { cause: err });
}

// grpc-js's connect failures run on ("No connection established. Last error: ... Resolution note: ..."):
// the socket error code says it all when there is one.
function connectCause(message: string): string {
  const code = /\b(ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ECONNRESET)\b/.exec(message)?.[1];
  if (code) return code;
  return message.split(/\.\s+(?:Last error|Resolution note)/)[0].replace(/\.$/, '');
}
