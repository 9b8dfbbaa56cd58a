// slurp, fetch, raw and script on a MemoryTransport and a temp folder on this machine.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { splitScriptLine } from '../../../runner/modules/exec/script.js';
import { modules } from '../../../runner/modules/registry.js';
import { fetchDest } from '../../../runner/modules/transfer/fetch.js';
import { moduleContext } from '../../helpers/module-context.js';
import { runModule } from '../../helpers/run-module.js';

const STAT = (sha1: string) => ({ match: "stat -L -c", stdout: `regular file|600|0|0|root|root|5|1|1|1|1\n${sha1}  -\n` });

describe('transfer and exec modules', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'ferry-transfer-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('slurp: base64 content, and a missing file fails naming it', async () => {
    const { ctx } = moduleContext({ memory: { files: { '/etc/key': 'k\n' } } });
    assert.deepEqual(await runModule(modules.get('slurp')!, { src: '/etc/key' }, ctx), { changed: false, failed: false, content: 'awo=', encoding: 'base64', source: '/etc/key' });
    const r = await runModule(modules.get('slurp')!, { path: '/etc/nope' }, ctx);
    assert.deepEqual([r.failed, r.msg], [true, 'db1: file not found: /etc/nope']);
  });

  it('fetch: dest/<host>/<src>, flat, and a path that would leave dest refused', () => {
    const ctx = { host: 'db1', baseDir: dir };
    assert.equal(fetchDest(ctx, '/etc/key', 'out', false), join(dir, 'out/db1/etc/key'));
    assert.equal(fetchDest(ctx, '/etc/key', 'out/', true), join(dir, 'out/key'));
    assert.equal(fetchDest(ctx, '/etc/key', '/abs/k.pem', true), '/abs/k.pem');
    assert.throws(() => fetchDest(ctx, '../../../etc/x', 'out', false), /outside out/);
  });

  it('fetch: writes a private copy once; check mode writes nothing; a missing file fails unless fail_on_missing is false', async () => {
    const sha1 = (await import('node:crypto')).createHash('sha1').update('key\n').digest('hex');
    const check = moduleContext({ check: true, baseDir: dir, memory: { replies: [STAT(sha1)], files: { '/etc/key': 'key\n' } } });
    assert.equal((await runModule(modules.get('fetch')!, { src: '/etc/key', dest: 'out' }, check.ctx)).changed, true);
    assert.equal(existsSync(join(dir, 'out')), false);
    const { ctx } = moduleContext({ baseDir: dir, memory: { replies: [STAT(sha1)], files: { '/etc/key': 'key\n' } } });
    const first = await runModule(modules.get('fetch')!, { src: '/etc/key', dest: 'out' }, ctx);
    assert.equal(first.changed, true);
    const file = join(dir, 'out/db1/etc/key');
    assert.equal(readFileSync(file, 'utf8'), 'key\n');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal((await runModule(modules.get('fetch')!, { src: '/etc/key', dest: 'out' }, ctx)).changed, false);
    const missing = moduleContext({ baseDir: dir, memory: { replies: [{ match: 'stat', stdout: 'absent\n' }] } });
    assert.match(String((await runModule(modules.get('fetch')!, { src: '/nope', dest: 'out' }, missing.ctx)).msg), /the remote file does not exist: \/nope/);
    assert.equal((await runModule(modules.get('fetch')!, { src: '/nope', dest: 'out', fail_on_missing: false }, missing.ctx)).failed, false);
  });

  it('raw sends the line as it is; script puts the file in a temp folder, runs it with its arguments, removes it', async () => {
    const raw = moduleContext();
    await runModule(modules.get('raw')!, { cmd: 'echo a | tr a b' }, raw.ctx);
    assert.deepEqual(raw.memory!.commands.map((c) => c.command), ['echo a | tr a b']);
    writeFileSync(join(dir, 'hello.sh'), '#!/bin/sh\necho "hi $1"\n');
    const s = moduleContext({ baseDir: dir, memory: { replies: [{ match: 'mktemp -d', stdout: '/tmp/ferry-script.abc\n' }] } });
    await runModule(modules.get('script')!, { cmd: 'hello.sh "a b"', chdir: '/srv' }, s.ctx);
    assert.deepEqual(s.memory!.commands.map((c) => c.command), ['mktemp -d "${TMPDIR:-/tmp}/ferry-script.XXXXXXXX"', '<put /tmp/ferry-script.abc/hello.sh>', 'cd -- /srv && /tmp/ferry-script.abc/hello.sh "a b"', 'rm -rf -- /tmp/ferry-script.abc']);
    assert.equal(s.memory!.modes.get('/tmp/ferry-script.abc/hello.sh'), '0700');
    assert.deepEqual(splitScriptLine("'my script.sh' --x 1"), { path: 'my script.sh', rest: '--x 1' });
    const check = moduleContext({ baseDir: dir, check: true });
    assert.equal((await runModule(modules.get('script')!, { cmd: 'hello.sh' }, check.ctx)).skipped, true);
    assert.deepEqual(check.memory!.commands, []);
  });
});
