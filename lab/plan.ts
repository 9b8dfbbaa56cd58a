// Pure planning: host names, their addresses and resource names, and the inventory groups.
import { join } from 'node:path';
import { FerryError } from '../runner/errors.js';
import { FIRST_HOST_OCTET, MAX_HOSTS, NAME_PREFIX, SUBNET_PREFIX } from './config.js';

/** Everything the lab creates for one host, named up front so it can be recorded before it exists. */
export interface HostPlan {
  name: string;
  ip: string;
  /** Network namespace, under /run/netns. */
  netns: string;
  /** Bridge-side end of the veth pair (the other end is eth0 in the namespace). */
  veth: string;
  dir: string;
  upper: string;
  work: string;
  merged: string;
  log: string;
}

const NAME = /^[a-z][a-z0-9-]{0,19}$/;

/** Default host names: host1..hostN. */
export function defaultNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `host${i + 1}`);
}

/** The address of the i-th host (0-based) on the lab network. */
export function hostIp(index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= MAX_HOSTS) {
    throw new FerryError(`lab: host index ${index} is outside 0..${MAX_HOSTS - 1}`);
  }
  return `${SUBNET_PREFIX}.${FIRST_HOST_OCTET + index}`;
}

/** Checks names (hostname-safe, unique, 1..MAX_HOSTS of them). */
export function validateNames(names: string[]): void {
  if (names.length < 1 || names.length > MAX_HOSTS) {
    throw new FerryError(`lab: asked for ${names.length} hosts; the lab runs 1 to ${MAX_HOSTS}`);
  }
  const seen = new Set<string>();
  for (const n of names) {
    if (!NAME.test(n)) throw new FerryError(`lab: host name "${n}" must match ${NAME} (it becomes a hostname and a namespace name)`);
    if (seen.has(n)) throw new FerryError(`lab: host name "${n}" is given twice`);
    seen.add(n);
  }
}

/** Resource names and paths for each host, in order; the i-th host gets the i-th address. */
export function planHosts(names: string[], labDir: string): HostPlan[] {
  validateNames(names);
  return names.map((name, i) => {
    const dir = join(labDir, 'hosts', name);
    return {
      name,
      ip: hostIp(i),
      netns: `${NAME_PREFIX}-${name}`,
      veth: `${NAME_PREFIX}v${i + 1}`,
      dir,
      upper: join(dir, 'upper'),
      work: join(dir, 'work'),
      merged: join(dir, 'root'),
      log: join(dir, 'console.log'),
    };
  });
}

/** Default groups: with 2+ hosts, `etcd_old` = first half and `etcd_new` = the rest; `lab` = all. */
export function defaultGroups(names: string[]): Record<string, string[]> {
  const half = Math.ceil(names.length / 2);
  const groups: Record<string, string[]> = {};
  if (names.length >= 2) {
    groups.etcd_old = names.slice(0, half);
    groups.etcd_new = names.slice(half);
  }
  groups.lab = [...names];
  return groups;
}

/** Parses `etcd_old=3,etcd_new=3`: consecutive slices of the host list; `lab` (all) is always added. */
export function parseGroups(spec: string, names: string[]): Record<string, string[]> {
  const groups: Record<string, string[]> = {};
  let at = 0;
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(\d+)$/.exec(part);
    if (!m) throw new FerryError(`lab: bad group "${part}" in --groups; expected NAME=COUNT, e.g. etcd_old=3,etcd_new=3`);
    const count = Number(m[2]);
    if (at + count > names.length) {
      throw new FerryError(`lab: --groups "${spec}" needs ${at + count} hosts but the lab has ${names.length}`);
    }
    if (m[1] === 'lab' || m[1] === 'all') throw new FerryError(`lab: group "${m[1]}" is reserved`);
    groups[m[1]] = names.slice(at, at + count);
    at += count;
  }
  groups.lab = [...names];
  return groups;
}
