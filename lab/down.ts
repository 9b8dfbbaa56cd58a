// Tears down everything a lab state records, in order: containers, mounts, links, namespaces, dirs.
import { readdirSync, readFileSync, rmdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { FerryError, tail } from '../runner/errors.js';
import { BRIDGE, NAME_PREFIX } from './config.js';
import { acquireLock, lockHolder, releaseLock } from './lock.js';
import { pidsInCgroup, removeCgroup, removeLabParents } from './cgroup.js';
import { findNspawn, killAll, killNetnsProcesses, stopContainer } from './container.js';
import { deleteLink, deleteNetns } from './network.js';
import { isMounted, unmount } from './rootfs/overlay.js';
import { recordedLabs } from './registry.js';
import { resourcesOf, type LabState } from './state.js';
import { loadState, StateStore } from './state-file.js';

/** Progress lines for the CLI. */
export type Say = (line: string) => void;

/** Tears down the lab recorded in `dir` (or its machine-wide copy); false when none is recorded. */
export async function labDown(dir: string, say: Say = () => undefined): Promise<boolean> {
  acquireLock(dir);
  try {
    const state = loadState(dir) ?? recordedLabs().find((s) => s.dir === dir) ?? null;
    if (!state) return false;
    await teardown(state, say);
    return true;
  } finally {
    releaseLock(dir);
  }
}

/** Tears down every lab recorded on this machine, the one in `dir` first; returns how many. */
export async function labDownAll(dir: string, say: Say = () => undefined): Promise<number> {
  let n = (await labDown(dir, say)) ? 1 : 0;
  for (const s of recordedLabs().filter(collidesWithThisInstance)) {
    const holder = lockHolder(s.dir);
    if (holder !== null) throw new FerryError(`lab: the lab in ${s.dir} is in use by process ${holder}; it holds ${BRIDGE} and the lab addresses`);
    say(`lab recorded in ${s.dir}:`);
    await teardown(s, say);
    n++;
  }
  return n;
}

/** A recorded lab holds names this instance needs (its bridge, namespaces or veths); other instances are left alone. */
function collidesWithThisInstance(s: LabState): boolean {
  return s.resources.some(
    (r) =>
      (r.kind === 'bridge' && r.name === BRIDGE) ||
      (r.kind === 'netns' && r.name.startsWith(`${NAME_PREFIX}-`)) ||
      (r.kind === 'veth' && r.name.startsWith(`${NAME_PREFIX}v`)),
  );
}

/** Tears down what one state records, forgetting each resource once it is gone. */
async function teardown(state: LabState, say: Say): Promise<void> {
  const store = new StateStore(state);
  const started = Date.now();

  // Containers: recorded pids, plus any whose pid never got recorded (found through its namespace).
  const targets = resourcesOf(state, 'process').map((p) => ({ pid: p.pid, merged: p.merged, host: p.host }));
  for (const h of state.hosts) {
    for (const pid of await findNspawn(h.netns, h.merged)) {
      if (!targets.some((t) => t.pid === pid)) targets.push({ pid, merged: h.merged, host: h.name });
    }
  }
  const outcomes = await Promise.all(targets.map((t) => timed(() => stopContainer(t.pid, t.merged))));
  targets.forEach((t, i) => {
    const [outcome, seconds] = outcomes[i];
    if (outcome !== 'gone') say(`${t.host}: nspawn ${t.pid} ${outcome} in ${seconds.toFixed(1)} s`);
    if (outcome === 'killed') say(`${t.host}: console before SIGKILL:\n${consoleTail(state, t.host)}`);
  });
  for (const p of resourcesOf(state, 'process')) store.forget(p);
  for (const ns of resourcesOf(state, 'netns')) {
    const n = await killNetnsProcesses(ns.name);
    if (n > 0) say(`${ns.name}: killed ${n} leftover processes`);
  }

  for (const c of resourcesOf(state, 'cgroup')) {
    const n = await killAll(pidsInCgroup(c.path));
    if (n > 0) say(`${c.path}: killed ${n} leftover processes`);
    removeCgroup(c.path);
    store.forget(c);
  }
  removeLabParents();

  for (const m of resourcesOf(state, 'mount').reverse()) {
    await unmount(m.path);
    store.forget(m);
  }
  for (const v of resourcesOf(state, 'veth')) {
    await deleteLink(v.name);
    store.forget(v);
  }
  for (const ns of resourcesOf(state, 'netns')) {
    await deleteNetns(ns.name);
    store.forget(ns);
  }
  for (const b of resourcesOf(state, 'bridge')) {
    await deleteLink(b.name);
    store.forget(b);
  }
  for (const d of resourcesOf(state, 'dir')) {
    if (await isMounted(join(d.path, 'root'))) throw new FerryError(`lab: ${d.path}/root is still mounted; not deleting it`);
    rmSync(d.path, { recursive: true, force: true });
    store.forget(d);
  }
  removeIfEmpty(join(state.dir, 'hosts'));
  for (const f of [state.inventory, state.knownHosts]) if (f) rmSync(f, { force: true });
  store.remove();
  say(`lab down in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const started = Date.now();
  const v = await f();
  return [v, (Date.now() - started) / 1000];
}

/** The last lines of a host's console log, to tell why it did not power off. */
function consoleTail(state: LabState, host: string): string {
  const log = state.hosts.find((h) => h.name === host)?.log;
  try {
    return tail(readFileSync(log ?? '', 'utf8'), 8);
  } catch {
    return '(no console log)';
  }
}

function removeIfEmpty(path: string): void {
  try {
    if (readdirSync(path).length === 0) rmdirSync(path);
  } catch {
    // not there
  }
}
