// One live process at a time uses a lab dir: `lock` holds its pid; a dead holder's lock is taken over.
import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { FerryError } from '../runner/errors.js';
import { alive } from './procs.js';

/** The lock file of a lab dir. */
export function lockFile(dir: string): string {
  return join(dir, 'lock');
}

/** The pid of another live process holding the lab in `dir`, or null. */
export function lockHolder(dir: string): number | null {
  let pid: number;
  try {
    pid = Number(readFileSync(lockFile(dir), 'utf8').trim());
  } catch {
    return null;
  }
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid) ? pid : null;
}

/** Takes the lab in `dir` for this process (re-entrant); throws when another live process has it. */
export function acquireLock(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(lockFile(dir), 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const holder = lockHolder(dir);
    if (holder !== null) {
      throw new FerryError(`lab: ${dir} is in use by process ${holder} (a test run or another lab command); wait for it or stop it`);
    }
    if (readFileSync(lockFile(dir), 'utf8').trim() === String(process.pid)) return;
    rmSync(lockFile(dir), { force: true }); // its holder is gone
  }
  throw new FerryError(`lab: could not take ${lockFile(dir)}`);
}

/** Lets go of the lab in `dir` if this process holds it. */
export function releaseLock(dir: string): void {
  try {
    if (readFileSync(lockFile(dir), 'utf8').trim() === String(process.pid)) rmSync(lockFile(dir), { force: true });
  } catch {
    // not held
  }
}
