// A scratch folder per suite for playbooks and inventories aimed at the lab, plus a unique tag so
// suites sharing the lab never touch each other's files or units on the hosts.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import type { Lab } from './lab.js';

/** A temp folder that files are written into by relative name. */
export interface Workspace {
  dir: string;
  /** Short random tag for names on the hosts (paths, units). */
  tag: string;
  /** Writes `content` to `dir/name` (parents created) and returns the full path. */
  write(name: string, content: string): string;
  remove(): void;
}

/** Makes a workspace under the system temp dir. */
export function workspace(prefix: string): Workspace {
  const dir = mkdtempSync(join(tmpdir(), `ferry-${prefix}-`));
  return {
    dir,
    tag: randomBytes(3).toString('hex'),
    write(name, content) {
      const file = join(dir, name);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
      return file;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A host entry for labInventory: a lab host name, or any name with its own vars (an unused address). */
export type InventoryHostSpec = string | { name: string; vars: Record<string, unknown> };

/**
 * An inventory YAML (one group `targets`) for some lab hosts, reached as root with the lab key and
 * known_hosts through `all.vars`; `vars` adds to (or overrides) those, `hostVars` per host.
 */
export function labInventory(lab: Lab, hosts: InventoryHostSpec[], vars: Record<string, unknown> = {}, hostVars: Record<string, Record<string, unknown>> = {}): string {
  const entries: Record<string, Record<string, unknown>> = {};
  for (const h of hosts) {
    const name = typeof h === 'string' ? h : h.name;
    const labHost = lab.hosts.find((x) => x.name === name);
    const own = typeof h === 'string' ? {} : h.vars;
    if (!labHost && typeof h === 'string') throw new Error(`lab: no host named ${name}`);
    entries[name] = { ...(labHost ? { ssh_host: labHost.ip } : {}), ...own, ...(hostVars[name] ?? {}) };
  }
  const allVars = { ssh_user: 'root', ssh_private_key_file: lab.privateKey, ssh_known_hosts_file: lab.knownHosts, ...vars };
  return stringify({ all: { vars: allVars, children: { targets: { hosts: entries } } } });
}

/** An address on the lab's /24 that no host uses (`.250`). */
export function unusedLabAddress(lab: Lab): string {
  return lab.hosts[0].ip.replace(/\.\d+$/, '.250');
}
