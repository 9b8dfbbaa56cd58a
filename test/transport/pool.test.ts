import assert from 'node:assert/strict';
import { ConnectError } from '../../runner/errors.js';
import type { ConnectionSpec } from '../../runner/transport/spec.js';
import { MemoryTransport } from '../../runner/transport/memory.js';
import { ConnectionPool } from '../../runner/transport/pool.js';
import { Semaphore } from '../../runner/semaphore.js';

const spec: ConnectionSpec = { type: 'ssh', address: '10.0.0.1', port: 22, user: 'u' };

describe('ConnectionPool', () => {
  it('opens one transport per host, shared by concurrent callers', async () => {
    let made = 0;
    const pool = new ConnectionPool({ hostKeys: { mode: 'off', file: '' }, factory: (name) => (made++, new MemoryTransport(name)) });
    const [a, b] = await Promise.all([pool.get('db1', spec), pool.get('db1', spec)]);
    assert.equal(a, b);
    assert.equal(made, 1);
    await pool.get('db2', spec);
    assert.equal(made, 2);
    await pool.closeAll();
    assert.ok((a as MemoryTransport).closed);
  });

  it('remembers an unreachable host and fails fast after', async () => {
    let made = 0;
    const pool = new ConnectionPool({
      hostKeys: { mode: 'off', file: '' },
      factory: (name) => (made++, new MemoryTransport(name, { connectError: new ConnectError(name, 'cannot connect: ECONNREFUSED') })),
    });
    await assert.rejects(pool.get('db1', spec), /db1: cannot connect/);
    await assert.rejects(pool.get('db1', spec), (e: Error) => e instanceof ConnectError);
    assert.equal(made, 1);
    assert.match(pool.failure('db1')!.message, /ECONNREFUSED/);
  });
});

describe('Semaphore', () => {
  it('never lets more than its limit run', async () => {
    const s = new Semaphore(3);
    let peak = 0;
    await Promise.all(
      Array.from({ length: 10 }, () =>
        s.run(async () => {
          peak = Math.max(peak, s.inUse);
          await new Promise((r) => setTimeout(r, 5));
        }),
      ),
    );
    assert.equal(peak, 3);
    assert.equal(s.inUse, 0);
  });
});

describe('ConnectionPool.forget (wait_for_connection, reboot)', () => {
  it('a connect given up on that fails later does not mark the host a newer connect reached', async () => {
    let fail: (e: Error) => void = () => {};
    let made = 0;
    const pool = new ConnectionPool({
      hostKeys: { mode: 'off', file: '' },
      factory: (name) => {
        made++;
        if (made === 1) {
          const t = new MemoryTransport(name);
          t.connect = () => new Promise((_, reject) => (fail = reject));
          return t;
        }
        return new MemoryTransport(name);
      },
    });
    const stale = pool.get('db1', spec);
    await new Promise((r) => setImmediate(r));
    pool.forget('db1');
    const fresh = await pool.get('db1', spec);
    fail(new ConnectError('db1', 'connect timed out'));
    await assert.rejects(stale, /timed out/);
    assert.equal(pool.failure('db1'), undefined, 'the stale failure was recorded');
    assert.equal(await pool.get('db1', spec), fresh, 'the newer connection was dropped');
    assert.equal(made, 2);
  });

  it('after a failure: the next get connects again', async () => {
    let made = 0;
    const pool = new ConnectionPool({
      hostKeys: { mode: 'off', file: '' },
      factory: (name) => (made++, made === 1 ? new MemoryTransport(name, { connectError: new ConnectError(name, 'ECONNREFUSED') }) : new MemoryTransport(name)),
    });
    await assert.rejects(pool.get('db1', spec), /ECONNREFUSED/);
    pool.forget('db1');
    await pool.get('db1', spec);
    assert.equal(made, 2);
  });
});
