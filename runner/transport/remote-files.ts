// Shell commands that read and write whole files on a host through one exec channel each.
import { randomBytes } from 'node:crypto';
import { dirname, posix } from 'node:path';
import { shq } from './shell-quote.js';

/** Exit code of getFileCommand when the file does not exist (cat itself only exits 0 or 1). */
export const MISSING_FILE_RC = 3;

/** Prints a file to stdout; exits MISSING_FILE_RC when it does not exist. */
export function getFileCommand(path: string): string {
  return `[ -e ${shq(path)} ] || exit ${MISSING_FILE_RC}; cat -- ${shq(path)}`;
}

/** A temp name beside `path`, so the final rename stays on one file system and is atomic. */
export function tempPathFor(path: string): string {
  return posix.join(dirname(path), `.ferry-tmp-${randomBytes(6).toString('hex')}-${posix.basename(path)}`);
}

/**
 * Writes stdin to `path` atomically: a private temp file, its mode set (or the old file's mode and
 * owner kept, or 0644 for a new file), then rename. The temp file is removed on any failure.
 */
export function putFileCommand(path: string, tmp: string, mode?: string): string {
  const p = shq(path);
  const t = shq(tmp);
  const keepOwner = `{ chown --reference=${p} ${t} 2>/dev/null || true; }`;
  const setMode = mode
    ? `chmod -- ${shq(mode)} ${t} && { [ ! -e ${p} ] || ${keepOwner}; }`
    : `if [ -e ${p} ]; then chmod --reference=${p} ${t} && ${keepOwner}; else chmod 644 ${t}; fi`;
  return `umask 077; { cat > ${t} && ${setMode} && mv -f -- ${t} ${p}; } || { rc=$?; rm -f -- ${t}; exit $rc; }`;
}
