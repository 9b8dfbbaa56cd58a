// Ansible's module contract, in TypeScript: one module per file, declaring its argument
// schema, whether it supports check mode and diff, and returning a ModuleResult.
//
// The schema is the one source of truth for a module's arguments:
// - write it with `defineModule({ argsSchema: { ... }, run(args, ctx) {...} })`: `args` is typed
//   by json-schema-to-ts's FromSchema (spread shared property objects declared `as const`);
//   use `ArgsOf<typeof schema>` to name the type elsewhere;
// - a property with a `default:` is always present in `args` (ajv's useDefaults fills it in);
// - the engine checks the arguments AFTER templating, against this schema (runner/modules/args.ts),
//   so `run` only ever sees values the schema allows (text taken as a declared number or boolean: "2379" for an integer is 2379);
// - `argRoles` tells the loader and engine what they must know about particular arguments
//   (conditions, variables named or defined, template files): they never test a module's name.
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
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
  /** For a module that `reconnects`: drops the host's connection (and a remembered failure) and opens a new one. Throws ConnectError. */
  reconnect?(): Promise<Transport>;
}

/** A JSON Schema for a module's arguments (ajv, draft-07 subset), written as a literal. */
export type ArgsSchema = Exclude<JSONSchema, boolean> & { readonly type: 'object' };

/** The arguments a schema describes, as `run` receives them (defaulted properties present). */
export type ArgsOf<S extends ArgsSchema> = FromSchema<S>;

/** The same with defaulted properties optional: for helpers that callers may give fewer keys. */
export type ArgsAsWritten<S extends ArgsSchema> = FromSchema<S, { keepDefaultedPropertiesOptional: true }>;

/** What the loader and engine must know about some arguments, declared instead of special-cased by name. */
export interface ArgRoles {
  /** Conditions the module judges itself (assert's `that`): passed untemplated, checked as conditions. */
  conditions?: readonly string[];
  /** Variable paths the module looks up itself (debug's `var`): passed untemplated, seen by lazy facts. */
  variables?: readonly string[];
  /** Template files the module renders (template's `src`): checked with the play's variables. */
  templateFiles?: readonly string[];
  /** Every argument key is a variable the module sets for later tasks (set_fact). */
  keysDefineVars?: boolean;
  /** Arguments whose rendered values are secrets (get_url's `url_password`): masked in every output. */
  secrets?: readonly string[];
}

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
  /** See ArgRoles; absent for a module whose arguments are all plain templated values. */
  argRoles?: ArgRoles;
  /** Makes its own connection attempts (wait_for_connection): the engine does not connect first, and gives it ctx.reconnect. */
  reconnects?: boolean;
  /** Its one changing command can run detached on the host (`async` with `poll: 0`, read by async_status). */
  detachable?: boolean;
  run(args: Args, ctx: ModuleContext): Promise<ModuleResult>;
}

/** A module whose `run` receives the arguments its literal `argsSchema` describes. */
// NoInfer: `run`'s parameter must not feed back into inferring S (json-schema-to-ts recurses too deep).
export function defineModule<const S extends ArgsSchema>(module: Omit<Module<NoInfer<FromSchema<S>>>, 'argsSchema'> & { argsSchema: S }): Module<FromSchema<S>> {
  return module as unknown as Module<FromSchema<S>>;
}

/** Argument names the engine leaves untemplated: the module evaluates them itself. */
export function rawArgNames(module: Module): Set<string> {
  return new Set([...(module.argRoles?.conditions ?? []), ...(module.argRoles?.variables ?? [])]);
}

/** The smallest valid result. */
export function ok(extra: Partial<ModuleResult> = {}): ModuleResult {
  return { changed: false, failed: false, ...extra };
}

/** A failed result with a message. */
export function fail(msg: string, extra: Partial<ModuleResult> = {}): ModuleResult {
  return { changed: false, failed: true, msg, ...extra };
}
