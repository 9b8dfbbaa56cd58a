// A machine-wide copy of each live lab's state in /run, so `up` from another clone (or after the
// project dir was deleted) still finds and tears down a lab that holds the bridge and addresses.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseState, type LabState } from './state.js';

/** Where the copies live: tmpfs, so a reboot (which ends every lab) clears them too. */
export function registryDir(): string {
  return process.env.FERRY_LAB_REGISTRY || '/run/ferry-lab';
}

/** The copy's path for a lab dir. */
export function mirrorPath(labDir: string, registry = registryDir()): string {
  return join(registry, `${createHash('sha256').update(labDir).digest('hex').slice(0, 16)}.json`);
}

/** Writes the copy; a machine where /run is not writable just has no copy. */
export function writeMirror(state: LabState, registry = registryDir()): void {
  try {
    mkdirSync(registry, { recursive: true });
    const file = mirrorPath(state.dir, registry);
    writeFileSync(`${file}.${process.pid}.tmp`, JSON.stringify(state));
    renameSync(`${file}.${process.pid}.tmp`, file);
  } catch {
    // best effort
  }
}

/** Removes the copy for a lab dir. */
export function removeMirror(labDir: string, registry = registryDir()): void {
  rmSync(mirrorPath(labDir, registry), { force: true });
}

/** Every lab state recorded on this machine (unreadable copies are skipped). */
export function recordedLabs(registry = registryDir()): LabState[] {
  let files: string[];
  try {
    files = readdirSync(registry).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  const states: LabState[] = [];
  for (const f of files) {
    try {
      states.push(parseState(readFileSync(join(registry, f), 'utf8'), join(registry, f)));
    } catch {
      // not ours to judge; leave it
    }
  }
  return states;
}
