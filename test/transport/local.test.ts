import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalTransport } from '../../runner/transport/local.js';

describe('LocalTransport', () => {
  const t = new LocalTransport();
  const dir = mkdtempSync(join(tmpdir(), 'ferry-local-'));

  it('runs sh -c with rc, stdout, stderr and streamed output', async () => {
    const seen: string[] = [];
    const r = await t.exec('echo out; echo err >&2; exit 3', { onOutput: (s, c) => seen.push(`${s}:${c}`) });
    assert.deepEqual([r.rc, r.stdout, r.stderr], [3, 'out\n', 'err\n']);
    assert.deepEqual(seen.sort(), ['stderr:err\n', 'stdout:out\n']);
  });

  it('feeds stdin and closes it', async () => {
    assert.equal((await t.exec('cat; echo end', { stdin: 'in\n' })).stdout, 'in\nend\n');
    assert.equal((await t.exec('cat')).stdout, '');
  });

  it('kills the whole command at its timeout: rc null, timedOut', async () => {
    const start = Date.now();
    const r = await t.exec('sleep 5 | cat', { timeoutMs: 200 });
    assert.equal(r.rc, null);
    assert.equal(r.timedOut, true);
    assert.ok(Date.now() - start < 2000);
  });

  it('reports a killed command as rc null with its signal', async () => {
    const r = await t.exec('kill -9 $$');
    assert.equal(r.rc, null);
    assert.equal(r.signal, 'SIGKILL');
  });

  it('stops on abort', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const r = await t.exec('sleep 5', { signal: ac.signal });
    assert.equal(r.rc, null);
    assert.equal(r.signal, 'ABORTED');
  });

  it('writes files atomically with the mode, keeping an old mode when none is given', async () => {
    const path = join(dir, 'f.conf');
    await t.putFile(path, Buffer.from([0, 1, 2, 255]), { mode: '0640' });
    assert.equal(statSync(path).mode & 0o777, 0o640);
    assert.deepEqual([...(await t.getFile(path))!], [0, 1, 2, 255]);
    await t.putFile(path, 'text');
    assert.equal(statSync(path).mode & 0o777, 0o640);
    await t.putFile(join(dir, 'new'), 'x');
    assert.equal(statSync(join(dir, 'new')).mode & 0o777, 0o644);
    assert.deepEqual(readdirSync(dir).filter((f) => f.includes('ferry-tmp')), []);
  });

  it('returns null for a missing file', async () => {
    assert.equal(await t.getFile(join(dir, 'missing')), null);
    writeFileSync(join(dir, 'empty'), '');
    assert.equal((await t.getFile(join(dir, 'empty')))!.length, 0);
  });

  it('needs no tunnel', async () => {
    const tunnel = await t.openTunnel('127.0.0.1', 2379);
    assert.deepEqual([tunnel.host, tunnel.port], ['127.0.0.1', 2379]);
  });
});
