// A systemd unit's state, read in one `systemctl show` command.
import { shq } from '../../transport/shell-quote.js';
import type { Fact } from './fact.js';

/** The properties the systemd module decides from. */
export interface UnitState {
  ActiveState: string;
  SubState: string;
  LoadState: string;
  UnitFileState: string;
  NeedDaemonReload: string;
  [property: string]: string;
}

const PROPERTIES = ['ActiveState', 'SubState', 'LoadState', 'UnitFileState', 'NeedDaemonReload'];

/** Reads the unit's properties; systemctl show succeeds even for unknown units (LoadState=not-found). */
export function unitState(name: string): Fact<UnitState> {
  return { command: `systemctl show -p ${PROPERTIES.join(',')} -- ${shq(name)}`, parse: parseUnitState };
}

/** Parses `Key=Value` lines; missing properties become empty strings. */
export function parseUnitState(stdout: string): UnitState {
  const state: Record<string, string> = Object.fromEntries(PROPERTIES.map((p) => [p, '']));
  for (const line of stdout.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) state[line.slice(0, eq)] = line.slice(eq + 1).trim();
  }
  return state as UnitState;
}
