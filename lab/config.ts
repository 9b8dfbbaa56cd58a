// Fixed names and addresses of the lab, and where its state lives.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Which lab this is (FERRY_LAB_INSTANCE, 0-9, default 0): several labs can run side by side, each
 * with its own /24, bridge, namespace and veth names, cgroup and state dir.
 */
export const LAB_INSTANCE = labInstance(process.env.FERRY_LAB_INSTANCE);
/** The lab's own private /24: only these addresses (and loopback) carry lab traffic. */
export const SUBNET_PREFIX = `10.213.${7 + LAB_INSTANCE}`;
/** Prefix length of the lab network. */
export const SUBNET_BITS = 24;
/** The bridge that joins every host's veth; holds the gateway address for the control machine. */
export const BRIDGE = `ferrybr${LAB_INSTANCE}`;
/** Prefix of the lab's namespace (`PREFIX-host1`), veth (`PREFIXv1`) and cgroup names. */
export const NAME_PREFIX = LAB_INSTANCE ? `ferry${LAB_INSTANCE}` : 'ferry';
/** The control machine's address on the lab bridge. */
export const GATEWAY_IP = `${SUBNET_PREFIX}.1`;
/** Host i (0-based) gets `${SUBNET_PREFIX}.${FIRST_HOST_OCTET + i}`. */
export const FIRST_HOST_OCTET = 11;
/** More than the etcd tests need (3→5 plus spares), well below inotify and memory limits. */
export const MAX_HOSTS = 20;
/** Unprivileged user created on every host, for `become` tests. */
export const OPS_USER = 'ops';

/** The project root: the nearest folder above this file holding package.json. */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
}

/** The lab state dir: $FERRY_LAB_DIR, or `.lab/` (`.lab-N/` for instance N) in the project root. */
export function labDir(): string {
  return resolve(process.env.FERRY_LAB_DIR || join(projectRoot(), LAB_INSTANCE ? `.lab-${LAB_INSTANCE}` : '.lab'));
}

/** Parses FERRY_LAB_INSTANCE; anything but 0-9 is refused rather than guessed. */
export function labInstance(value: string | undefined): number {
  if (value === undefined || value === '') return 0;
  if (!/^[0-9]$/.test(value)) throw new Error(`FERRY_LAB_INSTANCE must be a digit 0-9, not "${value}"`);
  return Number(value);
}
