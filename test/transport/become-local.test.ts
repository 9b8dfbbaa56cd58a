// become end to end through LocalTransport with a stand-in `sudo` on PATH (sudo is not installed
// here): the password is consumed by sudo, never reaches the command, and failures read clearly.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TaskError } from '../../runner/errors.js';
import { LocalTransport } from '../../runner/transport/local.js';

// Parses the flags ferry sends; -n refuses unless NOPASSWD; -S reads exactly one line as the password.
const FAKE_SUDO = `#!/bin/sh
nopw=; stdinpw=
while [ $# -gt 0 ]; do case "$1" in -n) nopw=1;; -S) stdinpw=1;; -k|-H) ;; -p|-u) shift;; --) shift; break;; esac; shift; done
echo "$*" >> "$FAKE_SUDO_LOG"
if [ -n "$FAKE_SUDO_NOPASSWD" ]; then exec "$@"; fi
if [ -n "$nopw" ]; then echo "sudo: a password is required" >&2; exit 1; fi
if [ -n "$stdinpw" ]; then IFS= read -r pw; [ "$pw" = "$FAKE_SUDO_PASSWORD" ] || { echo "sudo: 1 incorrect password attempt" >&2; exit 1; }; fi
exec "$@"
`;

describe('become through sudo (stand-in sudo)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-sudo-'));
  const saved = { ...process.env };
  before(() => {
    writeFileSync(join(dir, 'sudo'), FAKE_SUDO);
    chmodSync(join(dir, 'sudo'), 0o755);
    process.env.PATH = `${dir}:${process.env.PATH}`;
    process.env.FAKE_SUDO_PASSWORD = 'pa ss';
    process.env.FAKE_SUDO_LOG = join(dir, 'log');
  });
  afterEach(() => delete process.env.FAKE_SUDO_NOPASSWD);
  after(() => (process.env = saved));

  it('feeds the password to sudo and the rest of stdin to the command', async () => {
    const t = new LocalTransport();
    const r = await t.exec('cat', { stdin: 'data\n', become: { user: 'root', password: 'pa ss' } });
    assert.deepEqual([r.rc, r.stdout], [0, 'data\n']);
  });

  it('drops the password where sudo needs none, so it cannot leak into stdin', async () => {
    process.env.FAKE_SUDO_NOPASSWD = '1';
    const t = new LocalTransport();
    const r = await t.exec('cat', { stdin: 'data\n', become: { user: 'root', password: 'pa ss' } });
    assert.equal(r.stdout, 'data\n');
  });

  it('says become needs a password when sudo -n refuses', async () => {
    await assert.rejects(new LocalTransport('db1').exec('id', { become: { user: 'etcd' } }), (e: Error) => e instanceof TaskError && /db1: become to user etcd needs a sudo password/.test(e.message));
  });

  it('says the password was refused, without showing it', async () => {
    await assert.rejects(new LocalTransport('db1').exec('id', { become: { user: 'root', password: 'wrong' } }), (e: Error) => /sudo refused the become password/.test(e.message) && !e.message.includes('wrong'));
  });

  it('writes files as the become user through sudo', async () => {
    const t = new LocalTransport();
    const path = join(dir, 'as-root.conf');
    await t.putFile(path, 'x=1\n', { mode: '0600', become: { user: 'root', password: 'pa ss' } });
    assert.equal((await t.getFile(path, { become: { user: 'root', password: 'pa ss' } }))?.toString(), 'x=1\n');
  });
});
