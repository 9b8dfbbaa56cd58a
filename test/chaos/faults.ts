// The chaos suite's fault list: each kind picks a random moment of the migration (a task event of
// ferry's own stream) and does something real to the lab when it comes. Pure choice + lab actions.
import { faults } from '../helpers/faults.js';
import type { TimedEvent } from '../helpers/ferry-run.js';
import type { LabHost } from '../helpers/lab.js';

/**
 * Every kind the suite draws from: the list. `kill-*` SIGKILL ferry at one named step
 * (`ferry-kill` at any step); `kill-remove-lost` kills it once etcd has applied a removal whose
 * answer is still on its way (the runner's packets to the controller throttled); `kill-storageos-gap`
 * runs with the StorageOS step (stand-in API) and kills between its delete and its recreate.
 */
export const FAULT_KINDS = [
  'leader-kill', 'link-cut-new', 'reboot-new', 'kill-after-add', 'kill-before-promote', 'kill-remove-lost',
  'kill-storageos-gap', 'ferry-kill', 'dead-old', 'second-run', 'slow-learner',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** A moment of the migration: a task starting or ending on a host. */
export interface Moment {
  kind: 'host_start' | 'host_result';
  task: RegExp;
  host?: string;
  label: string;
}

/** Tasks of migrate-etcd.yml where faults land (with learners; "Wait until the member list shows it started" is skipped then). */
export const JOIN_TASKS: [RegExp, string][] = [
  [/^Add the member/, 'add'],
  [/^Write etcd3\.service/, 'unit written'],
  [/^Start etcd3/, 'start'],
  [/^Promote the learner/, 'promote'],
];
export const REMOVE_TASKS: [RegExp, string][] = [
  [/^Remove the member/, 'remove'],
  [/^Stop and disable its etcd3/, 'disable old'],
  [/^Check health, status and quorum/, 'health after removal'],
];

/** A seeded PRNG (mulberry32), so a run's draws can be replayed from its seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One of `xs`, drawn with `r`. */
export function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

/** An integer in [lo, hi], drawn with `r`. */
export function between(r: () => number, lo: number, hi: number): number {
  return lo + Math.floor(r() * (hi - lo + 1));
}

/** The join task with this label (by label, not position: the list changes). */
function joinTask(label: string): [RegExp, string] {
  const t = JOIN_TASKS.find(([, l]) => l === label);
  if (!t) throw new Error(`chaos: no join task labelled ${label}`);
  return t;
}

/** A moment at `task` (start or end, drawn) on a host drawn from `hosts`. */
function momentAt(r: () => number, [task, label]: [RegExp, string], hosts: LabHost[], kind?: Moment['kind']): Moment {
  const host = pick(r, hosts).name;
  const k = kind ?? (r() < 0.5 ? 'host_start' : 'host_result');
  return { kind: k, task, host, label: `${k === 'host_start' ? 'at' : 'after'} ${label} of ${host}` };
}

/** The moment a kind's fault lands: drawn among the steps it is about (old hosts exclude the dead one). */
export function drawMoment(r: () => number, kind: FaultKind, fresh: LabHost[], old: LabHost[]): Moment {
  const join = () => momentAt(r, pick(r, JOIN_TASKS), fresh);
  const remove = () => momentAt(r, pick(r, REMOVE_TASKS), old);
  switch (kind) {
    case 'link-cut-new':
    case 'reboot-new':
      return join();
    case 'kill-after-add':
    case 'slow-learner':
      return momentAt(r, joinTask('add'), fresh, 'host_result');
    case 'kill-before-promote':
      return momentAt(r, joinTask('promote'), fresh, 'host_start');
    case 'kill-remove-lost':
      return momentAt(r, REMOVE_TASKS[0], old, 'host_start');
    case 'kill-storageos-gap':
      return remove();
    default:
      return r() < 0.6 ? join() : remove();
  }
}

/** Whether an event is the moment. Removal tasks run delegated: their host is the old member. */
export function isMoment(m: Moment, e: TimedEvent): boolean {
  return e.kind === m.kind && m.task.test(e.task) && (!m.host || e.host === m.host);
}

/** The lab actions a fault uses (so the runner can be read without the helpers). */
export const act = {
  killEtcd: (h: LabHost) => faults.killEtcd(h.name),
  cut: (h: LabHost) => faults.cut(h.name),
  restore: (h: LabHost) => faults.restore(h.name),
  slow: (h: LabHost, rateKbit: number) => faults.slow(h.name, { rateKbit }),
  unslow: (h: LabHost) => faults.unslow(h.name),
  throttleReplies: (h: LabHost) => faults.throttleReplies(h.name),
  unthrottleReplies: (h: LabHost) => faults.unthrottleReplies(h.name),
  reboot: (h: LabHost) => faults.reboot(h.name),
  powerOff: (h: LabHost) => faults.powerOff(h.name),
  powerOn: (h: LabHost) => faults.powerOn(h.name),
  heal: (hs: LabHost[]) => faults.heal(hs.map((h) => h.name)),
};
