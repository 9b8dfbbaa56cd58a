// Real faults on this lab's own hosts: a link cut at the bridge, etcd SIGKILLed, a power cut, a
// power-on. Each acts on what the state records for this instance, and returns once the fault is
// real (the link reports down, the process is gone, the container is gone or answers SSH again).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FerryError } from '../runner/errors.js';
import { hostCgroups, pidsInCgroup, removeCgroup } from './cgroup.js';
import { killAll, startContainer } from './container.js';
import { must, sleep } from './exec.js';
import { alive, cmdline, isOurNspawn, pidsInNetns } from './procs.js';
import { waitReady } from './ready.js';
import { linkShaped, repliesThrottled, unthrottleReplies, unslowLink } from './link-shaping.js';
import type { HostRecord, LabState } from './state.js';
import { loadState, StateStore } from './state-file.js';

/** The recorded host named `name`, or a clear error. */
export function labHost(state: LabState, name: string): HostRecord {
  const h = state.hosts.find((x) => x.name === name);
  if (!h) throw new FerryError(`lab: no host named ${name} (hosts: ${state.hosts.map((x) => x.name).join(', ')})`);
  return h;
}

/** The kernel's operstate of a link on the control machine (`up`, `down`, ...). */
export function linkState(veth: string): string {
  try {
    return readFileSync(`/sys/class/net/${veth}/operstate`, 'utf8').trim();
  } catch {
    return 'absent';
  }
}

/** Cuts a host off the lab network (its veth on the bridge down): controller and peers lose it at once; its processes keep running. */
export async function cutLink(state: LabState, name: string): Promise<void> {
  const h = labHost(state, name);
  await must('ip', ['link', 'set', h.veth, 'down']);
  while (linkState(h.veth) !== 'down') await sleep(20);
}

/** Puts a host back on the lab network; returns once the bridge side reports the link up. */
export async function restoreLink(state: LabState, name: string, timeoutMs = 10_000): Promise<void> {
  const h = labHost(state, name);
  await must('ip', ['link', 'set', h.veth, 'up']);
  const end = Date.now() + timeoutMs;
  while (linkState(h.veth) !== 'up') {
    if (Date.now() > end) throw new FerryError(`lab: ${h.veth} of ${name} is still ${linkState(h.veth)} after 'up'`);
    await sleep(20);
  }
}

/** Pids of etcd server processes running in a host (found through its namespace, not by SSH). */
export async function etcdPids(state: LabState, name: string): Promise<number[]> {
  const h = labHost(state, name);
  return (await pidsInNetns(h.netns)).filter((pid) => {
    const args = cmdline(pid);
    return !!args && /(^|\/)etcd3?$/.test(args[0] ?? '') && args.includes('--data-dir');
  });
}

/** SIGKILLs the host's etcd (the real process, as a crash would); returns the pids killed (none when it was not running). */
export async function killEtcd(state: LabState, name: string): Promise<number[]> {
  const pids = await etcdPids(state, name);
  await killAll(pids);
  return pids;
}

/** SIGSTOPs the host's etcd (a hung process: it holds its ports and answers nothing); returns the pids frozen. */
export async function freezeEtcd(state: LabState, name: string): Promise<number[]> {
  return signalEtcd(state, name, 'SIGSTOP');
}

/** SIGCONTs the host's etcd (no-op when it runs). */
export async function thawEtcd(state: LabState, name: string): Promise<number[]> {
  return signalEtcd(state, name, 'SIGCONT');
}

async function signalEtcd(state: LabState, name: string, signal: NodeJS.Signals): Promise<number[]> {
  const pids = await etcdPids(state, name);
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** Whether the host's container runs (its recorded nspawn is alive). */
export function powered(state: LabState, name: string): boolean {
  const h = labHost(state, name);
  return h.pid !== undefined && alive(h.pid) && isOurNspawn(h.pid, h.merged);
}

/** Cuts a host's power: SIGKILL its nspawn and everything in its namespace and cgroups, with no shutdown. Disk (the overlay) stays. */
export async function powerOff(store: StateStore, name: string): Promise<void> {
  const h = labHost(store.state, name);
  const cgroups = hostCgroups(h.name);
  const pids = new Set<number>([...(await pidsInNetns(h.netns)), ...cgroups.flatMap(pidsInCgroup)]);
  if (h.pid !== undefined && isOurNspawn(h.pid, h.merged)) pids.add(h.pid);
  await killAll([...pids]);
  // Kill again what forked meanwhile, until the namespace and cgroups are empty.
  for (let left = await remaining(h, cgroups); left.length > 0; left = await remaining(h, cgroups)) await killAll(left);
  for (const dir of cgroups) for (const sub of subdirs(dir)) removeCgroup(join(dir, sub));
  refresh(store);
  if (h.pid !== undefined) store.forget({ kind: 'process', pid: h.pid, host: h.name, merged: h.merged });
  setHost(store, name, { pid: undefined });
}

/** Boots a powered-off host on its own disk, and waits until it answers SSH with systemd up. */
export async function powerOn(store: StateStore, name: string, timeoutMs = 120_000): Promise<void> {
  const h = labHost(store.state, name);
  if (powered(store.state, name)) throw new FerryError(`lab: ${name} is already running (nspawn ${h.pid})`);
  const started = Date.now();
  refresh(store);
  const pid = startContainer(store, h, hostCgroups(h.name));
  setHost(store, name, { pid });
  const s = store.state;
  const r = await waitReady(name, { ip: h.ip, privateKey: s.privateKey!, knownHosts: s.knownHosts! }, started, started + timeoutMs);
  if (r.state !== 'running' && r.state !== 'degraded') throw new FerryError(`lab: ${name} did not come back: ${r.state}`);
}

/** A power cycle (cut, then boot on the same disk), as a host that reboots hard mid-operation. */
export async function reboot(store: StateStore, name: string): Promise<void> {
  await powerOff(store, name);
  await powerOn(store, name);
}

/** Undoes every fault on `only` (default: every host): links up and unshaped, etcd thawed, powered-off hosts booted. Returns what it repaired. */
export async function healLab(store: StateStore, only?: string[]): Promise<string[]> {
  const done: string[] = [];
  const hosts = store.state.hosts.filter((h) => !only || only.includes(h.name));
  for (const h of hosts) {
    if (linkState(h.veth) !== 'up') {
      await restoreLink(store.state, h.name);
      done.push(`${h.name}: link up`);
    }
    if (await linkShaped(h.veth)) {
      await unslowLink(store.state, h.name);
      done.push(`${h.name}: link unshaped`);
    }
    if (await repliesThrottled(store.state, h.name)) {
      await unthrottleReplies(store.state, h.name);
      done.push(`${h.name}: replies unthrottled`);
    }
    if (powered(store.state, h.name) && (await thawEtcd(store.state, h.name)).length) done.push(`${h.name}: etcd SIGCONT`);
  }
  await Promise.all(hosts.filter((h) => !powered(store.state, h.name)).map(async (h) => {
    await powerOn(store, h.name);
    done.push(`${h.name}: powered on`);
  }));
  return done;
}

async function remaining(h: HostRecord, cgroups: string[]): Promise<number[]> {
  return [...new Set([...(await pidsInNetns(h.netns)), ...cgroups.flatMap(pidsInCgroup)])].filter(alive);
}

function subdirs(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return [];
  }
}

// Another process sharing the lab (a test beside the chaos suite) may have written the file since.
function refresh(store: StateStore): void {
  const latest = loadState(store.state.dir);
  if (latest) store.state = latest;
}

function setHost(store: StateStore, name: string, patch: Partial<HostRecord>): void {
  refresh(store);
  store.update((s) => ({ ...s, hosts: s.hosts.map((h) => (h.name === name ? { ...h, ...patch } : h)) }));
}
