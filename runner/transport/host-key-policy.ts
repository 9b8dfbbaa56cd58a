// What to do with a host key: check it against known_hosts (strict), record new ones
// (accept-new), or accept anything (off, only by explicit flag). A changed key is always refused.
import { appendFile, mkdir, readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkHostKey, entryMatches, fingerprint, keyTypeOf, knownHostName, KnownHostsIndex, knownKeyTypes, parseKnownHosts } from './known-hosts.js';
import type { HostKeyMode, SshEndpoint } from './spec.js';

/** Host key checking mode and the known_hosts file it reads (and, for accept-new, appends to). */
export interface HostKeyPolicy {
  mode: HostKeyMode;
  file: string;
  /** Set when `file` was chosen on the command line (--known-hosts): it beats the inventory's. */
  fileFromFlag?: boolean;
  /** Set when `mode` was chosen on the command line (--host-key-checking): it beats the host's own. */
  modeFromFlag?: boolean;
}

/** The policy for one endpoint: its own known_hosts file and checking mode, unless the command line set them. */
export function hostKeyPolicyFor(policy: HostKeyPolicy, endpoint: Pick<SshEndpoint, 'knownHostsFile' | 'hostKeyChecking'>): HostKeyPolicy {
  const file = endpoint.knownHostsFile && !policy.fileFromFlag ? endpoint.knownHostsFile : policy.file;
  const mode = endpoint.hostKeyChecking && !policy.modeFromFlag ? endpoint.hostKeyChecking : policy.mode;
  return { ...policy, file, mode };
}

/** The default: strict checking against ~/.ssh/known_hosts, as OpenSSH does. */
export function defaultHostKeyPolicy(): HostKeyPolicy {
  return { mode: 'strict', file: join(homedir(), '.ssh', 'known_hosts') };
}

/** The outcome of checking one presented key; `reason` is a full sentence for the user. */
export type HostKeyDecision = { accept: true; recorded?: boolean } | { accept: false; reason: string };

/** Checks `blob` presented by `host:port` under `policy`, appending it to the file for accept-new. */
export async function decideHostKey(policy: HostKeyPolicy, host: string, port: number, blob: Buffer): Promise<HostKeyDecision> {
  if (policy.mode === 'off') return { accept: true };
  const name = knownHostName(host, port);
  const entries = (await knownHosts(policy.file)).relevant(name);
  const verdict = checkHostKey(entries, name, blob);
  const type = keyTypeOf(blob);
  switch (verdict.status) {
    case 'known':
      return { accept: true };
    case 'revoked':
      return { accept: false, reason: `the ${type} host key of ${name} (${fingerprint(blob)}) is marked @revoked in ${policy.file}:${verdict.entry.line}` };
    case 'changed':
      return {
        accept: false,
        reason:
          `REMOTE HOST IDENTIFICATION HAS CHANGED for ${name}: it now presents ${type} key ${fingerprint(blob)}, ` +
          `but ${policy.file}:${verdict.entry.line} holds a different ${type} key. Someone could be intercepting the connection, ` +
          `or the host was reinstalled; if the change is expected, remove the old key (ssh-keygen -R '${name}' -f ${policy.file}). Nothing was run.`,
      };
    case 'unknown': {
      const other = entries.find((en) => !en.revoked && entryMatches(en, name));
      if (other) {
        // A new key type for a known host is a changed identity to OpenSSH too, even under accept-new.
        return {
          accept: false,
          reason:
            `${name} presents a ${type} host key (${fingerprint(blob)}), but ${policy.file}:${other.line} knows it by a ${other.keyType} key; ` +
            `a new key type for a known host is refused as a changed identity. If the host's keys really changed, ` +
            `remove the old entry (ssh-keygen -R '${name}' -f ${policy.file}). Nothing was run.`,
        };
      }
      if (policy.mode === 'accept-new') {
        await recordKey(policy.file, `${name} ${type} ${blob.toString('base64')}\n`);
        return { accept: true, recorded: true };
      }
      return {
        accept: false,
        reason:
          `host key of ${name} (${type} ${fingerprint(blob)}) is not in ${policy.file}; ` +
          `add it (ssh-keyscan -p ${port} ${host} >> ${policy.file}) or run with --host-key-checking accept-new. Nothing was run.`,
      };
    }
  }
}

/** ssh2 serverHostKey algorithms ordered so the types known_hosts holds for the host come first. */
export async function preferredHostKeyAlgorithms(policy: HostKeyPolicy, host: string, port: number): Promise<string[] | undefined> {
  if (policy.mode === 'off') return undefined;
  const name = knownHostName(host, port);
  const known = knownKeyTypes((await knownHosts(policy.file)).relevant(name), name);
  if (known.length === 0) return undefined;
  const all = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];
  const algorithmsOf = (type: string) => (type === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [type]);
  const first = known.flatMap(algorithmsOf).filter((a) => all.includes(a));
  return [...new Set([...first, ...all])];
}

// Parsed files by path, kept while the file's size, mtime and inode stay the same (an accept-new
// append changes them): one parse per run, not two per host.
const indexes = new Map<string, { stamp: string; index: Promise<KnownHostsIndex> }>();

/** The index of a known_hosts file (empty when it does not exist). */
async function knownHosts(file: string): Promise<KnownHostsIndex> {
  const st = await stat(file).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });
  const stamp = st ? `${st.size}:${st.mtimeMs}:${st.ino}` : 'absent';
  const cached = indexes.get(file);
  if (cached?.stamp === stamp) return cached.index;
  const index = readOptional(file).then((text) => new KnownHostsIndex(parseKnownHosts(text)));
  indexes.set(file, { stamp, index });
  return index;
}

async function readOptional(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw err;
  }
}

// Appends are chained so hosts connecting in parallel never interleave their lines.
let appending: Promise<void> = Promise.resolve();

function recordKey(file: string, line: string): Promise<void> {
  appending = appending.catch(() => {}).then(async () => {
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    const current = await readOptional(file);
    const sep = current === '' || current.endsWith('\n') ? '' : '\n';
    await appendFile(file, sep + line, { mode: 0o600 });
  });
  return appending;
}
