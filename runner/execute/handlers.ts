// Handlers: at the end of each batch, in definition order, once each, on the hosts that notified them.
import type { HostState } from './host-state.js';
import type { PlayState } from './run-state.js';
import { runTask, runTasks } from './task-list.js';

/** Flushes the handlers the batch's hosts (or `only` these, for meta: flush_handlers) notified, by name or `listen` topic. */
export async function runHandlers(state: PlayState, only?: HostState[]): Promise<void> {
  const { run, play } = state;
  const batch = (only ?? state.batch).filter((h) => !state.ended.has(h));
  for (const handler of play.handlers) {
    if (run.stopped) break;
    const names = [handler.name, ...handler.listen];
    const hosts = batch.filter((h) => h.active && names.some((n) => h.notified.has(n)));
    if (hosts.length === 0) continue;
    for (const h of hosts) for (const n of names) h.notified.delete(n);
    run.emit({ kind: 'handler_start', play: play.name, handler: handler.name, hosts: hosts.map((h) => h.name) });
    if (handler.block) await runTasks(state, [handler], hosts);
    else await runTask(state, handler, hosts, true);
  }
  for (const h of batch) h.notified.clear();
}
