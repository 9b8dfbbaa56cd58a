// The transport seam: transport/ depends on no loader or engine code, and every spec type has a builder.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConnectError, TaskError } from '../../runner/errors.js';
import { Connections } from '../../runner/execute/connections.js';
import { MemoryTransport } from '../../runner/transport/memory.js';
import { ConnectionPool } from '../../runner/transport/pool.js';
import { createTransport, transports } from '../../runner/transport/registry.js';
import { LocalTransport } from '../../runner/transport/local.js';

const DIR = 'runner/transport';

describe('transport seam', () => {
  it('runner/transport/ imports nothing from load/, execute/, plan/ or cli/', () => {
    const offenders = readdirSync(DIR, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => [...readFileSync(join(DIR, f), 'utf8').matchAll(/from '(\.\.\/(?:load|execute|plan|cli)\/[^']*)'/g)].map((m) => `${f}: ${m[1]}`));
    assert.deepEqual(offenders, []);
  });

  it('registers one builder per connection type', () => {
    assert.deepEqual(Object.keys(transports).sort(), ['local', 'ssh']);
    assert.ok(createTransport('ctl', { type: 'local' }, { hostKeys: { mode: 'off', file: '' } }) instanceof LocalTransport);
  });

  it('the pool is the one cache: a target\'s spec is computed once, an unknown delegate is not cached as a connection', async () => {
    let specs = 0;
    let made = 0;
    const pool = new ConnectionPool({ hostKeys: { mode: 'off', file: '' }, factory: (name) => (made++, new MemoryTransport(name)) });
    const connections = new Connections(pool, (host) => (host === 'db1' ? (specs++, { type: 'ssh', address: '10.0.0.1', port: 22, user: 'u' }) : undefined));
    const [a, b] = await Promise.all([connections.get('db1'), connections.get('db1')]);
    assert.equal(a, b);
    assert.equal(await connections.get('db1'), a);
    assert.equal(specs, 1);
    assert.equal(made, 1);
    await assert.rejects(connections.get('nosuch'), (e: Error) => e instanceof TaskError && !(e instanceof ConnectError) && /neither an inventory host nor localhost/.test(e.message));
    assert.equal(pool.failure('nosuch'), undefined);
    assert.ok((await connections.get('localhost')) instanceof MemoryTransport);
  });
});
