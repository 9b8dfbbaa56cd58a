// The lab network: a bridge with the gateway address, and per host a namespace joined by a veth pair.
import { BRIDGE, GATEWAY_IP, SUBNET_BITS } from './config.js';
import { must, run } from './exec.js';
import type { HostPlan } from './plan.js';
import type { StateStore } from './state-file.js';

/** Creates the lab bridge holding the gateway address (recorded first). */
export async function createBridge(store: StateStore): Promise<void> {
  store.record({ kind: 'bridge', name: BRIDGE });
  await must('ip', ['link', 'add', BRIDGE, 'type', 'bridge']);
  await must('ip', ['addr', 'add', `${GATEWAY_IP}/${SUBNET_BITS}`, 'dev', BRIDGE]);
  await must('ip', ['link', 'set', BRIDGE, 'up']);
}

/** Creates a host's namespace and its veth pair: eth0 inside with the host's IP, the peer on the bridge. */
export async function createHostNetwork(store: StateStore, h: HostPlan): Promise<void> {
  store.record({ kind: 'netns', name: h.netns });
  await must('ip', ['netns', 'add', h.netns]);
  await must('ip', ['-n', h.netns, 'link', 'set', 'lo', 'up']);
  store.record({ kind: 'veth', name: h.veth });
  await must('ip', ['link', 'add', h.veth, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', h.netns]);
  await must('ip', ['link', 'set', h.veth, 'master', BRIDGE, 'up']);
  await must('ip', ['-n', h.netns, 'addr', 'add', `${h.ip}/${SUBNET_BITS}`, 'dev', 'eth0']);
  // No default route: a host can reach only the lab network, never beyond it.
  await must('ip', ['-n', h.netns, 'link', 'set', 'eth0', 'up']);
}

/** Whether a network interface exists on the control machine. */
export async function linkExists(name: string): Promise<boolean> {
  return (await run('ip', ['link', 'show', 'dev', name])).code === 0;
}

/** Whether a named network namespace exists. */
export async function netnsExists(name: string): Promise<boolean> {
  const r = await run('ip', ['netns', 'list']);
  return r.stdout.split('\n').some((l) => l.split(' ')[0] === name);
}

/** Deletes an interface by name if it exists (it may vanish meanwhile: a veth goes with its peer's namespace). */
export async function deleteLink(name: string): Promise<void> {
  if (!(await linkExists(name))) return;
  const r = await run('ip', ['link', 'del', name]);
  if (r.code !== 0 && (await linkExists(name))) await must('ip', ['link', 'del', name]);
}

/** Deletes a namespace by name if it exists. */
export async function deleteNetns(name: string): Promise<void> {
  if (!(await netnsExists(name))) return;
  const r = await run('ip', ['netns', 'del', name]);
  if (r.code !== 0 && (await netnsExists(name))) await must('ip', ['netns', 'del', name]);
}
