// The chaos suite's fault list: each kind picks a random moment of the migration (a task event of
// ferry's own stream) and does something real to the lab when it comes. Pure choice + lab actions.
import { faults } from '../helpers/faults.js';
import type { TimedEvent } from '../helpers/ferry-run.js';
import type { LabHost } from '../helpers/lab.js';

/** Every kind the suite draws from. */
export const FAULT_KINDS = ['leader-kill', 'link-cut', 'reboot-new', 'ferry-kill', 'dead-old', 'second-run'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** A moment of the migration: a task starting or ending on a host. */
export interface Moment {
  kind: 'host_start' | 'host_result';
  task: RegExp;
  host?: string;
  label: string;
}

/** Tasks of migrate-etcd.yml where faults land. */
const JOIN_TASKS: [RegExp, string][] = [
  [/^Add the member/, 'add'],
  [/^Write etcd3\.service/, 'unit written'],
  [/^Start etcd3/, 'start'],
  [/^Wait until the member list shows it started/, 'started'],
  [/^Promote the learner/, 'promote'],
];
const REMOVE_TASKS: [RegExp, string][] = [
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

/** A random moment among the joins (on one new host) or, when `removals`, the removals too. */
export function drawMoment(r: () => number, fresh: LabHost[], old: LabHost[], removals: boolean): Moment {
  const joinMoments = JOIN_TASKS.map(([task, label]) => ({ task, label, hostFrom: fresh }));
  const removeMoments = REMOVE_TASKS.map(([task, label]) => ({ task, label, hostFrom: old }));
  const m = pick(r, removals ? [...joinMoments, ...removeMoments] : joinMoments);
  const host = pick(r, m.hostFrom).name;
  const kind = r() < 0.5 ? 'host_start' : 'host_result';
  return { kind, task: m.task, host, label: `${kind === 'host_start' ? 'at' : 'after'} ${m.label} of ${host}` };
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
  reboot: (h: LabHost) => faults.reboot(h.name),
  powerOff: (h: LabHost) => faults.powerOff(h.name),
  powerOn: (h: LabHost) => faults.powerOn(h.name),
  heal: () => faults.heal(),
};
