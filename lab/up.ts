// `lab up`: tear down any earlier lab, then build the network, roots and containers, and wait for SSH.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { FerryError } from '../runner/errors.js';
import { createCgroups, hostCgroups } from './cgroup.js';
import { startContainer } from './container.js';
import { labDown, labDownAll, type Say } from './down.js';
import { writeInventoryFile, writeKnownHostsFile } from './inventory-file.js';
import { ensureLabKey } from './keys.js';
import { acquireLock } from './lock.js';
import { createBridge, createHostNetwork } from './network.js';
import { defaultGroups, planHosts, type HostPlan } from './plan.js';
import { ensurePackages, labUnsupportedReason, raiseInotifyLimits } from './preflight.js';
import { waitReady, type Readiness } from './ready.js';
import { customizeRoot } from './rootfs/customize.js';
import { mountOverlay } from './rootfs/overlay.js';
import type { HostRecord, LabState } from './state.js';
import { StateStore } from './state-file.js';

/** What to boot. */
export interface UpOptions {
  dir: string;
  names: string[];
  /** Defaults to etcd_old = first half, etcd_new = the rest, lab = all. */
  groups?: Record<string, string[]>;
  /** Defaults to `<dir>/inventory.yaml`. */
  inventory?: string;
  /** The host whose `ops` sudo asks for a password; defaults to the last host. */
  passwordHost?: string;
  /** Seconds to wait for every host to be ready. */
  timeoutS?: number;
  say?: Say;
}

/** Boots the lab; on any failure tears down what it made and throws. Returns the recorded state. */
export async function labUp(o: UpOptions): Promise<LabState> {
  const say = o.say ?? (() => undefined);
  const reason = labUnsupportedReason();
  if (reason) throw new FerryError(`lab: cannot run here: ${reason}`);
  if (await labDownAll(o.dir, (l) => say(`earlier lab: ${l}`))) say('tore down the lab an earlier run left');
  // Held until this process exits or tears the lab down: a concurrent up/down refuses meanwhile.
  acquireLock(o.dir);
  await ensurePackages(say);
  await raiseInotifyLimits();
  const store = StateStore.fresh(o.dir);
  try {
    return await build(store, o, say);
  } catch (e) {
    say(`up failed; tearing down: ${(e as Error).message}`);
    await labDown(o.dir, say);
    throw e;
  }
}

async function build(store: StateStore, o: UpOptions, say: Say): Promise<LabState> {
  const started = Date.now();
  const key = await ensureLabKey(o.dir);
  const plans = planHosts(o.names, o.dir);
  const passwordHost = o.passwordHost ?? plans[plans.length - 1].name;
  if (!o.names.includes(passwordHost)) throw new FerryError(`lab: password host "${passwordHost}" is not a lab host`);
  const knownHosts = join(o.dir, 'known_hosts');
  store.update((s) => ({
    ...s,
    hosts: plans.map((p) => ({ ...p, opsSudo: p.name === passwordHost ? 'password' : 'nopasswd' })),
    groups: o.groups ?? defaultGroups(o.names),
    inventory: o.inventory ?? join(o.dir, 'inventory.yaml'),
    knownHosts,
    privateKey: key.privateKey,
    opsPassword: `ferry-${randomBytes(6).toString('hex')}`,
  }));
  writeKnownHostsFile(knownHosts, []);
  await createBridge(store);

  const prepareAndBoot = async (h: HostPlan): Promise<Readiness> => {
    await createHostNetwork(store, h);
    await mountOverlay(store, h);
    const hostKey = await customizeRoot(h, {
      publicKey: key.publicKey,
      opsPassword: store.state.opsPassword!,
      sudo: h.name === passwordHost ? 'password' : 'nopasswd',
      peers: plans,
    });
    setHost(store, h.name, { hostKey });
    writeKnownHostsFile(knownHosts, store.state.hosts);
    const cgroups = hostCgroups(h.name);
    createCgroups(store, cgroups);
    setHost(store, h.name, { pid: startContainer(store, h, cgroups) });
    const target = { ip: h.ip, privateKey: key.privateKey, knownHosts };
    return waitReady(h.name, target, started, started + (o.timeoutS ?? 120) * 1000);
  };
  const results = await Promise.all(plans.map(prepareAndBoot));

  for (const r of results) {
    const extra = r.failed.length ? ` (failed units: ${r.failed.join(', ')})` : '';
    say(`${r.name}: ${r.state} after ${r.seconds.toFixed(1)} s${extra}`);
  }
  const bad = results.filter((r) => r.state !== 'running' && r.state !== 'degraded');
  if (bad.length) throw new FerryError(`lab: ${bad.map((r) => `${r.name} ${r.state}`).join('; ')}`);

  const s = store.state;
  writeInventoryFile(s.inventory!, s.hosts.map((h) => inventoryHost(h, s)), s.groups, {
    privateKey: key.privateKey,
    knownHosts,
  });
  store.update((x) => ({ ...x, bootSeconds: (Date.now() - started) / 1000 }));
  return store.state;
}

/** A host's inventory entry: the password-sudo host carries the password and says so. */
export function inventoryHost(h: HostRecord, s: LabState): { name: string; ip: string; vars: Record<string, unknown> } {
  const vars: Record<string, unknown> = { lab_ops_sudo: h.opsSudo };
  if (h.opsSudo === 'password') vars.lab_ops_password = s.opsPassword;
  return { name: h.name, ip: h.ip, vars };
}

function setHost(store: StateStore, name: string, patch: Partial<HostRecord>): void {
  store.update((s) => ({ ...s, hosts: s.hosts.map((h) => (h.name === name ? { ...h, ...patch } : h)) }));
}
