// Table-driven cases for etcd error mapping: prefixes stripped, endpoint and operation named, retryable detected.
import assert from 'node:assert/strict';
import { GRPCDeadlineExceededError, GRPCUnavailableError } from 'etcd3';
import { describeEtcdError, etcdMessage, etcdTaskError, isClientDeadline, isLearnerNotReady, isTransient, isUnhealthyCluster, stripGrpcPrefix } from '../../../runner/modules/etcd/errors.js';

/** Errors shaped like etcd3's: a class-name prefix from castGrpcError, then the gRPC status. */
const grpc = (code: number, status: string, msg: string) => new Error(`${code} ${status}: ${msg}`);

describe('etcd errors', () => {
  const strip: [string, string][] = [
    ['9 FAILED_PRECONDITION: etcdserver: unhealthy cluster', 'etcdserver: unhealthy cluster'],
    ['GRPCFailedPreconditionError: 9 FAILED_PRECONDITION: etcdserver: too many learner members in cluster', 'etcdserver: too many learner members in cluster'],
    ['EtcdError: 2 UNKNOWN: etcdserver: rpc not supported for learner', 'etcdserver: rpc not supported for learner'],
    ['14 UNAVAILABLE: No connection established', 'No connection established'],
    ['etcdserver: member not found', 'etcdserver: member not found'],
  ];
  for (const [input, want] of strip) it(`strips ${JSON.stringify(input)}`, () => assert.equal(stripGrpcPrefix(input), want));

  it('keeps only the first line (no stack)', () => {
    const e = grpc(9, 'FAILED_PRECONDITION', 'etcdserver: unhealthy cluster');
    e.message += '\n    at foo (bar.js:1:1)';
    assert.equal(etcdMessage(e), 'etcdserver: unhealthy cluster');
  });

  const kinds: [string, { unhealthy: boolean; notReady: boolean; transient: boolean }][] = [
    ['etcdserver: unhealthy cluster', { unhealthy: true, notReady: false, transient: true }],
    ['etcdserver: can only promote a learner member which is in sync with leader', { unhealthy: false, notReady: true, transient: false }],
    ['etcdserver: can only promote a learner member', { unhealthy: false, notReady: false, transient: false }],
    ['etcdserver: no leader', { unhealthy: false, notReady: false, transient: true }],
    ['etcdserver: request timed out', { unhealthy: false, notReady: false, transient: true }],
    ['etcdserver: too many learner members in cluster', { unhealthy: false, notReady: false, transient: false }],
    ['etcdserver: re-configuration failed due to not enough started members', { unhealthy: false, notReady: false, transient: false }],
  ];
  for (const [msg, want] of kinds) {
    it(`classifies ${JSON.stringify(msg)}`, () => {
      const e = grpc(9, 'FAILED_PRECONDITION', msg);
      assert.deepEqual({ unhealthy: isUnhealthyCluster(e), notReady: isLearnerNotReady(e), transient: isTransient(e) }, want);
    });
  }

  // Client deadlines pass like `unhealthy cluster` (a leader killed, a link down): retried, also once ferry wrapped them.
  const deadlines: [string, Error, boolean][] = [
    ['DEADLINE_EXCEEDED', grpc(4, 'DEADLINE_EXCEEDED', 'Deadline exceeded'), true],
    ['UNAVAILABLE', grpc(14, 'UNAVAILABLE', 'No connection established'), true],
    ['etcd3 GRPCDeadlineExceededError', new GRPCDeadlineExceededError('Deadline exceeded'), true],
    ['etcd3 GRPCUnavailableError', new GRPCUnavailableError('read ECONNRESET'), true],
    ['wrapped by etcdTaskError', etcdTaskError('http://10.0.0.5:2379', 'member promote', grpc(4, 'DEADLINE_EXCEEDED', 'Deadline exceeded')), true],
    ['INVALID_ARGUMENT', grpc(3, 'INVALID_ARGUMENT', 'bad'), false],
    ['a message that only mentions UNAVAILABLE', new Error('member says 14 UNAVAILABLE later'), false],
  ];
  for (const [name, err, want] of deadlines) {
    it(`retries client deadline ${name}: ${want}`, () => assert.deepEqual([isClientDeadline(err), isTransient(err)], [want, want]));
  }

  const described: [string, string, Error, RegExp][] = [
    ['http://10.0.0.5:2379', 'member add', grpc(9, 'FAILED_PRECONDITION', 'etcdserver: too many learner members in cluster'),
      /^http:\/\/10\.0\.0\.5:2379: member add: etcdserver: too many learner members in cluster \(etcd allows one learner at a time/],
    ['http://10.0.0.5:2379', 'status', grpc(14, 'UNAVAILABLE', 'No connection established'), /^http:\/\/10\.0\.0\.5:2379: status: not reachable \(No connection established\)$/],
    ['http://10.0.0.5:2379', 'status', grpc(14, 'UNAVAILABLE', 'No connection established. Last error: Error: connect ECONNREFUSED 10.0.0.5:2379 (2026-11-25T10:00:00.000Z). Resolution note: '), /^http:\/\/10\.0\.0\.5:2379: status: not reachable \(ECONNREFUSED\)$/],
    ['http://10.0.0.5:2379', 'status', grpc(14, 'UNAVAILABLE', 'No connection established. Last error: null. Resolution note: '), /^http:\/\/10\.0\.0\.5:2379: status: not reachable \(No connection established\)$/],
    ['http://10.0.0.5:2379', 'hashkv', grpc(4, 'DEADLINE_EXCEEDED', 'Deadline exceeded'), /: hashkv: no answer in time/],
    ['http://10.0.0.6:2379', 'health', grpc(2, 'UNKNOWN', 'etcdserver: rpc not supported for learner'), /learners answer only Status/],
  ];
  for (const [ep, op, err, want] of described) it(`describes ${op} failures`, () => assert.match(describeEtcdError(ep, op, err), want));
});
