// The state of one path: type, mode, owner, group, and optionally its sha256 or link target.
import { shq } from '../../transport/shell-quote.js';
import type { Fact } from './fact.js';

/** A path as found on the host; `type` absent means it does not exist. */
export interface PathState {
  type?: 'file' | 'directory' | 'link' | 'other';
  /** Octal permission bits without a leading zero, as `stat -c %a` prints them ("644", "1777"). */
  mode?: string;
  owner?: string;
  group?: string;
  sha256?: string;
  linkTarget?: string;
}

/** Reads `path` without following a final symlink; with `checksum`, a regular file's sha256 too. */
export function pathState(path: string, opts: { checksum?: boolean } = {}): Fact<PathState> {
  const p = shq(path);
  const sum = opts.checksum ? ` elif [ -f ${p} ]; then sha256sum < ${p};` : '';
  return {
    command: `if [ -L ${p} ] || [ -e ${p} ]; then stat -c '%a %U %G %F' -- ${p}; if [ -L ${p} ]; then printf 'link:%s\\n' "$(readlink -- ${p})";${sum} fi; else echo absent; fi`,
    parse: parsePathState,
  };
}

/** Parses pathState's output (pure; see the fact fixtures). */
export function parsePathState(stdout: string): PathState {
  const [first = '', second = ''] = stdout.split('\n');
  if (first.trim() === 'absent') return {};
  const m = /^([0-7]+) (\S+) (\S+) (.+)$/.exec(first.trim());
  if (!m) throw new Error(`unexpected stat output: ${first}`);
  const [, mode, owner, group, kind] = m;
  const state: PathState = { type: typeOf(kind!), mode, owner, group };
  if (second.startsWith('link:')) state.linkTarget = second.slice(5);
  else if (/^[0-9a-f]{64}\b/.test(second)) state.sha256 = second.slice(0, 64);
  return state;
}

function typeOf(kind: string): PathState['type'] {
  if (kind.startsWith('regular')) return 'file';
  if (kind === 'directory') return 'directory';
  if (kind === 'symbolic link') return 'link';
  return 'other';
}

/** Normalizes an octal mode for comparison with stat's %a: "0644" → "644", "0" → "0". */
export function normalizeMode(mode: string): string {
  return mode.replace(/^0+(?=[0-7])/, '');
}
