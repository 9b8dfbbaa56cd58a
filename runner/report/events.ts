// Everything the engine tells the outside world, as one union keyed on `kind`.
// Renderers (TTY tree, plain lines, JSON lines) consume these; redaction happens before they see them.
import type { ModuleResult } from '../modules/types.js';

export type HostStatus = 'ok' | 'changed' | 'failed' | 'skipped' | 'unreachable';

export interface HostCounts {
  ok: number;
  changed: number;
  failed: number;
  skipped: number;
  unreachable: number;
  rescued: number;
  ignored: number;
}

export type FerryEvent =
  | { kind: 'run_start'; playbook: string; check: boolean; time: string }
  | { kind: 'play_start'; play: string; hosts: string[] }
  | { kind: 'batch_start'; play: string; hosts: string[] }
  | { kind: 'task_start'; play: string; task: string; hosts: string[] }
  | { kind: 'host_start'; task: string; host: string; item?: unknown }
  /** Live command output (streamed under -v). */
  | { kind: 'output'; task: string; host: string; stream: 'stdout' | 'stderr'; text: string; noLog?: boolean }
  /** A module's progress line while it waits (catch-up of a learner, a retry). */
  | { kind: 'progress'; task: string; host: string; msg: string; noLog?: boolean }
  /** A host accepted the login but is slow to start the session; shown always, as it happens. */
  | { kind: 'waiting'; task: string; host: string; msg: string }
  | { kind: 'retry'; task: string; host: string; attempt: number; retries: number; msg?: string; noLog?: boolean }
  | {
      kind: 'host_result';
      task: string;
      host: string;
      status: HostStatus;
      result: ModuleResult;
      durationMs: number;
      item?: unknown;
      ignored?: boolean;
      /** The task had `no_log`: redaction replaces the result before any renderer sees it. */
      noLog?: boolean;
    }
  | { kind: 'task_end'; play: string; task: string; durationMs: number }
  | { kind: 'handler_start'; play: string; handler: string; hosts: string[] }
  | { kind: 'play_end'; play: string; durationMs: number }
  | { kind: 'warning'; msg: string; host?: string; task?: string }
  | { kind: 'recap'; hosts: Record<string, HostCounts>; durationMs: number; ok: boolean };

export type FerryEventKind = FerryEvent['kind'];

/** A sink for events; the engine and modules never print. */
export type Emit = (event: FerryEvent) => void;
