// Files that hold secrets on the operator's machine (etcd snapshots, StorageOS backups): folders
// 0700 that are ours, files 0600 written through a fresh temp file (O_CREAT|O_EXCL|O_NOFOLLOW)
// and renamed into place, so a symlink planted at the folder, the target or the temp name never
// redirects a secret elsewhere and an interrupted write never leaves a half file under the real name.
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, constants, fsyncSync, lstatSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, parse, resolve } from 'node:path';

/** A folder or file for secrets that ferry refuses to use, with the reason. */
export class PrivatePathError extends Error {}

const euid = (): number => process.geteuid?.() ?? 0;

function lstatOrNull(path: string): ReturnType<typeof lstatSync> | null {
  try {
    return lstatSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

// The kernel's protected_symlinks rule, applied to every existing component: a link inside a
// folder that others may write to counts only when root or we own it.
function refusePlantedLinks(dir: string): void {
  let path = parse(dir).root;
  for (const part of dir.slice(path.length).split('/').filter(Boolean)) {
    const parent = path;
    path = join(path, part);
    const st = lstatOrNull(path);
    if (!st) return;
    if (!st.isSymbolicLink()) continue;
    const open = (statSync(parent).mode & 0o002) !== 0;
    if (open && st.uid !== 0 && st.uid !== euid()) {
      throw new PrivatePathError(`${path} is a symbolic link owned by uid ${st.uid} in the world-writable folder ${parent}; refusing to follow it`);
    }
  }
}

/** Creates `dir` (parents too) as 0700 and checks it: a real folder, ours, writable by no one else. */
export function privateDir(dir: string): string {
  const abs = resolve(dir);
  refusePlantedLinks(abs);
  mkdirSync(abs, { recursive: true, mode: 0o700 });
  const st = lstatSync(abs);
  if (st.isSymbolicLink()) throw new PrivatePathError(`backup folder ${abs} is a symbolic link; refusing to write secrets through it`);
  if (!st.isDirectory()) throw new PrivatePathError(`backup folder ${abs} is not a folder`);
  if (st.uid !== euid()) throw new PrivatePathError(`backup folder ${abs} belongs to uid ${st.uid}, not to this user (uid ${euid()})`);
  if ((st.mode & 0o022) !== 0) {
    throw new PrivatePathError(`backup folder ${abs} is writable by others (mode ${(st.mode & 0o7777).toString(8)}); use a folder of your own (chmod 700)`);
  }
  if ((st.mode & 0o077) !== 0) chmodSync(abs, 0o700);
  return abs;
}

/** A fresh temp file beside `path` (0600, never an existing file or link); write to `fd`, then `commit`. */
export interface PrivateTemp {
  fd: number;
  tmp: string;
  /** fsyncs, closes and renames the temp file to the target (refusing a symlink there). */
  commit(): void;
  /** Closes and removes the temp file (after a failure); safe to call after commit. */
  discard(): void;
}

/** Opens the temp file for `path` in its (checked) folder. */
export function openPrivateTemp(path: string): PrivateTemp {
  const target = resolve(path);
  privateDir(dirname(target));
  const tmp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
  let open = true;
  let done = false;
  const close = (): void => {
    if (open) closeSync(fd);
    open = false;
  };
  return {
    fd, tmp,
    commit() {
      fsyncSync(fd);
      close();
      if (lstatOrNull(target)?.isSymbolicLink()) throw new PrivatePathError(`${target} is a symbolic link; refusing to replace it with a file holding secrets`);
      renameSync(tmp, target);
      done = true;
    },
    discard() {
      close();
      if (!done) rmSync(tmp, { force: true });
    },
  };
}

/** Writes `data` to `path` as a private file (0600, temp + rename, folder checked). */
export function writePrivateFile(path: string, data: string | Buffer): void {
  const temp = openPrivateTemp(path);
  try {
    const buf = typeof data === 'string' ? Buffer.from(data) : data;
    for (let off = 0; off < buf.length;) off += writeSync(temp.fd, buf, off);
    temp.commit();
  } finally {
    temp.discard();
  }
}
