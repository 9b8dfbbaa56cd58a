// One call of a task's module on one host: template the args, pick the transport, run, catch.
import { ConnectError, FerryError } from '../errors.js';
import type { Task, Vars } from '../load/types.js';
import { modules } from '../modules/registry.js';
import { checkRenderedArgs } from '../modules/args.js';
import { fail, rawArgNames, type Module, type ModuleResult } from '../modules/types.js';
import { addSecret } from '../report/redact.js';
import { evaluate, renderString } from '../template/index.js';
import { withEnvironment } from '../transport/environment.js';
import type { Transport } from '../transport/types.js';
import { runAsync } from './async-task.js';
import { checkModeOf, moduleContext } from './context.js';
import { environmentOf } from './task-environment.js';
import type { PlayState } from './run-state.js';
import { whereOf } from './where.js';

export { whereOf };


/** Runs the task's module once for `host`. Returns a failed result for module and template errors;
 * throws ConnectError when the host (or the delegate) cannot be reached. */
export async function callModule(state: PlayState, task: Task, host: string, vars: Vars): Promise<ModuleResult> {
  const module = modules.get(task.module ?? '');
  if (!module) return fail(`unknown module "${task.module ?? ''}"`);
  if (checkModeOf(state, task) && !module.supportsCheck) {
    return { changed: false, failed: false, skipped: true, msg: `skipped: ${module.name} does not support check mode` };
  }
  try {
    const args = templateArgs(module, task, vars, host);
    for (const name of module.argRoles?.secrets ?? []) addSecret(args[name], state.run.secrets);
    const where = whereOf(task, host);
    const target = task.delegateTo ? renderString(task.delegateTo, vars, where) : host;
    const env = environmentOf(task, vars, host);
    const how = { ...(task.connection ? { connection: task.connection } : {}), ...(task.remoteUser ? { remoteUser: renderString(task.remoteUser, vars, where) } : {}) };
    const onWait = (msg: string) => state.run.emit({ kind: 'waiting', task: task.name, host, msg });
    if (module.reconnects) {
      const reconnect = () => state.run.connections.reconnect(target, onWait, how).then((t) => withEnvironment(t, env));
      return await module.run(args, { ...moduleContext(state, task, host, vars, notConnected(target)), reconnect });
    }
    const transport = await state.run.connections.get(target, onWait, how);
    const call = (t: Transport) => module.run(args, moduleContext(state, task, host, vars, t));
    const result = task.asyncSeconds ? await runAsync(task, withEnvironment(transport, env), call) : await call(withEnvironment(transport, env));
    if (!state.run.options.diff) delete result.diff;
    return result;
  } catch (err) {
    if (err instanceof ConnectError) throw err;
    if (err instanceof FerryError) return fail(err.message);
    const message = err instanceof Error ? err.message : String(err);
    return fail(`${module.name}: unexpected error: ${message}`, { exception: err instanceof Error ? err.stack : undefined });
  }
}

/** The transport a reconnecting module starts with: it must call ctx.reconnect first. */
function notConnected(host: string): Transport {
  const no = (): never => {
    throw new FerryError(`${host}: not connected (this module connects through ctx.reconnect)`);
  };
  return { name: host, connect: no, exec: no, putFile: no, getFile: no, openTunnel: no, close: async () => {} };
}

/** Templates the args with the host's vars (leaving the ones the module evaluates itself, such as
 * assert's `that`, as written), then checks them against the module's schema, defaults applied. */
function templateArgs(module: Module, task: Task, vars: Vars, host: string): Record<string, unknown> {
  let args = task.args ?? {};
  if (typeof args === 'string' && module.freeForm) args = { [module.freeForm]: args };
  if (!args || typeof args !== 'object' || Array.isArray(args)) {
    throw new FerryError(`${module.name}: arguments must be a mapping`);
  }
  const raw = rawArgNames(module);
  const out: Record<string, unknown> = {};
  const where = whereOf(task, host);
  for (const [key, value] of Object.entries(args)) {
    out[key] = raw.has(key) ? value : evaluate(value, vars, where);
  }
  return checkRenderedArgs(module, out, { host, task: task.name, ...task.source, argPositions: task.argPositions });
}
