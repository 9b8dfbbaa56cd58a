// A user's or group's entry, read in one command: getent for the entry, id for the groups, and
// the shadow hash (root only) so a wanted password is compared, never printed.
import { shq } from '../../transport/shell-quote.js';
import type { Fact } from '../facts/fact.js';

/** A group as getent reports it; undefined when there is none. */
export interface GroupEntry {
  name: string;
  gid: number;
}

/** Reads a group (getent exits 2 for a missing one). */
export function groupEntry(name: string): Fact<GroupEntry | undefined> {
  return { command: `getent group -- ${shq(name)}`, okRcs: [0, 2], parse: (out, rc) => (rc === 2 ? undefined : parseGroup(out)) };
}

/** Parses `name:x:gid:members`. */
export function parseGroup(out: string): GroupEntry {
  const [name = '', , gid = ''] = out.trim().split(':');
  return { name, gid: Number(gid) };
}

/** A user as getent, id and the shadow file report it. */
export interface UserEntry {
  name: string;
  uid: number;
  gid: number;
  group: string;
  comment: string;
  home: string;
  shell: string;
  /** Supplementary groups (not the primary one). */
  groups: string[];
  /** The shadow hash; undefined when it cannot be read (not root). */
  hash?: string;
}

/** Reads a user: passwd line, group names, primary group name, shadow hash (each on its own line). */
export function userEntry(name: string): Fact<UserEntry | undefined> {
  const n = shq(name);
  return {
    command: `getent passwd -- ${n} || exit 2; id -Gn -- ${n}; id -gn -- ${n}; getent shadow -- ${n} 2>/dev/null | cut -d: -f2 || true`,
    okRcs: [0, 2],
    parse: (out, rc) => (rc === 2 ? undefined : parseUser(out)),
  };
}

/** Parses userEntry's output (pure). */
export function parseUser(out: string): UserEntry {
  const [passwd = '', groups = '', primary = '', hash] = out.split('\n');
  const [name = '', , uid = '', gid = '', comment = '', home = '', shell = ''] = passwd.split(':');
  return {
    name, uid: Number(uid), gid: Number(gid), group: primary.trim(), comment, home, shell,
    groups: groups.trim().split(/\s+/).filter((g) => g && g !== primary.trim()),
    hash: hash === undefined || hash === '' ? undefined : hash,
  };
}
