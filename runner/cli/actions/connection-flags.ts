// -u, --private-key, -c, -b, --become-user, --become-method: as in Ansible, defaults that the
// inventory and the playbook override, so they go in below every inventory var; -u and -c rank
// below the remote_user/connection keywords too, so they reach connectionOf as run options instead.
import { resolve } from 'node:path';
import type { Inventory, Vars } from '../../load/types.js';

/** The connection flags of `ferry play`. */
export interface ConnectionFlags {
  user?: string;
  privateKey?: string;
  connection?: string;
  become?: boolean;
  becomeUser?: string;
  becomeMethod?: string;
}

/** The flags as Ansible connection vars. */
export function connectionDefaults(flags: ConnectionFlags, cwd: string): Vars {
  return {
    ...(flags.privateKey ? { ansible_ssh_private_key_file: resolve(cwd, flags.privateKey) } : {}),
    ...(flags.become ? { ansible_become: true } : {}),
    ...(flags.becomeUser ? { ansible_become_user: flags.becomeUser } : {}),
    ...(flags.becomeMethod ? { ansible_become_method: flags.becomeMethod } : {}),
  };
}

/** -u and -c as the engine's cliConnection. */
export function cliConnection(flags: ConnectionFlags): { user?: string; connection?: 'ssh' | 'local' } {
  return { ...(flags.user ? { user: flags.user } : {}), ...(flags.connection === 'ssh' || flags.connection === 'local' ? { connection: flags.connection } : {}) };
}

/** Puts the flags under the `all` group's own vars, the lowest inventory layer. */
export function applyConnectionFlags(inventory: Inventory, flags: ConnectionFlags, cwd: string): void {
  const all = inventory.groups.get('all');
  if (all) all.vars = { ...connectionDefaults(flags, cwd), ...all.vars };
}
