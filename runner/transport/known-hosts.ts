// OpenSSH known_hosts, parsed and matched without I/O: plain names, `[host]:port`, comma lists,
// wildcards, negations, hashed `|1|salt|hash` names and the @revoked marker.
import { createHash, createHmac } from 'node:crypto';

/** One key line of a known_hosts file. */
export interface KnownHostEntry {
  line: number;
  /** Host patterns as written (hashed ones kept verbatim). */
  patterns: string[];
  keyType: string;
  /** The key blob, base64 as in the file. */
  key: string;
  revoked: boolean;
}

/** Parses known_hosts text; lines it cannot read (and @cert-authority lines) are skipped, as ssh does. */
export function parseKnownHosts(text: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  text.split('\n').forEach((raw, i) => {
    const fields = raw.trim().split(/\s+/);
    if (fields[0] === '' || fields[0]!.startsWith('#')) return;
    let revoked = false;
    if (fields[0]!.startsWith('@')) {
      if (fields[0] !== '@revoked') return;
      revoked = true;
      fields.shift();
    }
    const [hosts, keyType, key] = fields;
    if (!hosts || !keyType || !key) return;
    entries.push({ line: i + 1, patterns: hosts.split(','), keyType, key, revoked });
  });
  return entries;
}

/** The name known_hosts stores for a host: `host` on port 22, `[host]:port` elsewhere. */
export function knownHostName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** True when one pattern (plain, wildcard or hashed) names `name`. */
export function patternMatches(pattern: string, name: string): boolean {
  if (pattern.startsWith('|1|')) {
    const [, , salt, hash] = pattern.split('|');
    if (!salt || !hash) return false;
    const digest = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
    return digest === hash;
  }
  if (!/[*?]/.test(pattern)) return pattern.toLowerCase() === name.toLowerCase();
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return re.test(name);
}

/** True when an entry's pattern list names `name` (a matching `!pattern` excludes it). */
export function entryMatches(entry: KnownHostEntry, name: string): boolean {
  let matched = false;
  for (const p of entry.patterns) {
    if (p.startsWith('!')) {
      if (patternMatches(p.slice(1), name)) return false;
    } else if (patternMatches(p, name)) {
      matched = true;
    }
  }
  return matched;
}

/** The key type named inside an SSH wire-format public key blob (its first string). */
export function keyTypeOf(blob: Buffer): string {
  if (blob.length < 4) return '';
  const len = blob.readUInt32BE(0);
  return blob.subarray(4, 4 + len).toString('latin1');
}

/** OpenSSH's fingerprint: `SHA256:` + unpadded base64 of the blob's digest. */
export function fingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** What known_hosts says about a presented key. */
export type HostKeyVerdict =
  | { status: 'known'; entry: KnownHostEntry }
  | { status: 'unknown' }
  | { status: 'changed'; entry: KnownHostEntry }
  | { status: 'revoked'; entry: KnownHostEntry };

/** Decides whether `blob` is the key known for `name` (the known_hosts name of the host). */
export function checkHostKey(entries: KnownHostEntry[], name: string, blob: Buffer): HostKeyVerdict {
  const type = keyTypeOf(blob);
  const key = blob.toString('base64');
  const revoked = entries.find((e) => e.revoked && e.key === key);
  if (revoked) return { status: 'revoked', entry: revoked };
  const forHost = entries.filter((e) => !e.revoked && entryMatches(e, name));
  const same = forHost.find((e) => e.keyType === type && e.key === key);
  if (same) return { status: 'known', entry: same };
  const other = forHost.find((e) => e.keyType === type);
  if (other) return { status: 'changed', entry: other };
  return { status: 'unknown' };
}

/** A file's entries indexed by host name, so that a file of thousands of hosts is not scanned (and
 * its hashed names not HMACed) once per host: `relevant(name)` keeps every entry that can bear on
 * `name` (those naming it plainly, and every revoked, hashed, wildcard or negated one), in file order,
 * which is all that checkHostKey and knownKeyTypes read. */
export class KnownHostsIndex {
  private readonly byName = new Map<string, KnownHostEntry[]>();
  private readonly others: KnownHostEntry[] = [];
  private readonly memo = new Map<string, KnownHostEntry[]>();

  constructor(readonly entries: KnownHostEntry[]) {
    for (const e of entries) {
      if (e.revoked || e.patterns.some((p) => p.startsWith('|') || p.startsWith('!') || /[*?]/.test(p))) {
        this.others.push(e);
        continue;
      }
      for (const p of new Set(e.patterns.map((q) => q.toLowerCase()))) {
        const list = this.byName.get(p) ?? [];
        list.push(e);
        this.byName.set(p, list);
      }
    }
  }

  /** The entries that can bear on `name`, in file order. */
  relevant(name: string): KnownHostEntry[] {
    const key = name.toLowerCase();
    let found = this.memo.get(key);
    if (!found) {
      const plain = this.byName.get(key) ?? [];
      const others = this.others.filter((e) => e.revoked || entryMatches(e, name));
      found = others.length ? [...plain, ...others].sort((a, b) => a.line - b.line) : plain;
      this.memo.set(key, found);
    }
    return found;
  }
}

/** Key types known for `name`, in file order, so the connection can ask the server for those first. */
export function knownKeyTypes(entries: KnownHostEntry[], name: string): string[] {
  const types = entries.filter((e) => !e.revoked && entryMatches(e, name)).map((e) => e.keyType);
  return [...new Set(types)];
}
