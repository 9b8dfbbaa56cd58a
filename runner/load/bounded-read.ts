// Reading an input file within limits: only regular files (a FIFO would block, /dev/zero never
// ends), and no more than a size limit, so a hostile path cannot hang ferry or exhaust its memory.
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';

/** Largest YAML file (inventory, playbook, vars file, `-e @file`, imported tasks) ferry reads. */
export const MAX_YAML_BYTES = 16 * 1024 * 1024;
/** Largest template file ferry renders. */
export const MAX_TEMPLATE_BYTES = 4 * 1024 * 1024;

/** Why a file cannot be read, as a message; the text otherwise. */
export type BoundedRead = { text: string } | { error: string; missing?: boolean };

function kindOf(st: { isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean; isDirectory(): boolean }): string {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  if (st.isDirectory()) return 'a directory';
  return 'not a regular file';
}

/** Reads `file` as UTF-8 if it is a regular file of at most `limit` bytes. Never blocks on a FIFO. */
export function readBounded(file: string, limit: number, what: string): BoundedRead {
  let fd: number | undefined;
  try {
    const st = statSync(file);
    if (!st.isFile()) return { error: `${what} is ${kindOf(st)}, not a regular file: refused` };
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    const size = fstatSync(fd).size;
    if (size > limit) return { error: `${what} is ${size} bytes, over the limit of ${limit} bytes` };
    const buf = Buffer.alloc(Math.min(size, limit) + 1);
    let n = 0;
    for (let r = 1; r > 0 && n < buf.length; n += r) r = readSync(fd, buf, n, buf.length - n, null);
    if (n > limit) return { error: `${what} grew past the limit of ${limit} bytes while being read` };
    return { text: buf.subarray(0, n).toString('utf8') };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { error: 'file not found', missing: true };
    return { error: code === 'EACCES' ? 'permission denied' : String((err as Error).message) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
