import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireLock, lockFile, lockHolder, releaseLock } from '../../lab/lock.js';

describe('lab/lock', () => {
  it('is re-entrant for its holder and released only by it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ferry-lock-'));
    acquireLock(dir);
    acquireLock(dir);
    assert.equal(readFileSync(lockFile(dir), 'utf8').trim(), String(process.pid));
    assert.equal(lockHolder(dir), null);
    releaseLock(dir);
    assert.equal(existsSync(lockFile(dir)), false);
  });

  it('takes over the lock of a dead process', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ferry-lock-'));
    writeFileSync(lockFile(dir), '999999999\n');
    acquireLock(dir);
    assert.equal(readFileSync(lockFile(dir), 'utf8').trim(), String(process.pid));
  });

  it('refuses while another live process holds it, naming the process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ferry-lock-'));
    const other = spawn('sleep', ['10'], { stdio: 'ignore' });
    try {
      writeFileSync(lockFile(dir), `${other.pid}\n`);
      assert.equal(lockHolder(dir), other.pid);
      assert.throws(() => acquireLock(dir), new RegExp(`in use by process ${other.pid}`));
    } finally {
      other.kill();
    }
  });
});
