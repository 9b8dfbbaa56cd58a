// A fact is a command plus a pure parser (pyinfra): modules read facts first and decide from
// them, so check mode and fixture tests need no host.
import { TaskError, tail } from '../../errors.js';
import { describeExit } from '../../transport/exit.js';
import type { ModuleContext } from '../types.js';

/** What a fact reads from a host and how its output becomes a value. */
export interface Fact<T> {
  command: string;
  /** Exit codes the parser understands; anything else is an error (default: 0 only). */
  okRcs?: number[];
  parse(stdout: string, rc: number): T;
}

/** Runs a fact's command on the task's host (with the task's become) and parses the output. */
export async function readFact<T>(ctx: ModuleContext, fact: Fact<T>): Promise<T> {
  const r = await ctx.transport.exec(fact.command, { become: ctx.become, signal: ctx.signal });
  if (r.rc === null || !(fact.okRcs ?? [0]).includes(r.rc)) {
    throw new TaskError(`${ctx.host}: reading state failed (${describeExit(r)}): ${fact.command}\n${tail(r.stderr)}`, {
      host: ctx.host,
      task: ctx.task,
      command: fact.command,
    });
  }
  return fact.parse(r.stdout, r.rc);
}
