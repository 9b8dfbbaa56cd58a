// Mode, owner and group: read from the path's state, changed only where they differ.
import { FerryError } from '../../errors.js';
import { shq } from '../../transport/shell-quote.js';
import { normalizeMode, type PathState } from '../facts/path-state.js';

/** Wanted attributes; any left out are not managed. */
export interface Attributes {
  mode?: string;
  owner?: string;
  group?: string;
}

/** JSON Schema for a `mode` argument: an octal string ("0644") or a YAML number written in octal digits (644). */
export const modeSchema = { type: ['string', 'integer'], description: 'octal permission bits, e.g. "0644"' };

/** Reads a mode argument as an octal string; YAML 1.2 reads `0644` as the number 644, so digits are taken as octal. */
export function parseMode(mode: unknown, arg = 'mode'): string | undefined {
  if (mode === undefined || mode === null) return undefined;
  const text = String(mode);
  if (!/^[0-7]{1,4}$/.test(text)) {
    throw new FerryError(`${arg}: ${JSON.stringify(mode)} is not an octal mode like "0644" (symbolic modes are not supported)`);
  }
  return text.padStart(4, '0');
}

/** The commands that bring `path` from `state` to `want` (empty when nothing differs); `-R` with recurse. */
export function attributeCommands(path: string, state: PathState, want: Attributes, recurse = false): string[] {
  const commands: string[] = [];
  const r = recurse ? '-R ' : '';
  const ownerDiffers = want.owner !== undefined && want.owner !== state.owner;
  const groupDiffers = want.group !== undefined && want.group !== state.group;
  if (ownerDiffers || groupDiffers) {
    const spec = `${ownerDiffers ? want.owner : ''}${groupDiffers ? `:${want.group}` : ''}`;
    commands.push(`chown ${r}${shq(spec)} -- ${shq(path)}`);
  }
  if (want.mode !== undefined && normalizeMode(want.mode) !== state.mode) {
    commands.push(`chmod ${r}${want.mode} -- ${shq(path)}`);
  }
  return commands;
}

/** Lists attribute differences in words, for the result's msg. */
export function describeAttributeChanges(state: PathState, want: Attributes): string[] {
  const out: string[] = [];
  if (want.mode !== undefined && normalizeMode(want.mode) !== state.mode) out.push(`mode ${state.mode ?? '-'} → ${normalizeMode(want.mode)}`);
  if (want.owner !== undefined && want.owner !== state.owner) out.push(`owner ${state.owner ?? '-'} → ${want.owner}`);
  if (want.group !== undefined && want.group !== state.group) out.push(`group ${state.group ?? '-'} → ${want.group}`);
  return out;
}
