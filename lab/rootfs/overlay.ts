// A host's file system: an overlay with the machine's root read-only below and the host's own upper dir.
import { mkdirSync } from 'node:fs';
import { must, run } from '../exec.js';
import type { HostPlan } from '../plan.js';
import type { StateStore } from '../state-file.js';

/** Creates the host's dirs and mounts its overlay at `merged` (each recorded first). */
export async function mountOverlay(store: StateStore, h: HostPlan): Promise<void> {
  store.record({ kind: 'dir', path: h.dir });
  for (const d of [h.upper, h.work, h.merged]) mkdirSync(d, { recursive: true });
  store.record({ kind: 'mount', path: h.merged });
  await must('mount', ['-t', 'overlay', 'overlay', '-o', `lowerdir=/,upperdir=${h.upper},workdir=${h.work}`, h.merged]);
}

/** Whether something is mounted exactly at `path`. */
export async function isMounted(path: string): Promise<boolean> {
  return (await run('findmnt', ['--mountpoint', path])).code === 0;
}

/** Unmounts `path` and anything mounted below it, if mounted. */
export async function unmount(path: string): Promise<void> {
  if (!(await isMounted(path))) return;
  const r = await run('umount', ['--recursive', path]);
  if (r.code !== 0 && (await isMounted(path))) {
    // Busy: a process still holds it. Detach it so the dir can go; the kernel frees it when released.
    await must('umount', ['--recursive', '--lazy', path]);
  }
}
