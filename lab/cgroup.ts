// A cgroup per host. nspawn with --keep-unit puts its payload under the caller's cgroup: started
// from one process, every container shared `/payload`, and their systemds fought over it (units
// failing at boot, stop jobs hanging). Each host's nspawn starts in its own `ferry-lab/NAME`.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import type { StateStore } from './state-file.js';
import { NAME_PREFIX } from './config.js';

/** The parent cgroup of this lab's hosts. */
const PARENT = `${NAME_PREFIX}-lab`;

/** The cgroup hierarchies systemd uses here: hybrid (named systemd + unified v2) or pure v2. */
export function cgroupRoots(): string[] {
  const hybrid = ['/sys/fs/cgroup/systemd', '/sys/fs/cgroup/unified'].filter((p) => existsSync(join(p, 'cgroup.procs')));
  if (hybrid.length) return hybrid;
  return existsSync('/sys/fs/cgroup/cgroup.procs') ? ['/sys/fs/cgroup'] : [];
}

/** The host's cgroup dir in each hierarchy. */
export function hostCgroups(name: string, roots: string[] = cgroupRoots()): string[] {
  return roots.map((r) => join(r, PARENT, name));
}

/** Creates the host's cgroups (each recorded first). */
export function createCgroups(store: StateStore, dirs: string[]): void {
  for (const dir of dirs) {
    store.record({ kind: 'cgroup', path: dir });
    mkdirSync(dir, { recursive: true });
  }
}

/** Every pid in a cgroup and the cgroups below it. */
export function pidsInCgroup(dir: string): number[] {
  if (!existsSync(dir)) return [];
  const pids = readFileSync(join(dir, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean).map(Number);
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) pids.push(...pidsInCgroup(join(dir, e.name)));
  }
  return pids;
}

/** Removes a cgroup and those below it, deepest first (each must be empty of processes). */
export function removeCgroup(dir: string): void {
  if (!existsSync(dir)) return;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) removeCgroup(join(dir, e.name));
  }
  rmdirSync(dir);
}

/** Removes the shared `ferry-lab` parent in each hierarchy once no host is left in it. */
export function removeLabParents(roots: string[] = cgroupRoots()): void {
  for (const r of roots) {
    try {
      rmdirSync(join(r, PARENT));
    } catch {
      // another host's cgroup is still there, or none was made
    }
  }
}
