// The end-of-run table: one row per host, then the total time.
import type { FerryEvent, HostCounts } from '../events.js';
import { formatDuration } from './duration.js';
import { paint } from './style.js';

const COLUMNS: Array<keyof HostCounts> = ['ok', 'changed', 'unreachable', 'failed', 'skipped', 'rescued', 'ignored'];

/** `host   ok=3  changed=1  unreachable=0 ...`, aligned, then `total time`. */
export function formatRecap(e: Extract<FerryEvent, { kind: 'recap' }>, color: boolean): string[] {
  const names = Object.keys(e.hosts);
  const width = Math.max(4, ...names.map((n) => n.length));
  const rows = names.map((name) => {
    const c = e.hosts[name];
    const bad = c.failed > 0 || c.unreachable > 0;
    const cells = COLUMNS.map((k) => `${k}=${c[k]}`.padEnd(k.length + 4));
    return `${paint(bad ? 'failed' : c.changed > 0 ? 'changed' : 'ok', name.padEnd(width), color)} : ${cells.join(' ').trimEnd()}`;
  });
  return ['', 'RECAP', ...rows, `total time: ${formatDuration(e.durationMs)}${e.ok ? '' : ' (some hosts failed)'}`];
}
