// The end-of-run summary.
import type { HostCounts } from '../report/events.js';
import type { HostState } from './host-state.js';
import type { Recap } from './types.js';

/** Per-host counts of every host that took part; not ok when any host failed or was unreachable. */
export function buildRecap(hosts: Iterable<HostState>, durationMs: number): Recap {
  const counts: Record<string, HostCounts> = {};
  let ok = true;
  for (const host of hosts) {
    if (!host.seen) continue;
    counts[host.name] = { ...host.counts };
    if (host.counts.failed > 0 || host.counts.unreachable > 0) ok = false;
  }
  return { hosts: counts, durationMs, ok, exitCode: ok ? 0 : 1 };
}
