// The ModuleContext a module gets for one task on one host.
import type { Task, Vars } from '../load/types.js';
import type { ModuleContext } from '../modules/types.js';
import { FerryError } from '../errors.js';
import { compileTemplate, renderString } from '../template/index.js';
import { whereOf } from './where.js';
import type { BecomeSpec, Transport } from '../transport/types.js';
import type { PlayState } from './run-state.js';

/** A user name sudo -u can take: a POSIX-ish name or `#uid`; anything else is refused, not passed on. */
const USER_NAME = /^(?:[A-Za-z_][A-Za-z0-9_.-]*\$?|#\d+)$/;

/** The become spec of a task: task < play < inventory `become`, with the run's password; become_user templated. */
export function becomeFor(state: PlayState, task: Task, vars: Vars, host: string): BecomeSpec | undefined {
  const inventoryBecome = vars.become ?? vars.ansible_become;
  const on = task.become ?? state.play.become ?? isTrue(inventoryBecome);
  if (!on) return undefined;
  const written = task.becomeUser ?? state.play.becomeUser ?? stringVar(vars.become_user ?? vars.ansible_become_user) ?? 'root';
  const user = renderString(written, vars, whereOf(task, host));
  if (!USER_NAME.test(user)) {
    const shown = written === user ? JSON.stringify(user) : `${JSON.stringify(user)} (from ${JSON.stringify(written)})`;
    throw new FerryError(`${task.source.file}:${task.source.line}:${task.source.col}: task "${task.name}": become_user ${shown} is not a user name`);
  }
  const password = state.run.options.becomePassword;
  const method = task.becomeMethod ?? (vars.ansible_become_method === 'su' ? 'su' : undefined);
  return { user, ...(password === undefined ? {} : { password }), ...(method === 'su' ? { method } : {}) };
}

/** Whether this task runs in check mode: its own `check_mode` wins over --check. */
export function checkModeOf(state: PlayState, task: Task): boolean {
  return task.checkMode ?? state.run.options.check ?? false;
}

/** Builds the context; progress and output become events (suppressed under no_log). */
export function moduleContext(
  state: PlayState,
  task: Task,
  host: string,
  vars: Vars,
  transport: Transport,
): ModuleContext {
  const { run } = state;
  const emit = run.emit;
  return {
    host,
    task: task.name,
    transport,
    check: checkModeOf(state, task),
    diff: task.diff ?? run.options.diff ?? false,
    vars,
    become: becomeFor(state, task, vars, host),
    render: (source, templateName) => compileTemplate(source, templateName, { file: true }).render(vars, host),
    baseDir: task.baseDir ?? state.play.baseDir ?? run.playbook.baseDir,
    progress: (msg) => emit({ kind: 'progress', task: task.name, host, msg, ...(task.noLog ? { noLog: true } : {}) }),
    output: (stream, text) => emit({ kind: 'output', task: task.name, host, stream, text, ...(task.noLog ? { noLog: true } : {}) }),
    resources: run.resources,
    signal: run.signal,
    interactive: run.options.interactive ?? false,
    prompt: run.options.prompt,
  };
}

// Ansible's boolean(): INI inventories give `ansible_become=True` or `yes` as strings.
function isTrue(value: unknown): boolean {
  return value === true || value === 1 || (typeof value === 'string' && ['y', 'yes', 'on', '1', 'true', 't'].includes(value.toLowerCase()));
}

function stringVar(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
