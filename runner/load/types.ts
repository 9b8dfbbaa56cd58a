// The shapes that loading produces and planning/execution consume.

import type { SourceRef } from '../model/source.js';
import type { Vars } from '../model/vars.js';

// Moved to runner/model/ and runner/transport/ (so transport/ needs nothing from load/); re-exported
// here so existing imports keep working.
export type { SourceRef } from '../model/source.js';
export type { Vars } from '../model/vars.js';
export type { GroupEntry, HostEntry, Inventory, VarsDir } from '../model/inventory.js';
export type { ConnectionSpec } from '../transport/spec.js';

export interface Task {
  name: string;
  /** Module name; absent for a block. */
  module?: string;
  /** Raw module arguments; strings are templated per host when the task runs. */
  args?: unknown;
  /** Where each top-level argument is written, for errors found after templating. */
  argPositions?: Record<string, { line: number; col: number }>;
  block?: Task[];
  rescue?: Task[];
  always?: Task[];
  /** Each entry must hold (Ansible's list form of `when`). */
  when: string[];
  register?: string;
  loop?: unknown;
  loopVar: string;
  /** `with_items` (flattened), `with_dict` ({key, value} pairs), `with_fileglob` (control-machine files); plain `loop` when absent. */
  loopKind?: 'items' | 'dict' | 'fileglob';
  /** Hosts at once for this task (`throttle`), below --forks. */
  throttle?: number;
  /** Show diffs for this task whatever --diff says. */
  diff?: boolean;
  /** How to become: sudo (the default) or su. */
  becomeMethod?: 'sudo' | 'su';
  /** Environment variables for every command the task runs (a template may give the whole mapping). */
  environment?: Record<string, unknown> | string;
  /** Login user when no inventory var names one (Ansible's precedence: ansible_user wins). */
  remoteUser?: string;
  /** How the target is reached when its vars do not say (ansible_connection wins). */
  connection?: 'ssh' | 'local';
  /** `async`: the task must end within this many seconds. */
  asyncSeconds?: number;
  /** `poll`: seconds between checks of an async task; 0 starts it and moves on (async_status reads it). */
  pollSeconds?: number;
  until?: string;
  retries: number;
  /** Seconds between retries. */
  delay: number;
  delegateTo?: string;
  runOnce: boolean;
  ignoreErrors: boolean;
  changedWhen?: string;
  failedWhen?: string;
  notify: string[];
  tags: string[];
  noLog: boolean;
  /** Ansible's check_mode: false runs the task for real under --check (read-only probes); true always checks. */
  checkMode?: boolean;
  become?: boolean;
  becomeUser?: string;
  /** Handlers only: extra names this handler answers to. */
  listen: string[];
  /** include_tasks / include_role: the tasks to run per host when the include runs (once per loop item). */
  included?: Task[];
  includes?: 'tasks' | 'role';
  /** `meta:` action (flush_handlers, end_play, end_host...). */
  meta?: string;
  /** A role's folder: its tasks find templates/ and files/ there. */
  baseDir?: string;
  vars: Vars;
  source: SourceRef;
}

/** A `vars_prompt` entry: asked before the play unless given by -e. */
export interface VarsPrompt {
  name: string;
  prompt: string;
  private: boolean;
  default?: unknown;
}

export interface Play {
  name: string;
  hosts: string;
  vars: Vars;
  varsFiles: string[];
  /** Batch sizes: numbers or percentages; the last repeats. */
  serial: Array<number | string>;
  strategy: 'linear' | 'free';
  become?: boolean;
  becomeUser?: string;
  anyErrorsFatal: boolean;
  maxFailPercentage?: number;
  gatherFacts: boolean;
  /** Whether any of the play's templates names a fact: gather_facts runs only then (small and lazy). */
  factsUsed?: boolean;
  tags: string[];
  tasks: Task[];
  handlers: Task[];
  /** Roles' defaults/main.yml (below inventory vars) and vars/main.yml (above vars_files). */
  roleDefaults?: Vars;
  roleVars?: Vars;
  varsPrompt?: VarsPrompt[];
  /** The folder of an imported playbook (import_playbook): its relative paths resolve there. */
  baseDir?: string;
  source: SourceRef;
}

export interface Playbook {
  file: string;
  /** Directory that relative paths (templates, src, vars_files) resolve from. */
  baseDir: string;
  plays: Play[];
}
