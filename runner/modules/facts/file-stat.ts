// What Ansible's stat reports about one path, read with one `stat` (and sha1sum for a file).
import { shq } from '../../transport/shell-quote.js';
import type { Fact } from './fact.js';

const KINDS: Record<string, string> = { 'regular file': 'isreg', 'regular empty file': 'isreg', directory: 'isdir', 'symbolic link': 'islnk', fifo: 'isfifo', socket: 'issock', 'block special file': 'isblk', 'character special file': 'ischr' };

/** Reads `path` (following a final symlink when `follow`); sha1 of a regular file when `checksum`. */
export function fileStat(path: string, opts: { follow: boolean; checksum: boolean }): Fact<Record<string, unknown>> {
  const p = shq(path);
  const L = opts.follow ? '-L ' : '';
  const sum = opts.checksum ? ` if [ -f ${p} ]; then sha1sum < ${p}; fi;` : '';
  return {
    command: `if [ -e ${p} ] || [ -L ${p} ]; then stat ${L}-c '%F|%a|%u|%g|%U|%G|%s|%Y|%X|%i|%h' -- ${p};${sum} if [ -L ${p} ]; then printf 'link:%s\\n' "$(readlink -- ${p})"; fi; else echo absent; fi`,
    parse: (stdout) => parseFileStat(stdout, path),
  };
}

/** Parses fileStat's output into Ansible's stat result (pure; see the stat fixtures). */
export function parseFileStat(stdout: string, path: string): Record<string, unknown> {
  const lines = stdout.split('\n');
  if (lines[0]!.trim() === 'absent') return { exists: false };
  const [kind = '', mode = '', uid, gid, owner, group, size, mtime, atime, inode, nlink] = lines[0]!.split('|');
  const out: Record<string, unknown> = { exists: true, path, mode: mode.padStart(4, '0'), uid: Number(uid), gid: Number(gid), pw_name: owner, gr_name: group, size: Number(size), mtime: Number(mtime), atime: Number(atime), inode: Number(inode), nlink: Number(nlink) };
  for (const flag of new Set(Object.values(KINDS))) out[flag] = KINDS[kind] === flag;
  for (const l of lines.slice(1)) {
    if (/^[0-9a-f]{40}\b/.test(l)) out.checksum = l.slice(0, 40);
    if (l.startsWith('link:')) out.lnk_source = out.lnk_target = l.slice(5);
  }
  return out;
}
