// Ansible's module contract, in TypeScript: one module per file, declaring its argument
// schema, whether it supports check mode and diff, and returning a ModuleResult.
import type { BecomeSpec, Transport } from '../transport/types.js';

/** A before/after pair for `--diff`, rendered as a unified diff by the reporters. */
export interface FileDiff {
  path: string;
  before: string;
  after: string;
}

export interface ModuleResult {
  changed: boolean;
  failed: boolean;
  msg?: string;
  rc?: number | null;
  stdout?: string;
  stderr?: string;
  diff?: FileDiff[];
  /** Show `msg` from this `-v` level on, even when all went well (debug: 0, i.e. always). */
  show_msg_from_verbosity?: number;
  /** Variables to set on the host for the rest of the run (set_fact, setup); the engine merges them. */
  facts?: Record<string, unknown>;
  /** A module may add its own data (members, status rows, the initial-cluster string...). */
  [key: string]: unknown;
}

/** Resources that live for the whole run (tunnels, etcd clients), closed when the run ends. */
export interface RunResources {
  get<T>(key: string, create: () => Promise<T>, dispose: (value: T) => Promise<void> | void): Promise<T>;
}

export interface ModuleContext {
  /** Inventory name of the host the task runs for. */
  host: string;
  /** Name of the task, for messages. */
  task: string;
  /** The connection of the host the task executes on (the delegate's, under delegate_to). */
  transport: Transport;
  check: boolean;
  diff: boolean;
  /** This host's variables, fully merged (inventory, play, facts, registered, extra). */
  vars: Record<string, unknown>;
  /** Set when the task runs with become. */
  become?: BecomeSpec;
  /** Renders a template source with this host's variables, in strict mode. */
  render(source: string, templateName: string): string;
  /** Directory relative paths (src:, templates) are resolved against. */
  baseDir: string;
  /** Progress lines while a module waits; streamed output. Modules never print. */
  progress(msg: string): void;
  output(stream: 'stdout' | 'stderr', text: string): void;
  resources: RunResources;
  signal: AbortSignal;
  /** True when the TTY is interactive (pause prompts). */
  interactive: boolean;
  /** Asks the operator a question on the TTY (pause module). */
  prompt?(question: string): Promise<string>;
}

/** A JSON Schema for a module's arguments (ajv, draft-07 subset). */
export type ArgsSchema = Record<string, unknown> & { type: 'object' };

export interface Module<Args = any> {
  name: string;
  /** One line for `--help` and the README. */
  description: string;
  argsSchema: ArgsSchema;
  /** For `command: ls -l` style strings: the argument name the string becomes. */
  freeForm?: string;
  supportsCheck: boolean;
  supportsDiff: boolean;
  /** Runs on the control machine; no command is sent unless it uses ctx.transport (e.g. tunnels). */
  controlSide?: boolean;
  /** Argument names the engine passes as written, untemplated (assert's `that`, debug's `var`). */
  rawArgs?: string[];
  run(args: Args, ctx: ModuleContext): Promise<ModuleResult>;
}

/** The smallest valid result. */
export function ok(extra: Partial<ModuleResult> = {}): ModuleResult {
  return { changed: false, failed: false, ...extra };
}

/** A failed result with a message. */
export function fail(msg: string, extra: Partial<ModuleResult> = {}): ModuleResult {
  return { changed: false, failed: true, msg, ...extra };
}
