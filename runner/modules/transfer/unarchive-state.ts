// What unarchive reads from a host, as pure parsers, and what it decides from it: which members
// differ from dest (so a rerun extracts nothing) and which members' owner, group or mode to fix.
import { FerryError } from '../../errors.js';
import { normalizeMode } from '../facts/path-state.js';
import { resolveMode } from '../support/mode.js';

/** A zip member as zipinfo lists it (`-T -s`, times in UTC). */
export interface ZipEntry {
  name: string;
  kind: 'file' | 'directory' | 'link';
  size: number;
  /** yyyymmdd.hhmmss, UTC. */
  mtime: string;
}

/** A member path under dest as stat found it. */
export interface MemberStat {
  type: string;
  size: number;
  mtime: number;
  mode: string;
  owner: string;
  group: string;
}

const ZIPINFO_LINE = /^([-dlrwxstST]{10})\s+\S+\s+\S+\s+(\d+)\s+\S+\s+\S+\s+(\d{8}\.\d{6})\s(.+)$/;

/** zipinfo's member lines (headers and the total line are skipped). */
export function parseZipInfo(stdout: string): ZipEntry[] {
  return stdout.split('\n').flatMap((line) => {
    const m = ZIPINFO_LINE.exec(line);
    if (!m) return [];
    const kind = m[1]!.startsWith('d') || m[4]!.endsWith('/') ? 'directory' : m[1]!.startsWith('l') ? 'link' : 'file';
    return [{ name: m[4]!, kind, size: Number(m[2]), mtime: m[3]! }];
  });
}

/** tar -t's names, one a line. */
export function parseTarList(stdout: string): string[] {
  return stdout.split('\n').filter((l) => l !== '');
}

/** A member name as a path under dest: `./d/` → `./d`, `./` → `.`. */
export function memberPath(name: string): string {
  const trimmed = name.replace(/\/+$/, '');
  return trimmed === '' || trimmed === '.' ? '.' : trimmed;
}

/** The NUL-terminated records of statMembersCommand, by name. */
export function parseMemberStats(stdout: string): Map<string, MemberStat> {
  const out = new Map<string, MemberStat>();
  for (const record of stdout.split('\0')) {
    const m = /^([^|]+)\|(\d+)\|(\d+)\|([0-7]+)\|([^|]*)\|([^|]*)\|(.*)$/s.exec(record);
    if (m) out.set(m[7]!, { type: m[1]!, size: Number(m[2]), mtime: Number(m[3]), mode: m[4]!, owner: m[5]!, group: m[6]! });
  }
  return out;
}

/** The wanted attributes of every member; any left out are not managed. */
export interface MemberAttributes {
  owner?: string;
  group?: string;
  mode?: string;
}

/** tar -d's lines that mean "extract again": owner differences only for root without owner/group given, mode ones only without mode. */
export function tarDifferences(stdout: string, rc: number, want: MemberAttributes): string[] {
  const [uid = '', ...lines] = stdout.split('\n');
  if (rc === 2) throw new FerryError(`unarchive: tar could not compare the archive with dest: ${lines.filter(Boolean).slice(-5).join('\n')}`);
  const root = uid.trim() === '0';
  return lines.filter((line) => {
    if (line === '' || /Exiting with failure status/.test(line)) return false;
    if (/: Uid differs$/.test(line)) return root && want.owner === undefined;
    if (/: Gid differs$/.test(line)) return root && want.group === undefined;
    if (/: Mode differs$/.test(line)) return want.mode === undefined;
    return true;
  });
}

/** Seconds since the epoch as zipinfo's UTC yyyymmdd.hhmmss. */
export function zipTime(epochSeconds: number): string {
  const iso = new Date(epochSeconds * 1000).toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}.${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
}

/** The zip members dest lacks or holds with another kind, size or mtime (links: kind only). */
export function zipDifferences(entries: ZipEntry[], stats: Map<string, MemberStat>): string[] {
  return entries.flatMap((e) => {
    const s = stats.get(memberPath(e.name));
    if (!s) return [`${e.name}: missing`];
    const kind = s.type === 'directory' ? 'directory' : s.type === 'symbolic link' ? 'link' : 'file';
    if (kind !== e.kind) return [`${e.name}: ${kind}, not a ${e.kind}`];
    if (kind !== 'file') return [];
    if (s.size !== e.size) return [`${e.name}: size ${s.size}, archive ${e.size}`];
    return zipTime(s.mtime) === e.mtime ? [] : [`${e.name}: mtime differs`];
  });
}

/** chown/chmod work on members: the names whose attributes differ, grouped by the value to set. */
export interface AttributeFix {
  program: 'chown' | 'chmod';
  flags: string[];
  value: string;
  names: string[];
}

/** The fixes that give every member the wanted attributes (pure); symlinks get no chmod (it would follow them). */
export function attributeFixes(stats: Map<string, MemberStat>, want: MemberAttributes): AttributeFix[] {
  const fixes: AttributeFix[] = [];
  const owners = new Map<string, string[]>();
  const modes = new Map<string, string[]>();
  for (const [name, s] of stats) {
    const owner = want.owner !== undefined && want.owner !== s.owner;
    const group = want.group !== undefined && want.group !== s.group;
    if (owner || group) {
      const spec = `${owner ? want.owner : ''}${group ? `:${want.group}` : ''}`;
      owners.set(spec, [...(owners.get(spec) ?? []), name]);
    }
    if (want.mode === undefined || s.type === 'symbolic link') continue;
    const mode = normalizeMode(resolveMode(want.mode, s.mode, s.type === 'directory'));
    if (mode !== s.mode) modes.set(mode, [...(modes.get(mode) ?? []), name]);
  }
  for (const [value, names] of owners) fixes.push({ program: 'chown', flags: ['-h'], value, names });
  for (const [value, names] of modes) fixes.push({ program: 'chmod', flags: [], value: value.padStart(4, '0'), names });
  return fixes;
}
