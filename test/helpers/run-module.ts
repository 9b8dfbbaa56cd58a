// Runs a module as the engine does after templating: its arguments checked against its schema,
// defaults applied and types coerced, so tests exercise the same `args` a task would give.
import { checkRenderedArgs } from '../../runner/modules/args.js';
import type { Module, ModuleContext, ModuleResult } from '../../runner/modules/types.js';

/** Checks `args` against the module's schema (throws like the engine on a bad one), then runs it. */
export function runModule(module: Module, args: Record<string, unknown>, ctx: ModuleContext): Promise<ModuleResult> {
  const checked = checkRenderedArgs(module, args, { host: ctx.host, task: ctx.task, file: '<test>', line: 1, col: 1 });
  return module.run(checked, ctx);
}
