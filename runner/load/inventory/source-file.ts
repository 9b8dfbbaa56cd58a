// Reading an inventory source safely: only regular files, of bounded size (a FIFO or /dev/zero
// given as `-i` must not hang or fill memory).
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';

/** Larger inventory files are refused (5,000 hosts with vars take well under 2 MB). */
export const MAX_INVENTORY_BYTES = 32 * 1024 * 1024;

/** The file's text, or the reason it cannot be read (as a diagnostic message). */
export function readSourceText(file: string): { text: string } | { error: string } {
  let fd: number;
  try {
    // stat before open: opening a FIFO for reading blocks until a writer comes.
    if (!statSync(file).isFile()) return { error: 'not a regular file (an inventory is a file, a folder or an executable script)' };
    fd = openSync(file, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { error: code === 'ENOENT' ? 'file not found' : `cannot read: ${(err as Error).message}` };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { error: 'not a regular file (an inventory is a file, a folder or an executable script)' };
    if (st.size > MAX_INVENTORY_BYTES) return { error: `file is ${st.size} bytes, over the ${MAX_INVENTORY_BYTES}-byte limit for an inventory` };
    const buf = Buffer.alloc(st.size);
    let off = 0;
    while (off < st.size) {
      const n = readSync(fd, buf, off, st.size - off, off);
      if (n === 0) break;
      off += n;
    }
    return { text: buf.subarray(0, off).toString('utf8') };
  } finally {
    closeSync(fd);
  }
}
