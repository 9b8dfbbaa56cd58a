// Mode, owner and group: read from the path's state, changed only where they differ.
import { shq } from '../../transport/shell-quote.js';
import { normalizeMode, type PathState } from '../facts/path-state.js';
import { isSymbolic, resolveMode } from './mode.js';

/** Wanted attributes; any left out are not managed. */
export interface Attributes {
  mode?: string;
  owner?: string;
  group?: string;
}

export { modeSchema, parseMode } from './mode.js';

/** The commands that bring `path` from `state` to `want` (empty when nothing differs); `-R` with recurse. */
export function attributeCommands(path: string, state: PathState, want: Attributes, recurse = false): string[] {
  const commands: string[] = [];
  const r = recurse ? '-R ' : '';
  const ownerDiffers = want.owner !== undefined && want.owner !== state.owner;
  const groupDiffers = want.group !== undefined && want.group !== state.group;
  if (ownerDiffers || groupDiffers) {
    const spec = `${ownerDiffers ? want.owner : ''}${groupDiffers ? `:${want.group}` : ''}`;
    // `--` before the owner too: `--reference=/etc/passwd` from a variable is an owner name, not an option.
    commands.push(`chown ${r}-- ${shq(spec)} ${shq(path)}`);
  }
  const mode = wantedMode(state, want);
  if (mode !== undefined && mode !== state.mode) {
    // Recursively, a symbolic mode is applied as written (each path resolves it against its own mode).
    const octal = resolveMode(want.mode!, state.mode, state.type === 'directory');
    commands.push(`chmod ${r}-- ${recurse && isSymbolic(want.mode!) ? shq(want.mode!) : octal} ${shq(path)}`);
  }
  return commands;
}

/** Lists attribute differences in words, for the result's msg. */
export function describeAttributeChanges(state: PathState, want: Attributes): string[] {
  const out: string[] = [];
  const mode = wantedMode(state, want);
  if (mode !== undefined && mode !== state.mode) out.push(`mode ${state.mode ?? '-'} → ${mode}`);
  if (want.owner !== undefined && want.owner !== state.owner) out.push(`owner ${state.owner ?? '-'} → ${want.owner}`);
  if (want.group !== undefined && want.group !== state.group) out.push(`group ${state.group ?? '-'} → ${want.group}`);
  return out;
}

/** The wanted mode as stat's %a prints it, a symbolic one resolved against the path's mode now. */
export function wantedMode(state: PathState, want: Attributes): string | undefined {
  return want.mode === undefined ? undefined : normalizeMode(resolveMode(want.mode, state.mode, state.type === 'directory'));
}
