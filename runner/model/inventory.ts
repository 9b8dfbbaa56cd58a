// The inventory as loaded: hosts and groups with their own vars. Shared by load/, plan/ and execute/.
import type { SourceRef } from './source.js';
import type { Vars } from './vars.js';

/** One host as the inventory lists it. */
export interface HostEntry {
  name: string;
  /** Vars set on the host itself. */
  vars: Vars;
  source: SourceRef;
}

/** One group: its own hosts, child groups and vars. */
export interface GroupEntry {
  name: string;
  /** Hosts listed directly under the group. */
  hosts: string[];
  children: string[];
  vars: Vars;
  /** `ansible_group_priority`: among groups of equal depth, a higher one wins (default 1). */
  priority?: number;
  source: SourceRef;
}

/** group_vars/ and host_vars/ read from one folder (beside an inventory source, or the playbook). */
export interface VarsDir {
  dir: string;
  /** At each level, 'inventory' folders rank below 'playbook' ones (Ansible's precedence). */
  place: 'inventory' | 'playbook';
  groups: Map<string, Vars>;
  hosts: Map<string, Vars>;
}

/** A loaded inventory: one or more `-i` sources merged. */
export interface Inventory {
  /** The first source: messages name it. */
  file: string;
  /** Every `-i` source in order (files, folders, scripts); later ones win. */
  sources?: string[];
  hosts: Map<string, HostEntry>;
  /** Every group, `all` and `ungrouped` included. */
  groups: Map<string, GroupEntry>;
  /** group_vars/ and host_vars/ folders, inventory ones first, then the playbook's. */
  varsDirs?: VarsDir[];
}
