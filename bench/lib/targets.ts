// The hosts a bench runs against, in one shape every tool's inventory is written from.
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { labDir } from '../../lab/config.js';
import { loadState } from '../../lab/state-file.js';

/** One SSH target: a lab host, or an sshd on 127.0.0.1 for the scale bench. */
export interface Target {
  name: string;
  ip: string;
  port: number;
  user: string;
  privateKey: string;
  knownHosts: string;
}

/** The running lab's hosts as targets, or an error saying how to start the lab. */
export function labTargets(): Target[] {
  const state = loadState(labDir());
  if (!state?.inventory || state.hosts.length === 0) throw new Error(`no running lab in ${labDir()}: npm run lab -- up --hosts 6`);
  return state.hosts.map((h) => ({ name: h.name, ip: h.ip, port: 22, user: 'root', privateKey: state.privateKey!, knownHosts: state.knownHosts! }));
}

/** Writes a ferry inventory (group `bench`) for the targets; returns its path. */
export function writeFerryInventory(file: string, targets: Target[]): string {
  const hosts = Object.fromEntries(targets.map((t) => [t.name, {
    ssh_host: t.ip,
    ssh_port: t.port,
    ssh_user: t.user,
    ssh_private_key_file: t.privateKey,
    ssh_known_hosts_file: t.knownHosts,
  }]));
  writeFileSync(file, stringify({ all: { children: { bench: { hosts } } } }));
  return file;
}
