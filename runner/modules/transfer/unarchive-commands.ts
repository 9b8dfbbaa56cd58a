// The commands unarchive sends, and pure parsers of their output. tar takes the archive and dest as
// attached option values (`--file=...`, `--directory=...`, with --force-local so `host:path` is no
// remote archive) and members after `--`. unzip knows no `--`: its paths never start with `-`
// (`./` is put before a relative one) and a member pattern's leading `-` becomes `[-]`, which
// matches the same names as a wildcard and cannot be read as an option.
import { FerryError } from '../../errors.js';
import { shq } from '../../transport/shell-quote.js';

/** The two archive families: GNU tar finds gzip, bzip2 and xz by itself when reading a file. */
export type ArchiveFormat = 'tar' | 'zip';

const TAR_SUFFIXES = ['.tar', '.tar.gz', '.tgz', '.tar.bz2', '.tbz2', '.tbz', '.tar.xz', '.txz'];

/** The format a file name says, or undefined for a name that says none. */
export function archiveFormat(name: string): ArchiveFormat | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith('.zip')) return 'zip';
  return TAR_SUFFIXES.some((s) => lower.endsWith(s)) ? 'tar' : undefined;
}

/** What selects and changes the extraction, as the module's arguments give it. */
export interface Selection {
  archive: string;
  dest: string;
  include: string[];
  exclude: string[];
  extraOpts: string[];
}

/**
 * The extra_opts allowed: what changes where and how members land. Not the options that run a
 * program (`--to-command`, `--checkpoint-action`, `--use-compress-program`, `--rsh-command`,
 * `--info-script`) or read another file (`--files-from`, `--exclude-from`), which a value from a
 * variable could otherwise smuggle in.
 */
const TAR_OPTS = /^(--strip-components=\d+|--no-same-owner|--same-owner|--no-same-permissions|--same-permissions|-p|--preserve-permissions|--numeric-owner|--keep-old-files|-k|--keep-newer-files|--skip-old-files|--overwrite|--overwrite-dir|--no-overwrite-dir|--unlink-first|-U|--recursive-unlink|--touch|-m|--wildcards|--no-wildcards|--anchored|--no-anchored|--ignore-case|--no-ignore-case|--wildcards-match-slash|--no-wildcards-match-slash|--exclude=[^\0]*|--exclude-vcs|--exclude-backups|--delay-directory-restore|--no-delay-directory-restore|--warning=[a-z-]+|--keep-directory-symlink|--occurrence(=\d+)?|--transform=[^\0]*|--xform=[^\0]*|-z|--gzip|-j|--bzip2|-J|--xz|--zstd)$/;
const ZIP_OPTS = /^-[ajCLnoqXUVK]+$/;

/** Refuses an extra_opts word unarchive does not pass on, naming it. */
export function checkExtraOpts(format: ArchiveFormat, opts: string[]): void {
  const allowed = format === 'tar' ? TAR_OPTS : ZIP_OPTS;
  const bad = opts.find((o) => !allowed.test(o));
  if (bad !== undefined) {
    throw new FerryError(`unarchive: extra_opts ${JSON.stringify(bad)} is not passed to ${format === 'tar' ? 'tar' : 'unzip'} (allowed: options that change how members are extracted; none that runs a program or reads another file)`);
  }
}

/** A path that cannot be read as an option by a program without `--`. */
export function notAnOption(path: string): string {
  return path.startsWith('-') ? `./${path}` : path;
}

/** An unzip member pattern that matches the same names and cannot be read as an option. */
export function zipPattern(pattern: string): string {
  return pattern.startsWith('-') ? `[-]${pattern.slice(1)}` : pattern;
}

function tarWords(mode: '-t' | '-d' | '-x', s: Selection): string {
  const words = [mode, '--force-local', `--file=${s.archive}`, ...(mode === '-t' ? [] : [`--directory=${s.dest}`]), ...s.exclude.map((e) => `--exclude=${e}`), ...s.extraOpts];
  return [...words.map(shq), '--', ...s.include.map(shq)].join(' ');
}

function zipSelection(s: Selection): string {
  const include = s.include.map((p) => shq(zipPattern(p)));
  const exclude = s.exclude.length ? ['-x', ...s.exclude.map((p) => shq(zipPattern(p)))] : [];
  return [shq(notAnOption(s.archive)), ...include, ...exclude].join(' ');
}

/** Lists the members: one name a line (zip: zipinfo's short lines with UTC times, for the compare). */
export function listCommand(format: ArchiveFormat, s: Selection): string {
  return format === 'tar' ? `tar ${tarWords('-t', s)}` : `TZ=UTC unzip -Z -T -s ${zipSelection(s)}`;
}

/** tar's own compare of the archive with dest, after the login's uid (owner differences count only for root). */
export function tarCompareCommand(s: Selection): string {
  return `id -u; tar ${tarWords('-d', s)} 2>&1`;
}

/** Extracts into dest, overwriting what is there. */
export function extractCommand(format: ArchiveFormat, s: Selection): string {
  if (format === 'tar') return `tar ${tarWords('-x', s)}`;
  return `unzip -o -q ${s.extraOpts.map(shq).join(' ')}${s.extraOpts.length ? ' ' : ''}${zipSelection(s)} -d ${shq(notAnOption(s.dest))}`;
}

/** Whether the host can read zip archives. */
export const UNZIP_PRESENT = 'if command -v unzip >/dev/null 2>&1; then echo yes; else echo no; fi';

/** Stats paths relative to dest, read NUL-separated on stdin: `type|size|mtime|mode|owner|group|name\0` each. */
export function statMembersCommand(dest: string): string {
  return `cd -- ${shq(dest)} && xargs -0 -r stat --printf '%F|%s|%Y|%a|%U|%G|%n\\0' -- 2>/dev/null; true`;
}

/** Runs `program flags -- value <names on stdin>` in dest: chown or chmod on the members that differ. */
export function forMembersCommand(dest: string, program: 'chown' | 'chmod', flags: string[], value: string): string {
  return `cd -- ${shq(dest)} && xargs -0 -r ${[program, ...flags].join(' ')} -- ${shq(value)}`;
}
