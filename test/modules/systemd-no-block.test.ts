// systemd's no_block: the job is queued (systemctl --no-block) and the call returns; without it,
// systemctl waits for the job (a Type=notify unit until it reports ready).
import assert from 'node:assert/strict';
import { planUnit } from '../../runner/modules/systemd.js';

const stopped = { ActiveState: 'inactive', SubState: 'dead', LoadState: 'loaded', UnitFileState: 'enabled', NeedDaemonReload: 'no' };
const running = { ...stopped, ActiveState: 'active', SubState: 'running' };

describe('systemd no_block', () => {
  it('queues start, stop, restart and reload with --no-block; enable stays as it is', () => {
    assert.deepEqual(planUnit({ name: 'etcd3', state: 'started', no_block: true, enabled: true }, { ...stopped, UnitFileState: 'disabled' }), ['systemctl enable -- etcd3', 'systemctl --no-block start -- etcd3']);
    assert.deepEqual(planUnit({ name: 'etcd3', state: 'stopped', no_block: true }, running), ['systemctl --no-block stop -- etcd3']);
    assert.deepEqual(planUnit({ name: 'etcd3', state: 'restarted', no_block: true }, running), ['systemctl --no-block restart -- etcd3']);
    assert.deepEqual(planUnit({ name: 'etcd3', state: 'reloaded', no_block: true }, running), ['systemctl --no-block reload -- etcd3']);
  });
  it('without it, systemctl waits (no --no-block)', () => {
    assert.deepEqual(planUnit({ name: 'etcd3', state: 'started', no_block: false }, stopped), ['systemctl start -- etcd3']);
  });
});
