// Pure: the inventory (Ansible's shape, as ferry reads it) and known_hosts text for lab hosts.
import { stringify } from 'yaml';

/** A host as an inventory lists it. */
export interface InventoryHost {
  name: string;
  ip: string;
  /** Extra host vars (e.g. lab_ops_password on the password-sudo host). */
  vars?: Record<string, unknown>;
}

/** What every lab inventory sets for all hosts. */
export interface InventoryDefaults {
  privateKey: string;
  knownHosts: string;
  /** Extra group vars for `all`. */
  vars?: Record<string, unknown>;
}

/** The vars every host gets: how to reach it. */
export function hostVars(h: InventoryHost, d: InventoryDefaults): Record<string, unknown> {
  return { ssh_host: h.ip, ssh_user: 'root', ssh_private_key_file: d.privateKey, ...h.vars };
}

/**
 * `all: {vars, children}`; each group lists its hosts with their full vars (identical wherever a
 * host appears), so the file reads the same whichever group a loader meets first.
 */
export function buildInventory(hosts: InventoryHost[], groups: Record<string, string[]>, d: InventoryDefaults): object {
  const byName = new Map(hosts.map((h) => [h.name, h]));
  const children: Record<string, { hosts: Record<string, unknown> }> = {};
  for (const [group, members] of Object.entries(groups)) {
    const entries: Record<string, unknown> = {};
    for (const name of members) {
      const h = byName.get(name);
      if (!h) throw new Error(`inventory: group ${group} names unknown host ${name}`);
      entries[name] = hostVars(h, d);
    }
    children[group] = { hosts: entries };
  }
  return {
    all: {
      vars: {
        ssh_user: 'root',
        ssh_private_key_file: d.privateKey,
        ssh_known_hosts_file: d.knownHosts,
        etcd_client_port: 2379,
        etcd_peer_port: 2380,
        ...d.vars,
      },
      children,
    },
  };
}

/** The inventory as YAML, with a header saying where it came from. */
export function renderInventory(hosts: InventoryHost[], groups: Record<string, string[]>, d: InventoryDefaults): string {
  return `# Written by \`npm run lab -- up\`: the running ferry lab hosts.\n${stringify(buildInventory(hosts, groups, d))}`;
}

/** known_hosts lines: `IP,name keytype key` for each host with a known key. */
export function renderKnownHosts(hosts: { name: string; ip: string; hostKey?: string }[]): string {
  return hosts.filter((h) => h.hostKey).map((h) => `${h.ip},${h.name} ${h.hostKey}\n`).join('');
}
