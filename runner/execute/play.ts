// One play: its hosts, its vars, serial batches, facts, the strategy, then handlers per batch.
import { newTask } from '../load/keywords.js';
import type { Play, Task } from '../load/types.js';
import { modules } from '../modules/registry.js';
import { collectSecrets } from '../report/redact.js';
import { renderString } from '../template/index.js';
import { runHandlers } from './handlers.js';
import { HostState } from './host-state.js';
import { hostVars, matchHosts, serialBatches } from './inventory-view.js';
import { type PlayState, type RunState, stopRun } from './run-state.js';
import { runFree } from './strategy-free.js';
import { runLinear } from './strategy-linear.js';
import { runTask } from './task-list.js';
import { loadVarsFiles } from './vars-files.js';
import { promptVars } from './vars-prompt.js';
import { type MagicVars, playLayers, refreshHostVars } from './vars.js';

/** Runs one play on its hosts (pattern ∩ --limit, minus hosts that already failed). */
export async function runPlay(run: RunState, play: Play, magicBase: Omit<MagicVars, 'play_hosts'>, inventoryVars: Map<string, Record<string, unknown>>): Promise<void> {
  const started = Date.now();
  const names = playHosts(run, play);
  run.emit({ kind: 'play_start', play: play.name, hosts: names });
  if (names.length === 0) {
    run.emit({ kind: 'warning', msg: `play "${play.name}": no hosts left to run on (pattern "${play.hosts}")` });
    run.emit({ kind: 'play_end', play: play.name, durationMs: Date.now() - started });
    return;
  }
  const varsFiles = { ...(await promptVars(run, play)), ...loadVarsFiles(play, play.baseDir ?? run.playbook.baseDir, run.extra) };
  const magic: MagicVars = { ...magicBase, play_hosts: names };
  for (const host of run.hosts.values()) {
    if (!inventoryVars.has(host.name)) inventoryVars.set(host.name, hostVars(run.inventory, host.name));
    host.layers = playLayers(inventoryVars.get(host.name) ?? {}, play, varsFiles);
    magic.hostvars[host.name] = host.vars;
    refreshHostVars(host, run.extra, magic);
    // Not through the magic vars naming every host (hostvars, groups, play_hosts): each host's own
    // vars are walked here, once each, not once per host.
    collectSecrets(host.vars, run.secrets, undefined, new WeakSet<object>([magic.hostvars, magic.groups, magic.play_hosts]));
  }
  for (const batchNames of serialBatches(names, play.serial)) {
    if (run.stopped || run.endedPlay === play) break;
    const batch = batchNames.map((n) => run.hosts.get(n)).filter((h): h is HostState => !!h && h.active);
    for (const h of batch) h.seen = true;
    const state: PlayState = { run, play, magic, batch, once: new Map(), stepAnswers: new Map(), ended: new Set() };
    if (play.serial.length > 0) run.emit({ kind: 'batch_start', play: play.name, hosts: batchNames });
    if (play.gatherFacts && play.factsUsed !== false) await gatherFacts(state);
    await (play.strategy === 'free' ? runFree(state) : runLinear(state));
    await runHandlers(state);
    // As in Ansible, a batch in which every host failed or became unreachable ends the playbook.
    if (batch.length > 0 && batch.every((h) => !h.active)) stopRun(run, `every host of play "${play.name}" failed or is unreachable`);
  }
  run.emit({ kind: 'play_end', play: play.name, durationMs: Date.now() - started });
}

// A templated pattern (`hosts: "{{ default group 'etcd_old' }}"`) renders with the extra vars, as in Ansible.
function playHosts(run: RunState, play: Play): string[] {
  const pattern = play.hosts.includes('{{') ? renderString(play.hosts, run.extra, { template: `play "${play.name}" hosts` }) : play.hosts;
  let names = matchHosts(run.inventory, pattern);
  if (run.options.limit) {
    const limit = new Set(matchHosts(run.inventory, run.options.limit));
    names = names.filter((n) => limit.has(n));
  }
  // An implicit `localhost` (not in the inventory) gets its state on first use.
  for (const n of names) {
    if (!run.hosts.has(n)) run.hosts.set(n, new HostState(n));
  }
  return names.filter((n) => run.hosts.get(n)?.active);
}

// Facts come from the `setup` module, run once per host as an ordinary (always-tagged) task.
async function gatherFacts(state: PlayState): Promise<void> {
  if (!modules.has('setup')) {
    state.run.emit({ kind: 'warning', msg: 'gather_facts: no setup module is registered; facts skipped' });
    return;
  }
  await runTask(state, factsTask(state.play), state.batch, true);
}

function factsTask(play: Play): Task {
  return newTask({ name: 'Gathering Facts', module: 'setup', args: {}, delay: 0, tags: ['always'], source: play.source });
}
