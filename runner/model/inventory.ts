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
  source: SourceRef;
}

/** A loaded inventory file. */
export interface Inventory {
  file: string;
  hosts: Map<string, HostEntry>;
  /** Every group, `all` and `ungrouped` included. */
  groups: Map<string, GroupEntry>;
}
