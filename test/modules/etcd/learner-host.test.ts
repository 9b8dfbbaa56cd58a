// What a learner's host shows while it catches up: etcd's metrics page, systemd's view of the
// unit, and when that view means the etcd that was catching up is gone.
import assert from 'node:assert/strict';
import { clip, parseMetrics, parseUnitState, unitExited, type UnitState } from '../../../runner/modules/etcd/learner-host.js';
import { CatchUpProgress } from '../../../runner/modules/etcd/member-promote.js';

// Lines as etcd 3.4's /metrics writes them (HELP/TYPE comments, labels, exponent notation).
const PAGE = `# HELP etcd_server_proposals_applied_total The total number of consensus proposals applied.
# TYPE etcd_server_proposals_applied_total gauge
etcd_server_proposals_applied_total 19677
# HELP etcd_mvcc_db_total_size_in_bytes Total size of the underlying database physically allocated in bytes.
# TYPE etcd_mvcc_db_total_size_in_bytes gauge
etcd_mvcc_db_total_size_in_bytes 2.5165824e+07
# TYPE etcd_network_peer_received_bytes_total counter
etcd_network_peer_received_bytes_total{From="0"} 1.2e+06
etcd_network_peer_received_bytes_total{From="8211f1d0f64f3269"} 3000
etcd_server_proposals_applied_totalx 5
`;

const unit = (o: Partial<UnitState> = {}): UnitState => ({ activeState: 'activating', subState: 'start', nRestarts: 0, mainPid: 812, execMainStatus: 0, ...o });

describe('etcd learner host: metrics, unit state, exits', () => {
  it('reads applied index, db size and the bytes received from every peer', () => {
    assert.deepEqual(parseMetrics(PAGE), { applied: 19677, dbSize: 25_165_824, receivedBytes: 1_203_000 });
  });

  it('a page without the counters (not etcd, or an older etcd) gives nulls, not zeros', () => {
    assert.deepEqual(parseMetrics('# nothing here\ngo_goroutines 12\n'), { applied: null, dbSize: null, receivedBytes: null });
    assert.deepEqual(parseMetrics('etcd_server_proposals_applied_total NaN\n'), { applied: null, dbSize: null, receivedBytes: null });
  });

  it('parses systemctl show, and nothing from an empty answer', () => {
    assert.deepEqual(parseUnitState('ActiveState=active\nSubState=running\nNRestarts=2\nMainPID=4242\nExecMainStatus=0\n'), { activeState: 'active', subState: 'running', nRestarts: 2, mainPid: 4242, execMainStatus: 0 });
    assert.equal(parseUnitState(''), null);
    assert.equal(parseUnitState('ssh: connect to host 10.0.0.1 port 22: Connection refused'), null);
  });

  const cases: [string, UnitState | null, UnitState, RegExp | null][] = [
    ['still starting (a learner catching up)', unit(), unit(), null],
    ['serving', unit(), unit({ activeState: 'active', subState: 'running' }), null],
    ['waiting to be restarted', unit(), unit({ subState: 'auto-restart', execMainStatus: 1, mainPid: 0 }), /^exited \(status 1\) and is waiting to be restarted by systemd$/],
    ['failed', unit(), unit({ activeState: 'failed', subState: 'failed', execMainStatus: 2 }), /^failed \(status 2\)$/],
    ['stopped by someone', unit(), unit({ activeState: 'inactive', subState: 'dead', mainPid: 0 }), /^stopped$/],
    ['restarted since the watch began', unit({ nRestarts: 1 }), unit({ nRestarts: 3, mainPid: 900, execMainStatus: 1 }), /restarted by systemd 2 time\(s\)/],
    ['another process (a reboot resets the counter)', unit(), unit({ mainPid: 77 }), /^exited \(pid 812, now 77\)$/],
    ['no baseline: only what the state itself says', null, unit({ mainPid: 77, nRestarts: 4 }), null],
  ];
  for (const [name, before, now, want] of cases) {
    it(`unit: ${name}`, () => {
      const why = unitExited(before, now);
      if (want) assert.match(String(why), want);
      else assert.equal(why, null);
    });
  }

  it('a long journal line keeps its start and its end, where etcd writes the reason', () => {
    const line = `error validating peerURLs {ClusterID:c8c8 Members:[${'&{ID:5a15 RaftAttributes:{}} '.repeat(40)}]}: member count is unequal`;
    const c = clip(line);
    assert.ok(c.length <= 400, `${c.length} chars`);
    assert.match(c, /^error validating peerURLs .* … .*: member count is unequal$/);
    assert.equal(clip('short'), 'short');
  });

  it('catch-up progress counts bytes received and the snapshot dir growing while the applied index stands', () => {
    const p = new CatchUpProgress();
    const at = (n: number) => 1000 + n;
    const seq = [
      { applied: 11, dbSize: 100, receivedBytes: 0, snapBytes: 4096 },
      { applied: 11, dbSize: 100, receivedBytes: 500_000, snapBytes: 4096 },
      { applied: 11, dbSize: 100, receivedBytes: 500_000, snapBytes: 900_000 },
      { applied: 11, dbSize: 100, receivedBytes: 500_000, snapBytes: 900_000 },
      { applied: 11, dbSize: 100, receivedBytes: 400_000, snapBytes: 8_000 },
    ];
    assert.deepEqual(seq.map((s, i) => p.record({ line: '', ...s }, at(i))), [true, true, true, false, false]);
    assert.equal(p.lastProgressAt, at(2));
  });
});
