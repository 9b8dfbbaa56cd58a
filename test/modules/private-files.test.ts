// Private files for secrets: 0600 through O_EXCL|O_NOFOLLOW temp files, folders 0700, and symlinks
// planted by another user in a world-writable folder (like /tmp) never followed.
import assert from 'node:assert/strict';
import { chmodSync, lchownSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrivatePathError, privateDir, writePrivateFile } from '../../runner/modules/private-files.js';

const NOBODY = 65534;
const asRoot = process.geteuid?.() === 0;

describe('private files for secrets', () => {
  let shared: string;
  let victim: string;

  beforeEach(() => {
    const base = mkdtempSync(join(tmpdir(), 'ferry-private-'));
    shared = join(base, 'shared');
    mkdirSync(shared);
    chmodSync(shared, 0o1777); // world-writable and sticky, like /tmp
    victim = join(base, 'victim');
    mkdirSync(victim);
    writeFileSync(join(victim, 'file'), 'untouched');
  });

  it('writes 0600 in a 0700 folder it creates, leaving no temp file', () => {
    const dir = join(shared, 'mine', 'backups');
    writePrivateFile(join(dir, 'snap.db'), 'secret');
    assert.equal(statSync(join(dir, 'snap.db')).mode & 0o777, 0o600);
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    assert.deepEqual(readdirSync(dir), ['snap.db']);
  });

  it('tightens a folder of ours that others may read to 0700', () => {
    const dir = join(shared, 'readable');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    privateDir(dir);
    assert.equal(statSync(dir).mode & 0o777, 0o700);
  });

  it('refuses a world-writable folder as the backup folder', () => {
    assert.throws(() => writePrivateFile(join(shared, 'snap.db'), 'secret'), (e: Error) => e instanceof PrivatePathError && /writable by others \(mode 1777\)/.test(e.message));
    assert.deepEqual(readdirSync(shared), []);
  });

  (asRoot ? it : it.skip)('refuses a backup folder that another user planted as a symlink in the world-writable folder', () => {
    const planted = join(shared, 'backups');
    symlinkSync(victim, planted);
    lchownSync(planted, NOBODY, NOBODY);
    assert.throws(() => writePrivateFile(join(planted, 'snap.db'), 'secret'), /symbolic link owned by uid 65534 in the world-writable folder/);
    assert.deepEqual(readdirSync(victim), ['file']);
  });

  (asRoot ? it : it.skip)('refuses a planted symlink further up the path, too', () => {
    const planted = join(shared, 'ops');
    symlinkSync(victim, planted);
    lchownSync(planted, NOBODY, NOBODY);
    assert.throws(() => privateDir(join(planted, 'a', 'b')), PrivatePathError);
    assert.deepEqual(readdirSync(victim), ['file']);
  });

  it('refuses a symlink at the target itself; the file it points to is left alone', () => {
    const dir = join(shared, 'mine');
    privateDir(dir);
    symlinkSync(join(victim, 'file'), join(dir, 'snap.db'));
    assert.throws(() => writePrivateFile(join(dir, 'snap.db'), 'secret'), /snap\.db is a symbolic link; refusing to replace it/);
    assert.equal(readFileSync(join(victim, 'file'), 'utf8'), 'untouched');
    assert.ok(lstatSync(join(dir, 'snap.db')).isSymbolicLink());
    assert.deepEqual(readdirSync(dir), ['snap.db'], 'the temp file was left behind');
  });

  it('refuses a folder that is itself a symlink (ours)', () => {
    const link = join(shared, 'mine-link');
    symlinkSync(victim, link);
    assert.throws(() => privateDir(link), /is a symbolic link; refusing/);
  });
});
