// File modes as Ansible reads them: an integer is the mode itself (YAML 1.1 reads `0644` as 420,
// which is 0644), a string is octal ("0644", "755") or symbolic ("u=rw,g=r,o=r", "u+x", "a-w").
import { FerryError } from '../../errors.js';

const OCTAL = /^0?[0-7]{1,4}$/;
const CLAUSE = /^[ugoa]*(?:[-+=](?:[rwxXst]*|[ugo]))+$/;
/** A string the schema accepts: octal, symbolic, or a template (checked once rendered). */
const MODE_PATTERN = '^(0?[0-7]{1,4}|[ugoa]*([-+=]([rwxXst]*|[ugo]))+(,[ugoa]*([-+=]([rwxXst]*|[ugo]))+)*|.*\\{\\{.*)$';

/** JSON Schema for a `mode` argument, shared by file, copy and template. */
export const modeSchema = {
  anyOf: [
    { type: 'integer', minimum: 0, maximum: 0o7777 },
    { type: 'string', pattern: MODE_PATTERN },
  ],
  'x-message': 'is not a mode: give octal ("0644"), symbolic ("u=rw,g=r,o=r", "u+x") or an integer up to 0o7777',
  description: 'permission bits: an octal string ("0644"), a symbolic one ("u=rw,g=r,o=r", "u+x"), or an integer (YAML 0644)',
} as const;

/** True for a symbolic mode ("u+x"), which needs the path's current mode to resolve. */
export function isSymbolic(mode: string): boolean {
  return !OCTAL.test(mode);
}

/**
 * Reads a mode argument: integers are the mode itself (420 → "0644"), octal strings are padded
 * ("644" → "0644"), symbolic strings are kept as written. Throws naming the bad value.
 */
export function parseMode(mode: unknown, arg = 'mode'): string | undefined {
  if (mode === undefined || mode === null) return undefined;
  if (typeof mode === 'number') {
    if (!Number.isInteger(mode) || mode < 0 || mode > 0o7777) throw new FerryError(`${arg}: ${mode} is not a file mode (0 to 0o7777; quote octal modes: "0644")`);
    return mode.toString(8).padStart(4, '0');
  }
  const text = String(mode).trim();
  if (OCTAL.test(text)) return text.replace(/^0(?=[0-7]{4}$)/, '').padStart(4, '0');
  if (text !== '' && text.split(',').every((c) => CLAUSE.test(c))) return text;
  throw new FerryError(`${arg}: ${JSON.stringify(mode)} is not a mode: give octal ("0644") or symbolic ("u=rw,g=r,o=r", "u+x")`);
}

const WHO: Record<string, number> = { u: 0o4700, g: 0o2070, o: 0o1007 };

/** The octal mode ("0755") that `mode` gives a path whose mode is now `current` (stat's %a). */
export function resolveMode(mode: string, current: string | undefined, isDir: boolean): string {
  if (!isSymbolic(mode)) return mode;
  let bits = current === undefined ? (isDir ? 0o755 : 0o644) : parseInt(current, 8);
  for (const clause of mode.split(',')) {
    const who = /^[ugoa]*/.exec(clause)![0];
    const mask = (who === '' || who.includes('a') ? 'ugo' : who).split('').reduce((m, w) => m | WHO[w], 0);
    for (const [, op, perms] of clause.slice(who.length).matchAll(/([-+=])([ugo]|[rwxXst]*)/g)) {
      const value = permBits(perms, bits, isDir) & mask;
      if (op === '+') bits |= value;
      else if (op === '-') bits &= ~value;
      else bits = (bits & ~mask) | value;
    }
  }
  return bits.toString(8).padStart(4, '0');
}

// The bits `perms` stand for in every class; the caller masks them to the clause's classes.
function permBits(perms: string, current: number, isDir: boolean): number {
  if (/^[ugo]$/.test(perms)) {
    const shift = { u: 6, g: 3, o: 0 }[perms as 'u' | 'g' | 'o'];
    const rwx = (current >> shift) & 7;
    return rwx * 0o111;
  }
  let bits = 0;
  for (const p of perms) {
    if (p === 'r') bits |= 0o444;
    if (p === 'w') bits |= 0o222;
    if (p === 'x' || (p === 'X' && (isDir || (current & 0o111) !== 0))) bits |= 0o111;
    if (p === 's') bits |= 0o6000;
    if (p === 't') bits |= 0o1000;
  }
  return bits;
}
