// The lab's record of what it created: pure shapes, parsing and updates (no I/O).
import { FerryError } from '../runner/errors.js';
import type { HostPlan } from './plan.js';

/** One thing the lab created, recorded before it is created so a killed run can be cleaned up. */
export type Resource =
  | { kind: 'bridge'; name: string }
  | { kind: 'netns'; name: string }
  | { kind: 'veth'; name: string }
  | { kind: 'mount'; path: string }
  | { kind: 'dir'; path: string }
  | { kind: 'cgroup'; path: string }
  | { kind: 'process'; pid: number; host: string; merged: string };

/** A host as booted: its plan, plus what is learnt while booting. */
export interface HostRecord extends HostPlan {
  pid?: number;
  /** The host's ed25519 public key line (`ssh-ed25519 AAAA...`), for known_hosts. */
  hostKey?: string;
  /** `nopasswd` or `password`: how the ops user's sudo is set up there. */
  opsSudo?: 'nopasswd' | 'password';
}

/** Everything `down`, `status` and the test helper need, in `state.json` in the lab dir. */
export interface LabState {
  version: 1;
  dir: string;
  resources: Resource[];
  hosts: HostRecord[];
  groups: Record<string, string[]>;
  inventory?: string;
  knownHosts?: string;
  privateKey?: string;
  /** Password of `ops` on the host whose sudo asks for one. */
  opsPassword?: string;
  /** Seconds from `up` start to every host ready. */
  bootSeconds?: number;
}

/** An empty state for a lab in `dir`. */
export function emptyState(dir: string): LabState {
  return { version: 1, dir, resources: [], hosts: [], groups: {} };
}

/** A key that identifies a resource, to keep the list free of duplicates. */
export function resourceKey(r: Resource): string {
  switch (r.kind) {
    case 'mount':
    case 'dir':
    case 'cgroup':
      return `${r.kind}:${r.path}`;
    case 'process':
      return `process:${r.pid}`;
    default:
      return `${r.kind}:${r.name}`;
  }
}

/** The state with `r` added (once). */
export function withResource(state: LabState, r: Resource): LabState {
  const key = resourceKey(r);
  if (state.resources.some((x) => resourceKey(x) === key)) return state;
  return { ...state, resources: [...state.resources, r] };
}

/** The state with `r` removed (after it was torn down). */
export function withoutResource(state: LabState, r: Resource): LabState {
  const key = resourceKey(r);
  return { ...state, resources: state.resources.filter((x) => resourceKey(x) !== key) };
}

/** The resources of one kind, in the order recorded. */
export function resourcesOf<K extends Resource['kind']>(state: LabState, kind: K): Extract<Resource, { kind: K }>[] {
  return state.resources.filter((r): r is Extract<Resource, { kind: K }> => r.kind === kind);
}

const KINDS = new Set(['bridge', 'netns', 'veth', 'mount', 'dir', 'cgroup', 'process']);

/** Parses state.json, naming the file and the problem when it is not a lab state. */
export function parseState(text: string, file: string): LabState {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new FerryError(`${file}: not JSON (${(e as Error).message}); remove it after checking nothing of the lab is left`);
  }
  const s = data as Partial<LabState>;
  if (!s || typeof s !== 'object' || s.version !== 1 || !Array.isArray(s.resources) || !Array.isArray(s.hosts)) {
    throw new FerryError(`${file}: not a ferry lab state (version 1 with resources and hosts)`);
  }
  for (const r of s.resources) {
    if (!r || !KINDS.has((r as Resource).kind)) throw new FerryError(`${file}: unknown resource ${JSON.stringify(r)}`);
    if (r.kind === 'process' && !(Number.isInteger(r.pid) && r.pid > 1)) {
      throw new FerryError(`${file}: bad process id ${JSON.stringify(r.pid)}`);
    }
  }
  return { groups: {}, ...s } as LabState;
}
