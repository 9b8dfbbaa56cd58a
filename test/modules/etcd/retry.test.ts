// retrying() and the promote's catch-up clock: a wait lasts as long as progress continues, and ends once it stalls.
import assert from 'node:assert/strict';
import { CatchUpProgress } from '../../../runner/modules/etcd/member-promote.js';
import { retrying } from '../../../runner/modules/etcd/retry.js';

describe('etcd retrying with a progress clock', () => {
  it('keeps retrying past timeoutMs while `since` moves (progress), then succeeds', async () => {
    const started = Date.now();
    let attempts = 0;
    let progressAt = Date.now();
    const v = await retrying(async () => {
      if (++attempts < 12) throw new Error('not yet');
      return 'done';
    }, { timeoutMs: 150, since: () => progressAt, retryIf: () => true, onRetry: () => void (progressAt = Date.now()), initialDelayMs: 20, maxDelayMs: 40 });
    assert.equal(v, 'done');
    assert.ok(Date.now() - started > 150, `finished in ${Date.now() - started} ms: the timeout was never passed`);
  });

  it('gives up once `since` stops moving for timeoutMs', async () => {
    const progressAt = Date.now();
    const started = Date.now();
    await assert.rejects(retrying(async () => {
      throw new Error('stuck');
    }, { timeoutMs: 200, since: () => progressAt, retryIf: () => true, initialDelayMs: 20, maxDelayMs: 40 }), /stuck \(still refused after/);
    assert.ok(Date.now() - started < 1000);
  });

  const samples: [string, { applied: number | null; dbSize: number | null }[], boolean[]][] = [
    ['applied index grows', [{ applied: 10, dbSize: 100 }, { applied: 20, dbSize: 100 }, { applied: 30, dbSize: 100 }], [true, true, true]],
    ['db grows while a snapshot arrives', [{ applied: 10, dbSize: 100 }, { applied: 10, dbSize: 500 }], [true, true]],
    ['stalled', [{ applied: 10, dbSize: 100 }, { applied: 10, dbSize: 100 }, { applied: 9, dbSize: 90 }], [true, false, false]],
    ['not answering', [{ applied: null, dbSize: null }, { applied: null, dbSize: null }], [false, false]],
  ];
  for (const [name, seq, want] of samples) {
    it(`catch-up progress: ${name}`, () => {
      const p = new CatchUpProgress();
      assert.deepEqual(seq.map((s, i) => p.record({ line: '', ...s }, 1000 + i)), want);
    });
  }
});
