// The state one run shares between plays, strategies and task runs.
import type { Inventory, Play, Playbook, Task, Vars } from '../load/types.js';
import type { Emit } from '../report/events.js';
import type { HostState } from './host-state.js';
import type { Semaphore } from '../semaphore.js';
import type { Connections } from './connections.js';
import type { ResourceCache } from './resources.js';
import type { RunOptions, StepAnswer } from './types.js';
import type { MagicVars } from './vars.js';

/** Run-wide state: options, hosts, connections, resources, the fork limiter. */
export interface RunState {
  playbook: Playbook;
  inventory: Inventory;
  options: RunOptions;
  emit: Emit;
  extra: Vars;
  hosts: Map<string, HostState>;
  /** Secret values to mask in every event (grows as vars and facts are seen). */
  secrets: Set<string>;
  connections: Connections;
  resources: ResourceCache;
  limiter: Semaphore;
  signal: AbortSignal;
  /** Tasks that come before `--start-at-task` and never run. */
  beforeStart: Set<Task>;
  /** Set by any_errors_fatal, max_fail_percentage or a whole failed batch: nothing more runs. */
  stopped: boolean;
  /** `--step` answered `continue`. */
  stepDone: boolean;
  /** Serializes --step questions (the free strategy could ask several at once). */
  stepChain: Promise<unknown>;
  /** The play a `meta: end_play` ended: no more of its tasks or batches run. */
  endedPlay?: Play;
}

/** Ends the whole run (Ansible's NO MORE HOSTS LEFT): no later task, batch or play runs; says why once. */
export function stopRun(run: RunState, why: string): void {
  if (run.stopped) return;
  run.stopped = true;
  run.emit({ kind: 'warning', msg: `NO MORE HOSTS LEFT: ${why}; the playbook stops` });
}

/** The state of one play's current batch. */
export interface PlayState {
  run: RunState;
  play: Play;
  magic: MagicVars;
  batch: HostState[];
  /** run_once: the first host's registered value, shared with the rest of the batch. */
  once: Map<Task, Promise<unknown>>;
  /** --step answers, asked once per task. */
  stepAnswers: Map<Task, Promise<StepAnswer>>;
  /** Hosts that left the play without failing (meta: end_host, end_batch, end_play). */
  ended: Set<HostState>;
}
