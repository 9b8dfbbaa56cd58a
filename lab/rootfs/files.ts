// Small file operations inside a host's root that never follow a link out of it.
import { chmodSync, chownSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Replaces `path` (relative to the root at `merged`) with a regular file holding `content`. */
export function putFile(merged: string, path: string, content: string, mode = 0o644, owner?: { uid: number; gid: number }): void {
  const full = join(merged, path);
  mkdirSync(dirname(full), { recursive: true });
  rmSync(full, { force: true, recursive: true });
  writeFileSync(full, content, { mode });
  chmodSync(full, mode);
  if (owner) chownSync(full, owner.uid, owner.gid);
}

/** Creates a dir inside the root with the given mode and owner. */
export function putDir(merged: string, path: string, mode: number, owner?: { uid: number; gid: number }): void {
  const full = join(merged, path);
  mkdirSync(full, { recursive: true });
  chmodSync(full, mode);
  if (owner) chownSync(full, owner.uid, owner.gid);
}
