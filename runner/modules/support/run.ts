// Sending a changing command for a module: streamed to ctx.output, with the task's become,
// and turned into a TaskError that names host, command and the tail of stderr when it fails.
import { TaskError, tail } from '../../errors.js';
import { describeExit } from '../../transport/exit.js';
import type { ExecOptions, ExecResult } from '../../transport/types.js';
import type { ModuleContext } from '../types.js';

/** Runs `command` on the task's host, streaming its output; the result is returned as-is. */
export function runCommand(ctx: ModuleContext, command: string, options: Pick<ExecOptions, 'stdin' | 'timeoutMs'> = {}): Promise<ExecResult> {
  return ctx.transport.exec(command, { ...options, become: ctx.become, signal: ctx.signal, onOutput: (stream, text) => ctx.output(stream, text) });
}

/** Runs `command` and throws unless it exits 0. */
export async function mustSucceed(ctx: ModuleContext, command: string, options: Pick<ExecOptions, 'stdin' | 'timeoutMs'> = {}): Promise<ExecResult> {
  const r = await runCommand(ctx, command, options);
  if (r.rc !== 0) throw commandFailed(ctx, command, r);
  return r;
}

/** The error for a command that did not exit 0. */
export function commandFailed(ctx: ModuleContext, command: string, r: ExecResult): TaskError {
  const stderr = tail(r.stderr || r.stdout);
  return new TaskError(`${ctx.host}: \`${command}\` failed (${describeExit(r)})${stderr ? `:\n${stderr}` : ''}`, { host: ctx.host, task: ctx.task, command });
}
