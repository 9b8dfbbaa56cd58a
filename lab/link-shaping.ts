// A slow link, as a host behind a congested WAN, with the qdiscs this kernel has (tbf, htb and the
// u32 classifier; no netem, prio or sfq): real packets, really queued; the host's processes untouched.
import { FerryError } from '../runner/errors.js';
import { GATEWAY_IP } from './config.js';
import { must, run } from './exec.js';
import { labHost } from './faults.js';
import type { LabState } from './state.js';

/** How to slow a link: a rate cap (kbit/s); packets queue (up to `queueMs` of them) rather than drop. */
export interface LinkShape {
  rateKbit: number;
  queueMs?: number;
}

/** The `tc qdisc` arguments (after `dev X root`) of a shape: a token bucket with a deep queue. */
export function tbfArgs(shape: LinkShape): string[] {
  if (!(shape.rateKbit > 0)) throw new FerryError(`lab: a slow link needs a rate in kbit/s > 0, not ${shape.rateKbit}`);
  return ['tbf', 'rate', `${shape.rateKbit}kbit`, 'burst', '32kbit', 'latency', `${shape.queueMs ?? 5000}ms`];
}

/** The root qdisc of a device, as `tc qdisc show` prints it. */
export async function rootQdisc(dev: string, netns?: string): Promise<string> {
  const r = netns ? await run('ip', ['netns', 'exec', netns, 'tc', 'qdisc', 'show', 'dev', dev, 'root']) : await run('tc', ['qdisc', 'show', 'dev', dev, 'root']);
  return r.stdout.trim();
}

/** Whether ferry's shaping is on a host's link (bridge side). */
export async function linkShaped(veth: string): Promise<boolean> {
  return /\btbf\b/.test(await rootQdisc(veth));
}

/** Slows what reaches the host (the bridge side of its veth; replaces an earlier shape); returns once tc shows it. */
export async function slowLink(state: LabState, name: string, shape: LinkShape): Promise<void> {
  const h = labHost(state, name);
  await must('tc', ['qdisc', 'replace', 'dev', h.veth, 'root', ...tbfArgs(shape)]);
  if (!(await linkShaped(h.veth))) throw new FerryError(`lab: tc shows no tbf on ${h.veth} of ${name}: ${await rootQdisc(h.veth)}`);
}

/** Takes the shaping off a host's link (no-op when none); returns once tc shows it gone. */
export async function unslowLink(state: LabState, name: string): Promise<void> {
  const h = labHost(state, name);
  if (!(await linkShaped(h.veth))) return;
  await must('tc', ['qdisc', 'del', 'dev', h.veth, 'root']);
  if (await linkShaped(h.veth)) throw new FerryError(`lab: tbf still on ${h.veth} of ${name}`);
}

/**
 * Throttles only what the host sends to the control machine (its eth0, packets to the gateway) to
 * `rateKbit`, so an answer to ferry arrives late while the host's traffic with its peers is untouched:
 * the window in which a change has happened in etcd but ferry has not heard of it. `burstBytes`
 * (default htb's, ~1600) is what passes at full speed after a pause: small, every answer waits.
 */
export async function throttleRepliesToController(state: LabState, name: string, rateKbit = 4, burstBytes?: number): Promise<void> {
  const h = labHost(state, name);
  const tc = (...args: string[]) => must('ip', ['netns', 'exec', h.netns, 'tc', ...args]);
  await tc('qdisc', 'replace', 'dev', 'eth0', 'root', 'handle', '1:', 'htb', 'default', '10');
  await tc('class', 'add', 'dev', 'eth0', 'parent', '1:', 'classid', '1:10', 'htb', 'rate', '10gbit');
  await tc('class', 'add', 'dev', 'eth0', 'parent', '1:', 'classid', '1:20', 'htb', 'rate', `${rateKbit}kbit`, 'ceil', `${rateKbit}kbit`, ...(burstBytes ? ['burst', `${burstBytes}b`, 'cburst', `${burstBytes}b`] : []));
  await tc('filter', 'add', 'dev', 'eth0', 'parent', '1:', 'protocol', 'ip', 'prio', '1', 'u32', 'match', 'ip', 'dst', `${GATEWAY_IP}/32`, 'flowid', '1:20');
  if (!(await repliesThrottled(state, name))) throw new FerryError(`lab: no htb on eth0 of ${name} after tc`);
}

/** Whether the host's packets to the control machine are throttled. */
export async function repliesThrottled(state: LabState, name: string): Promise<boolean> {
  return /\bhtb\b/.test(await rootQdisc('eth0', labHost(state, name).netns));
}

/** Takes the throttle off (no-op when none). */
export async function unthrottleReplies(state: LabState, name: string): Promise<void> {
  const h = labHost(state, name);
  if (!(await repliesThrottled(state, name))) return;
  await must('ip', ['netns', 'exec', h.netns, 'tc', 'qdisc', 'del', 'dev', 'eth0', 'root']);
}
